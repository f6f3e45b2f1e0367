/* signal.c: sending signals, acting on them at the return to user mode,
 * and the system calls that set handlers and masks, wait for signals and
 * send them. The frames handlers run on are kernel/x86/sigframe.c; alarm
 * and setitimer are kernel/itimer.c.
 *
 * One instance of each signal can be pending (a second one sent before
 * the first is taken is merged with it, as for Linux's standard signals;
 * we do not queue the real-time ones). A signal is taken when its process
 * returns to user mode (signal_deliver, called from the trap return):
 *
 *   action             what happens
 *   -----------------  ------------------------------------------------
 *   SIG_IGN            nothing (an ignored signal is dropped when sent,
 *                      unless blocked)
 *   SIG_DFL, ignore    nothing: SIGCHLD, SIGURG, SIGWINCH, SIGCONT, and
 *                      the stop signals (we have no job control)
 *   SIG_DFL, term      the process ends, wait status = the signal
 *   SIG_DFL, core      the same with the core bit 0x80 (no file is written)
 *   a handler          a frame on the user stack, registers set to enter
 *                      the handler; sigreturn takes the frame back
 *
 * A system call interrupted by a signal (a sleep that saw signal_pending)
 * returns one of Linux's -ERESTART* codes; here they become -EINTR, or the
 * call is made again (its int 0x80 re-executed) when the handler has
 * SA_RESTART or no handler runs. */
#include "kernel/signal.h"
#include "kernel/errno.h"
#include "kernel/proc.h"
#include "kernel/sched.h"
#include "kernel/string.h"
#include "kernel/x86/sigframe.h"
#include "kernel/x86/timer.h"
#include "kernel/x86/trap.h"
#include "mm/uaccess.h"

#define UNBLOCKABLE (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))
/* Signals a fault raises: taken before any other pending one. */
#define SYNCHRONOUS (SIGBIT(SIGSEGV) | SIGBIT(SIGBUS) | SIGBIT(SIGILL) | SIGBIT(SIGTRAP) | \
                     SIGBIT(SIGFPE) | SIGBIT(SIGSYS))

enum sig_default { DFL_TERM, DFL_CORE, DFL_IGNORE, DFL_STOP };

/* Linux's default actions (signal(7)); every other signal, the real-time
 * ones included, terminates. */
static enum sig_default default_action(int sig)
{
    switch (sig) {
    case SIGQUIT: case SIGILL: case SIGTRAP: case SIGABRT: case SIGBUS: case SIGFPE:
    case SIGSEGV: case SIGXCPU: case SIGXFSZ: case SIGSYS:
        return DFL_CORE;
    case SIGCHLD: case SIGURG: case SIGWINCH: case SIGCONT:
        return DFL_IGNORE;
    case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
        return DFL_STOP;
    default:
        return DFL_TERM;
    }
}

int signal_wait_status(int sig)
{
    return (sig & 0x7F) | (default_action(sig) == DFL_CORE ? 0x80 : 0);
}

/* Does s throw sig away when it arrives (SIG_IGN, or a default that
 * ignores)? Stop signals count as ignored: there is no job control. */
static int ignored(const struct sigstate *s, int sig)
{
    uint32_t h = s->action[sig - 1].handler;
    if (sig == SIGKILL)
        return 0;
    return h == SIG_IGN || (h == SIG_DFL && (default_action(sig) == DFL_IGNORE ||
                                             default_action(sig) == DFL_STOP));
}

/* Makes p run again if it sleeps (its sleep re-checks its condition and
 * signal_pending). A process being built by fork sleeps on no channel and
 * must not run yet. */
static void wake(struct proc *p)
{
    if (p->state == PROC_SLEEPING && p->chan)
        p->state = PROC_RUNNABLE;
}

