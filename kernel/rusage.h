/* rusage.h: what a process has used: page faults (minor and major),
 * CPU time (user and system, measured with the TSC at every switch and
 * system call) and context switches; getrusage(2) and times(2) report
 * them, and a waited-for child's totals join its parent's "children". */
#ifndef KERNEL_RUSAGE_H
#define KERNEL_RUSAGE_H

#include <stdint.h>
#include "kernel/x86/x86.h"

struct proc;

struct proc_usage {
    uint32_t minflt;            /* faults resolved without reading a disk */
    uint32_t majflt;            /* faults that read a page from swap */
    uint32_t nvcsw, nivcsw;     /* gave up the CPU / was preempted */
    uint64_t cpu_cycles;        /* TSC cycles on the CPU, user and system */
    uint64_t sys_cycles;        /* ... of them inside system calls */
    uint64_t run_since;         /* TSC when it last got the CPU (running) */
    uint64_t sys_since;         /* TSC when it entered its current system
                                   call (or got the CPU back inside it); 0
                                   in user mode */
};

/* The fault path: one resolved fault of the current process (its usage
 * u); major when it read the page from swap. */
static inline void rusage_count_fault(struct proc_usage *u, int major)
{
    if (major)
        u->majflt++;
    else
        u->minflt++;
}

/* schedule(): prev gives the CPU to next (the TSC is read once). */
void rusage_switch(struct proc *prev, struct proc *next);

/* syscall_dispatch: the current process (its usage u) enters / leaves a
 * system call. Inline: they run on every call. */
static inline void rusage_syscall_enter(struct proc_usage *u)
{
    u->sys_since = rdtsc();
}

static inline void rusage_syscall_leave(struct proc_usage *u)
{
    if (u->sys_since)
        u->sys_cycles += rdtsc() - u->sys_since;
    u->sys_since = 0;
}

/* CPU time of p so far in nanoseconds: user + system (which = 0), system
 * only (1), or user only (2); its running interval is included. */
uint64_t rusage_cpu_ns(const struct proc *p, int which);

/* wait4: child (a zombie) is reaped by parent: its usage and its own
 * children's join parent's children. urusage (may be NULL) gets the
 * child's rusage. Returns 0 or -EFAULT. */
int rusage_reap(struct proc *parent, const struct proc *child, void *urusage);

long sys_getrusage(int who, void *urusage);                                    /* 77 */
long sys_times(void *utms);                                                    /* 43 */

#endif
