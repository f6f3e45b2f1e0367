/* proc.c: the process table and the life of a process: creation (the
 * first process; fork is in fork.c), exit, wait4. Every process but the idle one
 * has its own kernel stack, whose top holds its saved user registers. */
#include "kernel/proc.h"
#include "kernel/errno.h"
#include "kernel/ipc_sem.h"
#include "kernel/exec.h"
#include "kernel/fs/path.h"
#include "kernel/fork.h"
#include "kernel/identity.h"
#include "kernel/power.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/string.h"
#include "kernel/x86/trap.h"
#include "mm/kmalloc.h"
#include "mm/mm.h"
#include "mm/uaccess.h"

struct proc proc_table[NPROC];
struct proc *current;
static int next_pid = 1;
static struct proc *init_proc;

void trap_return(void);

void proc_init(void)
{
    struct proc *idle = &proc_table[0];
    idle->pid = 0;
    idle->state = PROC_RUNNING;
    strlcpy(idle->name, "idle", PROC_NAME_LEN);
    current = idle;
}

struct proc *proc_alloc(void)
{
    struct proc *p = 0;
    for (int i = 1; i < NPROC; i++) {
        if (proc_table[i].state == PROC_UNUSED) {
            p = &proc_table[i];
            break;
        }
    }
    if (!p)
        return 0;
    void *kstack = kmalloc(KSTACK_SIZE);
    void *sigtab = kmalloc(SIGTABLES_SIZE);
    if (!kstack || !sigtab) {
        kfree(kstack);
        kfree(sigtab);
        return 0;
    }
    memset(p, 0, sizeof *p);
    p->kstack = kstack;
    signal_tables_attach(&p->sig, sigtab);
    p->pid = next_pid++;
    p->state = PROC_SLEEPING;           /* not runnable until filled in */
    uint32_t *sp = (uint32_t *)((char *)kstack + KSTACK_SIZE);
    sp = (uint32_t *)((char *)sp - sizeof(struct trapframe));
    p->tf = (struct trapframe *)sp;
    memset(p->tf, 0, sizeof *p->tf);
    *--sp = (uint32_t)trap_return;      /* fork_child_start returns here */
    *--sp = (uint32_t)fork_child_start; /* sched_switch returns here */
    for (int i = 0; i < 4; i++)
        *--sp = 0;                      /* ebp, ebx, esi, edi */
    p->kernel_esp = (uint32_t)sp;
    return p;
}

void proc_free(struct proc *p)
{
    path_attrs_put(p);                  /* its working directory, its program */
    kfree(p->kstack);
    kfree(signal_tables(&p->sig));
    memset(p, 0, sizeof *p);
    p->state = PROC_UNUSED;
}

/* The kernel stack of a process that freed its own slot (autoreap): it
 * ran on it to the last switch, so the next process to run frees it. */
static void *dead_kstack;

void proc_free_dead_stack(void)
{
    kfree(dead_kstack);
    dead_kstack = 0;
}

/* Frees the slot of the current process, which is exiting with nobody to
 * wait for it: all but the stack it is running on, which it leaves to
 * proc_free_dead_stack. */
static void proc_free_self(struct proc *p)
{
    void *kstack = p->kstack;
    p->kstack = 0;
    proc_free(p);
    proc_free_dead_stack();             /* another's, if nothing ran since */
    dead_kstack = kstack;
}

int proc_start_init(const char *path, const char *const *argv, int argc)
{
    static const char *const envp[] = { "HOME=/", "PATH=/bin", "TERM=vt100", 0 };
    struct proc *p = proc_alloc();
    if (!p)
        return -ENOMEM;
    identity_init_first(p);
    int err = exec_start(p, path, argv, argc, envp, 3);
    if (!err)
        err = fdtable_open_console(&p->files);
    if (err < 0) {
        if (p->mm)
            mm_destroy(p->mm);
        proc_free(p);
        return err;
    }
    init_proc = p;
    p->state = PROC_RUNNABLE;
    return 0;
}

struct fdtable *proc_files(void)
{
    return &current->files;
}

void proc_exit(int wait_status)
{
    struct proc *p = current;
    if (p == init_proc) {
        int n = (wait_status & 0x7F) ? 128 + (wait_status & 0x7F) : (wait_status >> 8) & 0xFF;
        printk("init exited with status %d\n", n);
        power_off(n);
    }
    ipc_sem_exit(p->pid);               /* SEM_UNDO */
    fdtable_close_all(&p->files);
    if (p->mm) {
        fork_clear_child_tid(p);
        struct mm *mm = p->mm;
        p->mm = 0;
        mm_switch(0);
        fork_mm_put(p, mm);
    }
    for (int i = 0; i < NPROC; i++) {
        if (proc_table[i].parent == p) {
            proc_table[i].parent = init_proc;
            if (proc_table[i].state == PROC_ZOMBIE)
                wakeup(init_proc);
        }
    }
    p->exit_status = wait_status;
    struct proc *parent = p->parent;
    if (signal_child_exit(p, wait_status)) {
        proc_free_self(p);              /* the parent wants no zombies */
    } else {
        p->state = PROC_ZOMBIE;
    }
    wakeup(parent);
    schedule();
    panic("proc_exit: zombie pid %d was scheduled", p->pid);
}

long sys_exit(int code)
{
    proc_exit(WAIT_EXITED(code));
}

#define WNOHANG 1

long sys_wait4(int pid, int *ustatus, int options, void *urusage)
{
    for (;;) {
        int have_children = 0;
        for (int i = 0; i < NPROC; i++) {
            struct proc *c = &proc_table[i];
            if (c->parent != current || c->state == PROC_UNUSED)
                continue;
            if (pid > 0 && c->pid != pid)   /* pid -1, 0, < -1: any child */
                continue;
            have_children = 1;
            if (c->state != PROC_ZOMBIE)
                continue;
            if (ustatus && copy_to_user(ustatus, &c->exit_status, sizeof(int)) < 0)
                return -EFAULT;
            if (rusage_reap(current, c, urusage) < 0)
                return -EFAULT;
            int cpid = c->pid;
            proc_free(c);
            return cpid;
        }
        if (!have_children)
            return -ECHILD;
        if (options & WNOHANG)
            return 0;
        if (signal_pending())
            return -ERESTARTSYS;        /* -EINTR, or again after a SA_RESTART handler */
        sleep_on(current);
    }
}

long sys_waitpid(int pid, int *ustatus, int options)
{
    return sys_wait4(pid, ustatus, options, 0);
}

long sys_getpid(void)
{
    return current->pid;
}

long sys_getppid(void)
{
    return current->parent ? current->parent->pid : 0;
}