void signal_send(struct proc *p, int sig, const struct ksiginfo *info)
{
    struct sigstate *s = &p->sig;
    if (p->state == PROC_UNUSED || p->state == PROC_ZOMBIE || p->pid == 0)
        return;
    if (sig == SIGKILL) {
        p->killed = SIGKILL;
        wake(p);
        return;
    }
    uint64_t bit = SIGBIT(sig);
    if (ignored(s, sig) && !(s->blocked & bit))
        return;
    if (!(s->pending & bit)) {
        s->pending |= bit;
        struct sigpend *pd = &s->info[sig - 1];
        pd->code = info ? info->code : SI_USER;
        pd->who = info ? info->word[0] : (uint32_t)current->pid;
        pd->status = info ? (int32_t)info->word[2] : 0;
    }
    if (!(s->blocked & bit))
        wake(p);
}

void signal_force(int sig, int code, uint32_t addr, uint32_t trapno, uint32_t err,
                  uint32_t cr2)
{
    struct sigstate *s = &current->sig;
    struct ksigaction *ka = &s->action[sig - 1];
    uint64_t bit = SIGBIT(sig);
    if ((s->blocked & bit) || ka->handler == SIG_IGN) {
        ka->handler = SIG_DFL;
        s->blocked &= ~bit;
    }
    s->trapno = trapno;
    s->err = err;
    s->cr2 = cr2;
    struct ksiginfo info = { sig, 0, code, { addr, 0, 0, 0, 0 } };
    s->pending &= ~bit;                 /* the fault's facts replace an older instance */
    signal_send(current, sig, &info);
}

int signal_pending(void)
{
    return current->killed || (current->sig.pending & ~current->sig.blocked) != 0;
}

/* The full siginfo of pending signal sig. */
static struct ksiginfo pending_info(const struct sigstate *s, int sig)
{
    const struct sigpend *pd = &s->info[sig - 1];
    struct ksiginfo info = { sig, 0, pd->code, { pd->who, 0, (uint32_t)pd->status, 0, 0 } };
    return info;
}

/* The next signal to take: a pending, unblocked one, faults first, then
 * the lowest number (as Linux). 0 if none. */
static int next_signal(const struct sigstate *s)
{
    uint64_t ready = s->pending & ~s->blocked;
    if (!ready)
        return 0;                       /* the common case, on every return */
    if (ready & SYNCHRONOUS)
        ready &= SYNCHRONOUS;
    return __builtin_ctzll(ready) + 1;  /* the lowest bit set is SIGBIT(sig) */
}

/* What the interrupted system call returns, now that a handler (ka) or no
 * handler (NULL) runs: -EINTR, or the same call again. */
static void syscall_restart(struct trapframe *tf, int nr, const struct ksigaction *ka)
{
    int32_t r = (int32_t)tf->eax;
    int again = r == -ERESTARTNOINTR ||
                (r == -ERESTARTSYS && (!ka || (ka->flags & SA_RESTART))) ||
                (r == -ERESTARTNOHAND && !ka);
    if (again) {
        tf->eax = (uint32_t)nr;
        tf->eip -= 2;                   /* back onto the int 0x80 */
    } else if (r == -ERESTARTSYS || r == -ERESTARTNOHAND || r == -ERESTART_RESTARTBLOCK) {
        tf->eax = (uint32_t)-EINTR;
    }
}

/* The default action of sig for the current process: nothing, or the end. */
static void default_act(int sig)
{
    enum sig_default d = default_action(sig);
    if (d == DFL_IGNORE || d == DFL_STOP)
        return;
    proc_exit(signal_wait_status(sig));
}

/* Enters the handler of sig: a frame, then the mask the handler runs with.
 * A frame that cannot be written is a SIGSEGV (which then kills when it
 * is the SIGSEGV handler that cannot be entered). */
static void enter_handler(struct trapframe *tf, int sig, const struct ksiginfo *info)
{
    struct sigstate *s = &current->sig;
    struct ksigaction ka = s->action[sig - 1];
    if (ka.flags & SA_RESETHAND)
        s->action[sig - 1].handler = SIG_DFL;
    uint64_t oldmask = s->restore_mask ? s->saved_mask : s->blocked;
    if (sigframe_setup(tf, sig, &ka, info, oldmask) < 0) {
        if (sig == SIGSEGV)
            s->action[SIGSEGV - 1].handler = SIG_DFL;
        signal_force(SIGSEGV, SI_KERNEL, 0, 0, 0, 0);
        return;
    }
    s->restore_mask = 0;
    s->blocked |= ka.mask;
    if (!(ka.flags & SA_NODEFER))
        s->blocked |= SIGBIT(sig);
    s->blocked &= ~UNBLOCKABLE;
}

