/* signal.h: POSIX signals with Linux i386's numbers, structures and rules.
 * Each process holds a handler per signal, a blocked and a pending set,
 * one siginfo per pending signal and an alternate stack (struct
 * sigstate). A signal is sent (signal_send, signal_force for faults) by
 * setting its pending bit; it is acted on when the process next returns
 * to user mode (signal_deliver): the default action, or a handler entered
 * through a frame that kernel/x86/sigframe.c builds on the user stack. */
#ifndef KERNEL_SIGNAL_H
#define KERNEL_SIGNAL_H

#include <stdint.h>
#include "kernel/errno.h"

struct proc;
struct trapframe;

#define NSIG 64                         /* signals are 1..64 */
#define SIGBIT(sig) (1ull << ((sig) - 1))

/* The signals the kernel names itself (Linux i386 numbers). */
#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
#define SIGURG 23
#define SIGXCPU 24
#define SIGXFSZ 25
#define SIGWINCH 28
#define SIGSYS 31

/* Handler values and sa_flags. */
#define SIG_DFL 0u
#define SIG_IGN 1u
#define SA_NOCLDSTOP 0x00000001u
#define SA_NOCLDWAIT 0x00000002u
#define SA_SIGINFO   0x00000004u
#define SA_RESTORER  0x04000000u
#define SA_ONSTACK   0x08000000u
#define SA_RESTART   0x10000000u
#define SA_NODEFER   0x40000000u
#define SA_RESETHAND 0x80000000u

/* si_code values. */
#define SI_USER 0
#define SI_KERNEL 0x80
#define SI_TKILL (-6)
#define ILL_ILLOPN 2
#define ILL_BADSTK 8
#define FPE_INTDIV 1
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define BUS_ADRALN 1
#define BUS_ADRERR 2
#define CLD_EXITED 1
#define CLD_KILLED 2
#define CLD_DUMPED 3

/* sigaltstack's ss_flags. */
#define SS_ONSTACK 1
#define SS_DISABLE 2
#define SS_AUTODISARM (1u << 31)

/* The kernel's struct sigaction (rt_sigaction's layout on i386). */
struct ksigaction {
    uint32_t handler;
    uint32_t flags;
    uint32_t restorer;
    uint64_t mask;
};

/* Linux's siginfo_t on i386 is 128 bytes: signo, errno, code, then a
 * union at offset 12. We keep the five words any of our signals uses:
 * kill: pid, uid; fault: addr; SIGCHLD: pid, uid, status, utime, stime. */
struct ksiginfo {
    int32_t signo, errno_, code;
    uint32_t word[5];
};
#define SIGINFO_SIZE 128

/* What a pending signal's siginfo says besides its number (kept small:
 * one per signal in every process): si_code, the pid or address, and
 * SIGCHLD's status; the other fields are zero for every signal we send. */
struct sigpend {
    int32_t code;
    uint32_t who;                       /* si_pid, or si_addr */
    int32_t status;
};

/* What a process knows about signals. The two tables live in one block
 * of SIGTABLES_SIZE bytes from the kernel heap (signal_tables_attach), so
 * that the process table stays small; the idle process has none. */
struct sigstate {
    struct ksigaction *action;          /* [NSIG], index sig - 1 */
    uint64_t blocked, pending;
    struct sigpend *info;               /* [NSIG]: of each pending signal */
    uint64_t saved_mask;                /* sigsuspend's mask to put back */
    int restore_mask;                   /* ... when set */
    int syscall_nr;                     /* the system call being run, or -1 */
    uint32_t ss_sp, ss_size, ss_flags;  /* the alternate stack */
    uint32_t trapno, err, cr2;          /* the last fault, for sigcontext */
    uint32_t alarm_at, alarm_interval;  /* ITIMER_REAL in jiffies (0: off) */
};

#define SIGTABLES_SIZE (NSIG * (sizeof(struct ksigaction) + sizeof(struct sigpend)))

/* Points s's tables into mem (SIGTABLES_SIZE bytes, from kmalloc) and
 * clears them: every signal SIG_DFL, nothing pending. */
void signal_tables_attach(struct sigstate *s, void *mem);

/* The block signal_tables_attach was given (for kfree), or NULL. */
void *signal_tables(const struct sigstate *s);

/* Sends sig to p with info (NULL: SI_USER from the current process).
 * A signal p ignores is dropped unless blocked; SIGKILL kills. */
void signal_send(struct proc *p, int sig, const struct ksiginfo *info);

/* Sends a signal the current process caused (a fault): if it blocks or
 * ignores sig, the default action is restored and sig unblocked, as
 * Linux's force_sig does, so that a fault can never be ignored. addr is
 * si_addr; trapno, err and cr2 go to the frame's sigcontext. */
