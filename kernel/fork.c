/* fork.c: making processes. fork, vfork and clone all come down to
 * do_clone: a new process with a copy (or, for vfork, a loan) of the
 * caller's address space, a copy of its descriptors, registers, TLS
 * descriptors and FPU state. Also the thread-id calls glibc's and musl's
 * start-up make (set_tid_address, set_robust_list, gettid): a process here
 * is one thread, whose id is its pid.
 *
 * vfork: the child runs in its parent's address space (CLONE_VM) while the
 * parent sleeps in do_clone; when the child execs or exits it gives the mm
 * back without freeing it (fork_mm_put) and wakes the parent. */
#include "kernel/fork.h"
#include "kernel/clone_flags.h"
#include "kernel/errno.h"
#include "kernel/fs/path.h"
#include "kernel/printk.h"
#include "kernel/proc.h"
#include "kernel/signal.h"
#include "kernel/sched.h"
#include "kernel/string.h"
#include "kernel/x86/fpu.h"
#include "kernel/x86/tls.h"
#include "kernel/x86/trap.h"
#include "mm/mm.h"
#include "mm/uaccess.h"

void fork_child_start(void)
{
    proc_free_dead_stack();             /* the process that ran before, if it exited */
    if (current->set_child_tid) {
        int tid = current->pid;             /* a bad pointer is ignored, as on Linux */
        copy_to_user(current->set_child_tid, &tid, sizeof tid);
        current->set_child_tid = 0;
    }
}

void fork_clear_child_tid(struct proc *p)
{
    if (p->clear_child_tid && p->mm_borrowed) {
        int zero = 0;                       /* no futex waiters to wake: no threads */
        copy_to_user(p->clear_child_tid, &zero, sizeof zero);
    }
    p->clear_child_tid = 0;
}

void fork_mm_put(struct proc *p, struct mm *mm)
{
    if (!p->mm_borrowed)
        mm_destroy(mm);
    p->mm_borrowed = 0;
    if (p->vfork_parent) {
        p->vfork_parent->vfork_child = 0;
        wakeup(&p->vfork_parent->vfork_child);
        p->vfork_parent = 0;
    }
}

/* Reads and checks CLONE_SETTLS's struct user_desc into *u. Unlike
 * set_thread_area, the entry must be named (no -1). 0, -EFAULT, -EINVAL. */
static int read_tls(const struct user_desc *utls, struct user_desc *u)
{
    struct tls_state none = { { 0, 0, 0 } };
    if (copy_from_user(u, utls, sizeof *u) < 0)
        return -EFAULT;
    if (u->entry_number == (uint32_t)-1)
        return -EINVAL;
    int entry = tls_choose_entry(&none, u);
    return entry < 0 ? entry : 0;
}

/* The new process's address space: a copy of the caller's, or (CLONE_VM,
 * vfork only) the caller's own. 0 or -ENOMEM. */
static int clone_mm(struct proc *np, uint32_t flags)
{
    if (flags & CLONE_VM) {
        np->mm = current->mm;
        np->mm_borrowed = 1;
        return 0;
    }
    np->mm = mm_copy(current->mm);
    return np->mm ? 0 : -ENOMEM;
}

/* Copies the caller's user state into np: registers (with the child's
 * return value 0 and, if given, its new stack), TLS descriptors, FPU. */
static void clone_registers(struct proc *np, uint32_t newsp)
{
    *np->tf = *current->tf;
    np->tf->eax = 0;                        /* the child's clone returns 0 */
    if (newsp)
        np->tf->user_esp = newsp;
    np->tls = current->tls;
    fpu_save(&current->fpu);                /* the live registers, then a copy */
    np->fpu = current->fpu;
    signal_fork(&np->sig, &current->sig);   /* handlers and mask; nothing pending */
}

/* clone with checked flags. Returns the child's pid, or -EAGAIN (no free
 * process slot), -ENOMEM, -EFAULT or -EINVAL (bad TLS descriptor). */