void signal_deliver(struct trapframe *tf)
{
    struct sigstate *s = &current->sig;
    int nr = (tf->trapno == T_SYSCALL) ? s->syscall_nr : -1;
    s->syscall_nr = -1;
    for (;;) {
        if (current->killed)
            proc_exit(signal_wait_status(current->killed));
        int sig = next_signal(s);
        if (!sig)
            break;
        struct ksiginfo info = pending_info(s, sig);
        s->pending &= ~SIGBIT(sig);
        uint32_t h = s->action[sig - 1].handler;
        if (h == SIG_IGN)
            continue;
        if (h == SIG_DFL) {
            /* init takes no default action for a signal a process sent
             * (code SI_USER or below); its own faults still end it. */
            if (!(current->pid == 1 && info.code <= 0))
                default_act(sig);
            continue;
        }
        if (nr >= 0)
            syscall_restart(tf, nr, &s->action[sig - 1]);
        nr = -1;
        enter_handler(tf, sig, &info);
    }
    if (nr >= 0)
        syscall_restart(tf, nr, 0);
    if (s->restore_mask) {
        s->blocked = s->saved_mask;
        s->restore_mask = 0;
    }
}

void signal_tables_attach(struct sigstate *s, void *mem)
{
    memset(mem, 0, SIGTABLES_SIZE);
    s->action = mem;
    s->info = (struct sigpend *)(s->action + NSIG);
}

void *signal_tables(const struct sigstate *s)
{
    return s->action;
}

void signal_fork(struct sigstate *child, const struct sigstate *parent)
{
    struct ksigaction *action = child->action;
    struct sigpend *info = child->info;
    *child = *parent;
    child->action = action;             /* the child's own tables, copied */
    child->info = info;
    memcpy(action, parent->action, NSIG * sizeof *action);
    child->pending = 0;
    child->restore_mask = 0;
    child->alarm_at = child->alarm_interval = 0;    /* timers are not inherited */
}

void signal_exec(struct sigstate *s)
{
    for (int i = 0; i < NSIG; i++) {
        uint32_t h = s->action[i].handler;
        memset(&s->action[i], 0, sizeof s->action[i]);
        s->action[i].handler = h == SIG_IGN ? SIG_IGN : SIG_DFL;
    }
    s->ss_sp = s->ss_size = 0;
    s->ss_flags = SS_DISABLE;
}

void signal_set_blocked(uint64_t mask)
{
    current->sig.blocked = mask & ~UNBLOCKABLE;
}

int signal_child_exit(struct proc *child, int wait_status)
{
    struct proc *parent = child->parent;
    if (!parent)
        return 0;
    const struct ksigaction *ka = &parent->sig.action[SIGCHLD - 1];
    int sig = wait_status & 0x7F;
    struct ksiginfo info = { SIGCHLD, 0, CLD_EXITED, { child->pid, 0, (wait_status >> 8) & 0xFF,
                                                      0, 0 } };
    if (sig) {
        info.code = (wait_status & 0x80) ? CLD_DUMPED : CLD_KILLED;
        info.word[2] = sig;
    }
    if (ka->handler != SIG_IGN)
        signal_send(parent, SIGCHLD, &info);
    return ka->handler == SIG_IGN || (ka->flags & SA_NOCLDWAIT);
}

/* ---- system calls: handlers ---- */

/* Installs act (if not NULL) as sig's action, returning the old one in
 * *old (if not NULL). Ignoring a signal throws its pending instance away. */
static long do_sigaction(int sig, const struct ksigaction *act, struct ksigaction *old)
{
    if (sig < 1 || sig > NSIG || (act && (sig == SIGKILL || sig == SIGSTOP)))
        return -EINVAL;
    struct sigstate *s = &current->sig;
    if (old)
        *old = s->action[sig - 1];
    if (act) {
        s->action[sig - 1] = *act;
        s->action[sig - 1].mask &= ~UNBLOCKABLE;
        if (ignored(s, sig))
            s->pending &= ~SIGBIT(sig);
    }
    return 0;
}

