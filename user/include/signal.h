/* signal.h: signal numbers (Linux i386's), handlers (sigaction, with the
 * siginfo_t and ucontext a SA_SIGINFO handler receives), masks, the
 * alternate stack, kill and raise, and the names the shell and kill(1)
 * print and parse (lib/signal.c). */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <sys/types.h>

#define SIGHUP     1
#define SIGINT     2
#define SIGQUIT    3
#define SIGILL     4
#define SIGTRAP    5
#define SIGABRT    6
#define SIGBUS     7
#define SIGFPE     8
#define SIGKILL    9
#define SIGUSR1   10
#define SIGSEGV   11
#define SIGUSR2   12
#define SIGPIPE   13
#define SIGALRM   14
#define SIGTERM   15
#define SIGSTKFLT 16
#define SIGCHLD   17
#define SIGCONT   18
#define SIGSTOP   19
#define SIGTSTP   20
#define SIGTTIN   21
#define SIGTTOU   22
#define SIGURG    23
#define SIGXCPU   24
#define SIGXFSZ   25
#define SIGVTALRM 26
#define SIGPROF   27
#define SIGWINCH  28
#define SIGIO     29
#define SIGPWR    30
#define SIGSYS    31

#define NSIG 65                 /* signals are 1..64 */

/* The kernel's signal set: bit sig - 1 for each signal. */
typedef struct {
	unsigned long sig[2];
} sigset_t;

/* What a handler learns (Linux i386's siginfo_t, 128 bytes). */
typedef struct {
	int si_signo, si_errno, si_code;
	union {
		int _pad[29];
		struct {
			pid_t _pid;
			uid_t _uid;
			int _status;
		} _proc;
		struct {
			void *_addr;
		} _fault;
	} _sifields;
} siginfo_t;
#define si_pid    _sifields._proc._pid
#define si_uid    _sifields._proc._uid
#define si_status _sifields._proc._status
#define si_addr   _sifields._fault._addr

/* si_code values. */
#define SI_USER     0
#define SI_KERNEL   0x80
#define SI_TKILL    (-6)
#define SEGV_MAPERR 1           /* no mapping at the address */
#define SEGV_ACCERR 2           /* the mapping forbids the access */
#define BUS_ADRERR  2
#define ILL_ILLOPN  2
#define FPE_INTDIV  1
#define CLD_EXITED  1
#define CLD_KILLED  2
#define CLD_DUMPED  3

typedef void (*sighandler_t)(int);
#define SIG_DFL ((sighandler_t)0)
#define SIG_IGN ((sighandler_t)1)
#define SIG_ERR ((sighandler_t)-1)

struct sigaction {
	union {
		sighandler_t sa_handler;
		void (*sa_sigaction)(int, siginfo_t *, void *);
	};
	sigset_t sa_mask;
	int sa_flags;
	void (*sa_restorer)(void);
};

#define SA_NOCLDSTOP 0x00000001
#define SA_NOCLDWAIT 0x00000002
#define SA_SIGINFO   0x00000004
#define SA_RESTORER  0x04000000
#define SA_ONSTACK   0x08000000
#define SA_RESTART   0x10000000
#define SA_NODEFER   0x40000000
#define SA_RESETHAND 0x80000000

#define SIG_BLOCK   0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

typedef struct {
	void *ss_sp;
	int ss_flags;
	size_t ss_size;
} stack_t;
#define SS_ONSTACK 1
#define SS_DISABLE 2
#define MINSIGSTKSZ 2048
#define SIGSTKSZ 8192

/* The registers a handler's third argument (a ucontext_t *) holds, in
 * Linux i386's struct sigcontext order; returning from the handler puts
 * them back, changes included. */
enum { REG_GS, REG_FS, REG_ES, REG_DS, REG_EDI, REG_ESI, REG_EBP, REG_ESP, REG_EBX, REG_EDX,
       REG_ECX, REG_EAX, REG_TRAPNO, REG_ERR, REG_EIP, REG_CS, REG_EFL, REG_UESP, REG_SS };
typedef struct {
	unsigned long gregs[19];
	void *fpregs;
	unsigned long oldmask, cr2;
} mcontext_t;
typedef struct ucontext {
	unsigned long uc_flags;
	struct ucontext *uc_link;
	stack_t uc_stack;
	mcontext_t uc_mcontext;
	sigset_t uc_sigmask;
} ucontext_t;

int sigaction(int sig, const struct sigaction *act, struct sigaction *oact);
sighandler_t signal(int sig, sighandler_t handler);   /* BSD semantics: SA_RESTART */
int sigprocmask(int how, const sigset_t *set, sigset_t *oset);
int sigpending(sigset_t *set);
int sigsuspend(const sigset_t *mask);
int sigaltstack(const stack_t *ss, stack_t *oss);
int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);
int kill(pid_t pid, int sig);
int raise(int sig);

/* "SIGSEGV" for 11; NULL for a number without a name. */
const char *signal_name(int sig);
/* 11 for "11", "SEGV" or "SIGSEGV"; -1 for anything else. */
int signal_number(const char *name);

#endif
