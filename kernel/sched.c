/* sched.c: the scheduler. Round-robin over the process table with a time
 * slice of SLICE_TICKS timer ticks; the idle process (pid 0) runs when no
 * other can. The kernel runs with interrupts off (every trap enters
 * through an interrupt gate), so a process gives up the CPU only here:
 * when it sleeps, exits, or is preempted on its way back to user mode. */
#include "kernel/sched.h"
#include "kernel/errno.h"
#include "kernel/x86/fpu.h"
#include "kernel/x86/gdt.h"
#include "kernel/proc.h"
#include "kernel/rusage.h"
#include "kernel/signal.h"
#include "kernel/x86/timer.h"
#include "kernel/x86/x86.h"
#include "mm/mm.h"

#define SLICE_TICKS 5

void sched_switch(uint32_t *save_esp, uint32_t new_esp);

volatile int need_resched;
static uint32_t slice_start;

/* The next runnable process after current in table order, or NULL. */
static struct proc *pick_next(void)
{
    int start = (int)(current - proc_table);
    for (int i = 1; i <= NPROC; i++) {
        struct proc *p = &proc_table[(start + i) % NPROC];
        if (p->state == PROC_RUNNABLE && p->pid != 0)
            return p;
    }
    return 0;
}

/* Hands the processor's per-process state other than memory from prev to
 * next: the FPU/SSE registers (saved eagerly at every switch: see
 * kernel/x86/fpu.c for why) and the TLS descriptors in the GDT. The idle
 * process has neither. */
static void switch_user_state(struct proc *prev, struct proc *next)
{
    if (prev != &proc_table[0])
        fpu_save(&prev->fpu);
    if (next != &proc_table[0]) {
        fpu_restore(&next->fpu);
        gdt_load_tls(&next->tls);
    }
}

/* Gives the CPU to the next runnable process (interrupts off). Returns
 * when current is chosen to run again. */
void schedule(void)
{
    struct proc *prev = current;
    struct proc *next = pick_next();
    if (!next)
        next = prev->state == PROC_RUNNING ? prev : &proc_table[0];
    if (prev->state == PROC_RUNNING)
        prev->state = PROC_RUNNABLE;
    next->state = PROC_RUNNING;
    slice_start = jiffies;
    need_resched = 0;
    if (next == prev)
        return;
    rusage_switch(prev, next);          /* CPU time: prev stops, next starts */
    current = next;
    tss_set_kernel_stack((uint32_t)next->kstack + KSTACK_SIZE);
    if (next->mm && next->mm != prev->mm)
        mm_switch(next->mm);
    switch_user_state(prev, next);
    sched_switch(&prev->kernel_esp, next->kernel_esp);
    proc_free_dead_stack();             /* prev's, if it has just exited */
}

int sleep_on(void *chan)
{
    current->chan = chan;
    current->state = PROC_SLEEPING;
    schedule();
    current->chan = 0;
    return current->killed ? -EINTR : 0;
}

void wakeup(void *chan)
{
    for (int i = 0; i < NPROC; i++)
        if (proc_table[i].state == PROC_SLEEPING && proc_table[i].chan == chan)
            proc_table[i].state = PROC_RUNNABLE;
}

/* Called on every timer tick (interrupt context). */
void sched_tick(void)
{
    wakeup((void *)&jiffies);           /* nanosleep's channel */
    itimer_tick();                      /* alarm, setitimer */
    if (jiffies - slice_start >= SLICE_TICKS)
        need_resched = 1;
}

void proc_before_user_return(struct trapframe *tf)
{
    signal_deliver(tf);
    if (need_resched)
        schedule();
    signal_deliver(tf);                 /* what arrived while others ran */
}

/* The idle process: wait for an interrupt, then let anything that became
 * runnable run. */
void sched_idle(void)
{
    for (;;) {
        __asm__ volatile("sti; hlt; cli");
        schedule();
    }
}

long sys_sched_yield(void)
{
    schedule();
    return 0;
}