long sys_rt_sigaction(int sig, const void *uact, void *uoact, uint32_t sigsetsize)
{
    struct ksigaction act, old;
    if (sigsetsize != sizeof(uint64_t))
        return -EINVAL;
    if (uact && copy_from_user(&act, uact, sizeof act) < 0)
        return -EFAULT;
    long err = do_sigaction(sig, uact ? &act : 0, &old);
    if (!err && uoact && copy_to_user(uoact, &old, sizeof old) < 0)
        return -EFAULT;
    return err;
}

/* The old sigaction's structure: the mask is one word, before the flags. */
struct old_sigaction {
    uint32_t handler, mask, flags, restorer;
};

long sys_sigaction(int sig, const void *uact, void *uoact)
{
    struct old_sigaction o;
    struct ksigaction act, old;
    if (uact) {
        if (copy_from_user(&o, uact, sizeof o) < 0)
            return -EFAULT;
        act.handler = o.handler;
        act.flags = o.flags;
        act.restorer = o.restorer;
        act.mask = o.mask;
    }
    long err = do_sigaction(sig, uact ? &act : 0, &old);
    if (!err && uoact) {
        struct old_sigaction out = { old.handler, (uint32_t)old.mask, old.flags, old.restorer };
        if (copy_to_user(uoact, &out, sizeof out) < 0)
            return -EFAULT;
    }
    return err;
}

/* signal(2) as the kernel has it: System V's one-shot handler. */
long sys_signal(int sig, uint32_t handler)
{
    struct ksigaction act = { handler, SA_RESETHAND | SA_NODEFER, 0, 0 }, old;
    long err = do_sigaction(sig, &act, &old);
    return err ? err : (long)old.handler;
}

/* ---- system calls: masks and pending sets ---- */

#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

/* The new blocked set for how and set (words selects the 32 low bits only
 * for the old call), or -EINVAL in *err. */
static uint64_t mask_change(int how, uint64_t set, uint64_t cur, int low_word_only, long *err)
{
    *err = 0;
    switch (how) {
    case SIG_BLOCK:
        return cur | set;
    case SIG_UNBLOCK:
        return cur & ~set;
    case SIG_SETMASK:
        return low_word_only ? (cur & ~0xFFFFFFFFull) | set : set;
    default:
        *err = -EINVAL;
        return cur;
    }
}

long sys_rt_sigprocmask(int how, const void *uset, void *uoset, uint32_t sigsetsize)
{
    uint64_t old = current->sig.blocked, set;
    long err = 0;
    if (sigsetsize != sizeof(uint64_t))
        return -EINVAL;
    if (uset) {
        if (copy_from_user(&set, uset, sizeof set) < 0)
            return -EFAULT;
        uint64_t m = mask_change(how, set, old, 0, &err);
        if (err)
            return err;
        signal_set_blocked(m);
    }
    if (uoset && copy_to_user(uoset, &old, sizeof old) < 0)
        return -EFAULT;
    return 0;
}

long sys_sigprocmask(int how, const void *uset, void *uoset)
{
    uint64_t old = current->sig.blocked;
    uint32_t set, old32 = (uint32_t)old;
    long err = 0;
    if (uset) {
        if (copy_from_user(&set, uset, sizeof set) < 0)
            return -EFAULT;
        uint64_t m = mask_change(how, set, old, 1, &err);
        if (err)
            return err;
        signal_set_blocked(m);
    }
    if (uoset && copy_to_user(uoset, &old32, sizeof old32) < 0)
        return -EFAULT;
    return 0;
}

long sys_rt_sigpending(void *uset, uint32_t sigsetsize)
{
    uint64_t set = current->sig.pending & current->sig.blocked;
    if (sigsetsize > sizeof set)
        return -EINVAL;
    return copy_to_user(uset, &set, sigsetsize) < 0 ? -EFAULT : 0;
}

long sys_sigpending(void *uset)
{
    return sys_rt_sigpending(uset, sizeof(uint32_t));
}

/* ---- system calls: waiting ---- */

