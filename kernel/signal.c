/* signal.c: signals, default actions only. Each signal Linux defines has
 * one default action (signal(7)): end the process, end it and dump core,
 * ignore, stop, or continue. With no handlers, a signal sent to a process
 * either is dropped or ends the process when it next returns to user mode
 * (kernel/sched.c: proc_before_user_return). A CPU exception in user mode
 * (kernel/x86/trap.c) ends the process the same way at once. */
#include "kernel/signal.h"
#include "kernel/errno.h"
#include "kernel/proc.h"

enum sig_default { TERM, CORE, IGNORE, STOP, CONT };

/* Linux's default actions; 32..64, the real-time signals, end the process. */
static const unsigned char default_action[32] = {
    [SIGHUP] = TERM,  [SIGINT] = TERM,   [SIGQUIT] = CORE,  [SIGILL] = CORE,
    [SIGTRAP] = CORE, [SIGABRT] = CORE,  [SIGBUS] = CORE,   [SIGFPE] = CORE,
    [SIGKILL] = TERM, [SIGUSR1] = TERM,  [SIGSEGV] = CORE,  [SIGUSR2] = TERM,
    [SIGPIPE] = TERM, [SIGALRM] = TERM,  [SIGTERM] = TERM,  [16] = TERM,     /* SIGSTKFLT */
    [SIGCHLD] = IGNORE, [SIGCONT] = CONT, [SIGSTOP] = STOP, [20] = STOP,     /* SIGTSTP */
    [21] = STOP,      [22] = STOP,       [23] = IGNORE,     [24] = CORE,     /* TTIN TTOU URG XCPU */
    [25] = CORE,      [26] = TERM,       [27] = TERM,       [28] = IGNORE,   /* XFSZ VTALRM PROF WINCH */
    [29] = TERM,      [30] = TERM,       [SIGSYS] = CORE,                    /* IO PWR SYS */
};

static enum sig_default action_of(int sig)
{
    return sig < 32 ? (enum sig_default)default_action[sig] : TERM;
}

int signal_wait_status(int sig)
{
    return (sig & 0x7F) | (action_of(sig) == CORE ? 0x80 : 0);
}

void signal_send(struct proc *p, int sig)
{
    enum sig_default a = action_of(sig);
    if (a != TERM && a != CORE)
        return;
    p->killed = sig;
    if (p->state == PROC_SLEEPING)
        p->state = PROC_RUNNABLE;
}

/* The live process with this pid (threads: its only thread, tid == pid). */
static struct proc *find_live(int pid)
{
    for (int i = 1; i < NPROC; i++) {
        struct proc *p = &proc_table[i];
        if (p->pid == pid && p->state != PROC_UNUSED && p->state != PROC_ZOMBIE)
            return p;
    }
    return 0;
}

/* kill(37): one process by pid (process groups are not supported). */
long sys_kill(int pid, int sig)
{
    if (sig < 0 || sig > NSIG_LINUX)
        return -EINVAL;
    struct proc *p = find_live(pid);
    if (!p)
        return -ESRCH;
    if (sig)
        signal_send(p, sig);
    return 0;
}

/* tkill(238): one thread by its id; every process here has one thread,
 * whose id is the pid. */
long sys_tkill(int tid, int sig)
{
    if (tid <= 0)
        return -EINVAL;
    return sys_kill(tid, sig);
}

/* tgkill(270): thread tid of thread group (process) tgid: what glibc's
 * raise() and abort() use. */
long sys_tgkill(int tgid, int tid, int sig)
{
    if (tgid <= 0 || tid <= 0)
        return -EINVAL;
    if (tgid != tid)
        return -ESRCH;              /* no such thread in that group */
    return sys_kill(tid, sig);
}