static long do_clone(uint32_t flags, uint32_t newsp, int *parent_tid,
                     const struct user_desc *utls, int *child_tid)
{
    struct user_desc tls;
    int err = (flags & CLONE_SETTLS) ? read_tls(utls, &tls) : 0;
    if (err < 0)
        return err;
    struct proc *np = proc_alloc();
    if (!np) {
        trace(TRACE_FORK, "pid %d (%s) fork refused: no free process slot", current->pid,
              current->name);
        return -EAGAIN;
    }
    if (clone_mm(np, flags) < 0 || fdtable_copy(&np->files, &current->files) < 0) {
        if (np->mm && !np->mm_borrowed)
            mm_destroy(np->mm);
        proc_free(np);
        trace(TRACE_FORK, "pid %d (%s) fork refused: out of memory", current->pid,
              current->name);
        return -ENOMEM;
    }
    clone_registers(np, newsp);
    if (flags & CLONE_SETTLS)
        tls_install(&np->tls, (int)tls.entry_number, &tls);
    np->parent = (flags & CLONE_PARENT) && current->parent ? current->parent : current;
    memcpy(np->name, current->name, PROC_NAME_LEN);
    np->attrs = current->attrs;             /* group, session, limits, cwd, umask */
    path_attrs_get(np);                     /* the names are shared */
    if (flags & CLONE_CHILD_SETTID)
        np->set_child_tid = child_tid;
    if (flags & CLONE_CHILD_CLEARTID)
        np->clear_child_tid = child_tid;
    int pid = np->pid;
    if (flags & CLONE_PARENT_SETTID)
        copy_to_user(parent_tid, &pid, sizeof pid);     /* errors ignored, as on Linux */
    if (flags & CLONE_VFORK) {
        np->vfork_parent = current;
        current->vfork_child = np;
    }
    np->state = PROC_RUNNABLE;
    trace(TRACE_FORK, "pid %d (%s) forked pid %d%s", current->pid, current->name, pid,
          (flags & CLONE_VFORK) ? " (vfork)" : "");
    /* vfork: sleep until the child execs or exits. A kill ends the wait
     * only when the child has memory of its own (CLONE_VFORK without
     * CLONE_VM, as on Linux): one that borrows this process's may be
     * running in it. Out of memory, the child may be waiting for this
     * process to die, so the wait must not outlast a kill. */
    while (current->vfork_child) {
        struct proc *child = current->vfork_child;
        if (current->killed && !child->mm_borrowed) {
            child->vfork_parent = 0;    /* nothing to wake when it is done */
            current->vfork_child = 0;
            break;
        }
        sleep_on(&current->vfork_child);
    }
    return pid;
}

long sys_fork(void)
{
    return do_clone(SIGCHLD, 0, 0, 0, 0);
}

long sys_vfork(void)
{
    return do_clone(CLONE_VM | CLONE_VFORK | SIGCHLD, 0, 0, 0, 0);
}

/* clone(120), with i386's argument order: flags, new stack, parent tid
 * pointer, TLS descriptor, child tid pointer. */
long sys_clone(uint32_t flags, uint32_t newsp, int *parent_tid, struct user_desc *tls,
               int *child_tid)
{
    int err = clone_flags_check(flags);
    if (err < 0)
        return err;
    return do_clone(flags, newsp, parent_tid, tls, child_tid);
}

/* clone3(435): not provided; glibc and musl fall back to clone. */
long sys_clone3(void)
{
    return -ENOSYS;
}

/* set_tid_address(258): the word to clear at exit (CLONE_CHILD_CLEARTID's
 * meaning); returns the caller's tid. */
long sys_set_tid_address(int *tidptr)
{
    current->clear_child_tid = tidptr;
    return current->pid;
}

/* set_robust_list(311): where the thread's list of robust futexes is.
 * Recorded only: with one thread per process, nobody waits on them when
 * it dies. len must be sizeof(struct robust_list_head), 12 on i386. */
long sys_set_robust_list(void *head, uint32_t len)
{
    if (len != 12)
        return -EINVAL;
    current->robust_list = head;
    return 0;
}

/* gettid(224): a process's only thread has the process's id. */
long sys_gettid(void)
{
    return current->pid;
}

/* rseq(386): restartable sequences are not provided; glibc then goes on
 * without them. */
long sys_rseq(void)
{
    return -ENOSYS;
}