/* Sleeps until a signal is pending; then the return to user mode takes it
 * (and, for sigsuspend, puts the saved mask back). */
static long wait_for_signal(void)
{
    while (!signal_pending())
        sleep_on(&current->sig);
    return -ERESTARTNOHAND;
}

long sys_pause(void)
{
    return wait_for_signal();
}

static long sigsuspend_mask(uint64_t mask)
{
    struct sigstate *s = &current->sig;
    s->saved_mask = s->blocked;
    s->restore_mask = 1;
    signal_set_blocked(mask);
    return wait_for_signal();
}

long sys_rt_sigsuspend(const void *uset, uint32_t sigsetsize)
{
    uint64_t mask;
    if (sigsetsize != sizeof mask)
        return -EINVAL;
    if (copy_from_user(&mask, uset, sizeof mask) < 0)
        return -EFAULT;
    return sigsuspend_mask(mask);
}

long sys_sigsuspend(int unused1, int unused2, uint32_t mask)
{
    (void)unused1;
    (void)unused2;
    return sigsuspend_mask((current->sig.blocked & ~0xFFFFFFFFull) | mask);
}

/* Writes info as the 128-byte siginfo_t at uinfo. */
static int siginfo_to_user(void *uinfo, const struct ksiginfo *info)
{
    uint8_t buf[SIGINFO_SIZE];
    memset(buf, 0, sizeof buf);
    memcpy(buf, info, sizeof *info);
    return copy_to_user(uinfo, buf, sizeof buf);
}

struct timespec32 {
    int32_t sec, nsec;
};

/* rt_sigtimedwait: takes a signal of set that is pending, or waits for
 * one (for at most *uts); the signals of set are unblocked meanwhile so
 * that they wake us, and taken here instead of by a handler. */
long sys_rt_sigtimedwait(const void *uset, void *uinfo, const void *uts, uint32_t sigsetsize)
{
    uint64_t set;
    struct timespec32 ts;
    struct sigstate *s = &current->sig;
    if (sigsetsize != sizeof set)
        return -EINVAL;
    if (copy_from_user(&set, uset, sizeof set) < 0)
        return -EFAULT;
    set &= ~UNBLOCKABLE;
    uint32_t until = 0;
    if (uts) {
        if (copy_from_user(&ts, uts, sizeof ts) < 0)
            return -EFAULT;
        if (ts.sec < 0 || ts.nsec < 0 || ts.nsec >= 1000000000)
            return -EINVAL;
        until = jiffies + (uint32_t)ts.sec * TIMER_HZ +
                ((uint32_t)ts.nsec + 1000000000 / TIMER_HZ - 1) / (1000000000 / TIMER_HZ);
    }
    uint64_t blocked = s->blocked;
    s->blocked &= ~set;
    while (!(s->pending & set) && !signal_pending() &&
           (!uts || (int32_t)(until - jiffies) > 0))
        sleep_on((void *)&jiffies);
    s->blocked = blocked;
    for (int sig = 1; sig <= NSIG; sig++) {
        if (!(s->pending & set & SIGBIT(sig)))
            continue;
        s->pending &= ~SIGBIT(sig);
        struct ksiginfo info = pending_info(s, sig);
        if (uinfo && siginfo_to_user(uinfo, &info) < 0)
            return -EFAULT;
        return sig;
    }
    return signal_pending() ? -EINTR : -EAGAIN;
}

/* ---- system calls: the alternate stack ---- */

#define MINSIGSTKSZ 2048

int signal_on_altstack(uint32_t sp)
{
    const struct sigstate *s = &current->sig;
    if (s->ss_flags & SS_AUTODISARM)
        return 0;
    return sp > s->ss_sp && sp - s->ss_sp <= s->ss_size;
}

uint32_t signal_altstack_flags(uint32_t sp)
{
    if (!current->sig.ss_size)
        return SS_DISABLE;
    return signal_on_altstack(sp) ? SS_ONSTACK : 0;
}

/* sigaltstack's work, also for rt_sigreturn (which puts back the stack a
 * handler's frame recorded). sp is the user stack pointer now. */