void signal_force(int sig, int code, uint32_t addr, uint32_t trapno, uint32_t err,
                  uint32_t cr2);

/* Is a signal waiting that should interrupt a sleep of the current
 * process (one that is pending, unblocked, or a kill)? */
int signal_pending(void);

/* Called on a return to user mode with the trapframe that will be
 * restored: acts on the pending unblocked signals (ends the process, or
 * builds handler frames), and restarts or fails an interrupted system
 * call as its -ERESTART* result asks. */
void signal_deliver(struct trapframe *tf);

/* Has signal_deliver anything to do for a process with state s (killed:
 * its struct proc's field) on its way back from a trap, which was a
 * system call with result `result` when `syscall`? A kill, a pending
 * unblocked signal, a sigsuspend mask to put back, or a result of
 * -ERESTART* (-516 to -512) to restart or make -EINTR. When none of these
 * holds signal_deliver changes nothing, so the trap return, which tests
 * this inline every time, need not call it. */
static inline int signal_deliver_due(int killed, const struct sigstate *s, int syscall,
                                     uint32_t result)
{
    return killed || (s->pending & ~s->blocked) != 0 || s->restore_mask ||
           (syscall && result - (uint32_t)-ERESTART_RESTARTBLOCK <=
                           (uint32_t)(ERESTART_RESTARTBLOCK - ERESTARTSYS));
}

/* The wait status of a process that sig's default action ends: the
 * signal number, plus 0x80 ("core dumped", though no file is written)
 * for the signals whose default is to dump core. */
int signal_wait_status(int sig);

/* fork: the child inherits handlers, mask and alternate stack; nothing is
 * pending in it. exec: handlers return to the default, except ignored
 * ones, which stay ignored; mask and pending signals are kept. */
void signal_fork(struct sigstate *child, const struct sigstate *parent);
void signal_exec(struct sigstate *s);

/* Sets the current process's blocked set (SIGKILL and SIGSTOP stay
 * unblocked); sigreturn puts back the mask its frame saved. */
void signal_set_blocked(uint64_t mask);

/* The alternate stack, as Linux i386's stack_t. */
struct stack32 {
    uint32_t ss_sp;
    int32_t ss_flags;
    uint32_t ss_size;
};

/* Is user stack pointer sp on the current process's alternate stack? */
int signal_on_altstack(uint32_t sp);

/* ss_flags as sigaltstack reports them for stack pointer sp: SS_DISABLE,
 * SS_ONSTACK or 0. */
uint32_t signal_altstack_flags(uint32_t sp);

/* Sets the alternate stack (sigaltstack's checks): 0, -EPERM while on it,
 * -EINVAL for bad flags, -ENOMEM below MINSIGSTKSZ. */
long signal_set_altstack(const struct stack32 *ss, uint32_t sp);

/* A child of the current process ended: tells the parent (SIGCHLD with
 * CLD_EXITED / CLD_KILLED / CLD_DUMPED). Returns 1 if the parent does
 * not want zombies (SIGCHLD ignored or SA_NOCLDWAIT): the child is reaped
 * at once. */
int signal_child_exit(struct proc *child, int wait_status);

/* Timer tick: fires alarms (kernel/itimer.c). */
void itimer_tick(void);

/* System calls (Linux i386 numbers in kernel/syscall.c). */
long sys_rt_sigaction(int sig, const void *uact, void *uoact, uint32_t sigsetsize);
long sys_sigaction(int sig, const void *uact, void *uoact);
long sys_signal(int sig, uint32_t handler);
long sys_rt_sigprocmask(int how, const void *uset, void *uoset, uint32_t sigsetsize);
long sys_sigprocmask(int how, const void *uset, void *uoset);
long sys_rt_sigpending(void *uset, uint32_t sigsetsize);
long sys_sigpending(void *uset);
long sys_rt_sigsuspend(const void *uset, uint32_t sigsetsize);
long sys_sigsuspend(int unused1, int unused2, uint32_t mask);
long sys_pause(void);
long sys_rt_sigtimedwait(const void *uset, void *uinfo, const void *uts, uint32_t sigsetsize);
long sys_sigaltstack(const void *uss, void *uoss);
long sys_kill(int pid, int sig);
long sys_tkill(int tid, int sig);
long sys_tgkill(int tgid, int tid, int sig);
long sys_alarm(uint32_t seconds);
long sys_setitimer(int which, const void *unew, void *uold);
long sys_getitimer(int which, void *ucur);
long sys_rt_sigreturn(void);
long sys_sigreturn(void);

#endif
