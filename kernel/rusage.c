/* rusage.c: what each process uses (see rusage.h). CPU time is measured,
 * not sampled: the TSC is read when a process gets and gives up the CPU
 * and when it enters and leaves a system call, so user time is time on
 * the CPU outside system calls (its page faults and interrupts included)
 * and system time the rest. kernel/clock.c turns cycles into time. */
#include "kernel/rusage.h"
#include "kernel/clock.h"
#include "kernel/errno.h"
#include "kernel/proc.h"
#include "kernel/string.h"
#include "kernel/x86/timer.h"
#include "kernel/x86/x86.h"
#include "mm/mm.h"
#include "mm/uaccess.h"

void rusage_switch(struct proc *prev, struct proc *next)
{
    uint64_t now = rdtsc();
    struct proc_usage *u = &prev->usage;
    if (u->run_since)
        u->cpu_cycles += now - u->run_since;
    if (u->sys_since)
        u->sys_cycles += now - u->sys_since;
    if (prev->state == PROC_RUNNABLE)
        u->nivcsw++;                    /* preempted */
    else
        u->nvcsw++;                     /* went to sleep (or exited) */
    next->usage.run_since = now;
    if (next->usage.sys_since)
        next->usage.sys_since = now;    /* back inside its system call */
}

/* Cycles of u: total (which 0), system (1), user (2); a running process's
 * current interval included. */
static uint64_t cycles(const struct proc_usage *u, int running, int which)
{
    uint64_t now = rdtsc(), cpu = u->cpu_cycles, sys = u->sys_cycles;
    if (running && u->run_since)
        cpu += now - u->run_since;
    if (running && u->sys_since)
        sys += now - u->sys_since;
    if (sys > cpu)
        sys = cpu;
    return which == 0 ? cpu : which == 1 ? sys : cpu - sys;
}

uint64_t rusage_cpu_ns(const struct proc *p, int which)
{
    return clock_cycles_to_ns(cycles(&p->usage, p == current, which));
}

/* Linux i386's struct rusage: 72 bytes. */
struct linux_rusage {
    int32_t utime_sec, utime_usec, stime_sec, stime_usec;
    int32_t maxrss, ixrss, idrss, isrss, minflt, majflt, nswap, inblock, oublock;
    int32_t msgsnd, msgrcv, nsignals, nvcsw, nivcsw;
};
_Static_assert(sizeof(struct linux_rusage) == 72, "struct rusage is Linux's");

/* Adds the counts of u (running: the current process's own) to r. */
static void rusage_add(struct linux_rusage *r, const struct proc_usage *u, int running)
{
    uint64_t us = clock_cycles_to_ns(cycles(u, running, 2)) / 1000 + r->utime_usec +
                  (uint64_t)r->utime_sec * 1000000;
    uint64_t ss = clock_cycles_to_ns(cycles(u, running, 1)) / 1000 + r->stime_usec +
                  (uint64_t)r->stime_sec * 1000000;
    r->utime_sec = (int32_t)(us / 1000000);
    r->utime_usec = (int32_t)(us % 1000000);
    r->stime_sec = (int32_t)(ss / 1000000);
    r->stime_usec = (int32_t)(ss % 1000000);
    r->minflt += (int32_t)u->minflt;
    r->majflt += (int32_t)u->majflt;
    r->nvcsw += (int32_t)u->nvcsw;
    r->nivcsw += (int32_t)u->nivcsw;
}

/* Adds the cycle and event counts of u to acc. */
static void usage_add(struct proc_usage *acc, const struct proc_usage *u)
{
    acc->minflt += u->minflt;
    acc->majflt += u->majflt;
    acc->nvcsw += u->nvcsw;
    acc->nivcsw += u->nivcsw;
    acc->cpu_cycles += u->cpu_cycles;
    acc->sys_cycles += u->sys_cycles;
}

int rusage_reap(struct proc *parent, const struct proc *child, void *urusage)
{
    usage_add(&parent->children, &child->usage);
    usage_add(&parent->children, &child->children);
    if (!urusage)
        return 0;
    struct linux_rusage r;
    memset(&r, 0, sizeof r);
    rusage_add(&r, &child->usage, 0);
    rusage_add(&r, &child->children, 0);
    return copy_to_user(urusage, &r, sizeof r) < 0 ? -EFAULT : 0;
}

#define RUSAGE_SELF 0
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_THREAD 1

/* ru_maxrss is the resident size now (KiB), not the peak: peaks are not
 * tracked; children report none. */
long sys_getrusage(int who, void *urusage)
{
    struct linux_rusage r;
    memset(&r, 0, sizeof r);
    if (who == RUSAGE_SELF || who == RUSAGE_THREAD) {
        rusage_add(&r, &current->usage, 1);
        uint32_t resident = 0, swapped = 0;
        if (current->mm)
            mm_count_pages(current->mm, &resident, &swapped);
        r.maxrss = (int32_t)(resident * 4);
    } else if (who == RUSAGE_CHILDREN) {
        rusage_add(&r, &current->children, 0);
    } else {
        return -EINVAL;
    }
    return copy_to_user(urusage, &r, sizeof r) < 0 ? -EFAULT : 0;
}

/* times(2): CPU times in clock ticks of 1/100 s (USER_HZ, which is
 * TIMER_HZ here); returns the ticks since boot. */
long sys_times(void *utms)
{
    const uint64_t ns_per_tick = 1000000000 / TIMER_HZ;
    int32_t t[4] = {
        (int32_t)(rusage_cpu_ns(current, 2) / ns_per_tick),
        (int32_t)(rusage_cpu_ns(current, 1) / ns_per_tick),
        (int32_t)(clock_cycles_to_ns(cycles(&current->children, 0, 2)) / ns_per_tick),
        (int32_t)(clock_cycles_to_ns(cycles(&current->children, 0, 1)) / ns_per_tick),
    };
    if (utms && copy_to_user(utms, t, sizeof t) < 0)
        return -EFAULT;
    return (long)jiffies;
}