long signal_set_altstack(const struct stack32 *ss, uint32_t sp)
{
    struct sigstate *s = &current->sig;
    if (signal_on_altstack(sp))
        return -EPERM;
    uint32_t mode = (uint32_t)ss->ss_flags & ~SS_AUTODISARM;
    if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0)
        return -EINVAL;
    uint32_t base = ss->ss_sp, size = ss->ss_size;
    if (mode == SS_DISABLE) {
        base = size = 0;
    } else if (size < MINSIGSTKSZ) {
        return -ENOMEM;
    }
    s->ss_sp = base;
    s->ss_size = size;
    s->ss_flags = (uint32_t)ss->ss_flags;
    return 0;
}

long sys_sigaltstack(const void *uss, void *uoss)
{
    struct sigstate *s = &current->sig;
    uint32_t sp = current->tf->user_esp;
    struct stack32 ss, old = { s->ss_sp, (int32_t)(signal_altstack_flags(sp) |
                                                   (s->ss_flags & SS_AUTODISARM)), s->ss_size };
    long err = 0;
    if (uss) {
        if (copy_from_user(&ss, uss, sizeof ss) < 0)
            return -EFAULT;
        err = signal_set_altstack(&ss, sp);
    }
    if (!err && uoss && copy_to_user(uoss, &old, sizeof old) < 0)
        return -EFAULT;
    return err;
}

/* ---- system calls: sending ---- */

static struct proc *find_proc(int pid)
{
    for (int i = 1; i < NPROC; i++) {
        struct proc *p = &proc_table[i];
        if (p->pid == pid && p->state != PROC_UNUSED)
            return p;
    }
    return 0;
}

/* Sends sig to p (0: only checks that p exists). A zombie exists but
 * takes nothing. */
static void send_checked(struct proc *p, int sig, int code)
{
    if (!sig)
        return;
    /* As on Linux, no process can kill init: a signal init has no handler
     * for (SIGKILL and SIGSTOP too) is dropped, unless blocked (it waits,
     * and is dropped when delivered, below). kill(0) and kill(-pgrp) from
     * its children reach its group, and would otherwise end it. */
    if (p->pid == 1 && p->sig.action[sig - 1].handler == SIG_DFL &&
        !(p->sig.blocked & SIGBIT(sig)))
        return;
    struct ksiginfo info = { sig, 0, code, { current->pid, 0, 0, 0, 0 } };
    signal_send(p, sig, &info);
}

/* kill(2), as Linux: pid > 0 one process; 0 every process in the caller's
 * process group; -1 every process but init and the caller; < -1 every
 * process in group -pid. ESRCH when none was found. Zombies count as
 * found (the signal does nothing to them). */
long sys_kill(int pid, int sig)
{
    if (sig < 0 || sig > NSIG)
        return -EINVAL;
    if (pid > 0) {
        struct proc *p = find_proc(pid);
        if (!p)
            return -ESRCH;
        send_checked(p, sig, SI_USER);
        return 0;
    }
    if (pid == INT32_MIN)
        return -ESRCH;                  /* -pid would overflow; no such group */
    int pgrp = pid == 0 ? current->attrs.pgid : -pid, found = 0;
    for (int i = 1; i < NPROC; i++) {
        struct proc *p = &proc_table[i];
        if (p->state == PROC_UNUSED || p->pid == 0)
            continue;
        if (pid == -1 ? (p->pid == 1 || p == current) : p->attrs.pgid != pgrp)
            continue;
        send_checked(p, sig, SI_USER);
        found = 1;
    }
    return found ? 0 : -ESRCH;
}

/* One thread per process: a thread id is the process id. */
long sys_tkill(int tid, int sig)
{
    if (sig < 0 || sig > NSIG || tid <= 0)
        return -EINVAL;
    struct proc *p = find_proc(tid);
    if (!p)
        return -ESRCH;
    send_checked(p, sig, SI_TKILL);
    return 0;
}

long sys_tgkill(int tgid, int tid, int sig)
{
    if (tgid <= 0)
        return -EINVAL;
    if (tid > 0 && tid != tgid)
        return -ESRCH;
    return sys_tkill(tid, sig);
}
