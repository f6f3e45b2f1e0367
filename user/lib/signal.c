/* signal.c: handlers, masks and signal sets over the kernel's rt_ calls;
 * and signal names, for the shell's "[signal 11: SIGSEGV]" reports and for
 * kill(1)'s "-SEGV" / "-SIGSEGV" / "-11" options. Numbers are Linux i386's. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int __rt_sigaction(int sig, const void *act, void *oact, size_t setsize);
int __rt_sigprocmask(int how, const sigset_t *set, sigset_t *oset, size_t setsize);
int __rt_sigpending(sigset_t *set, size_t setsize);
int __rt_sigsuspend(const sigset_t *set, size_t setsize);

/* The restorer: a handler returns here, and rt_sigreturn (173) puts back
 * what the kernel saved in the frame. It must not touch the stack: the
 * frame is right above esp. */
void __restore_rt(void);
__asm__(".text\n"
        ".globl __restore_rt\n"
        "__restore_rt:\n"
        "\tmovl $173, %eax\n"
        "\tint $0x80\n");

/* The kernel's struct sigaction on i386. */
struct ksigaction {
	void *handler;
	unsigned long flags;
	void (*restorer)(void);
	sigset_t mask;
};

int sigaction(int sig, const struct sigaction *act, struct sigaction *oact)
{
	struct ksigaction k, old;

	if (act) {
		k.handler = (void *)act->sa_handler;
		k.flags = (unsigned long)act->sa_flags | SA_RESTORER;
		k.restorer = __restore_rt;
		k.mask = act->sa_mask;
	}
	if (__rt_sigaction(sig, act ? &k : NULL, oact ? &old : NULL, sizeof(sigset_t)) < 0)
		return -1;
	if (oact) {
		oact->sa_handler = (sighandler_t)old.handler;
		oact->sa_flags = (int)old.flags;
		oact->sa_restorer = old.restorer;
		oact->sa_mask = old.mask;
	}
	return 0;
}

sighandler_t signal(int sig, sighandler_t handler)
{
	struct sigaction act, old;

	memset(&act, 0, sizeof act);
	act.sa_handler = handler;
	act.sa_flags = SA_RESTART;
	if (sigaction(sig, &act, &old) < 0)
		return SIG_ERR;
	return old.sa_handler;
}

int sigprocmask(int how, const sigset_t *set, sigset_t *oset)
{
	return __rt_sigprocmask(how, set, oset, sizeof(sigset_t));
}

int sigpending(sigset_t *set)
{
	return __rt_sigpending(set, sizeof(sigset_t));
}

int sigsuspend(const sigset_t *mask)
{
	return __rt_sigsuspend(mask, sizeof(sigset_t));
}

int raise(int sig)
{
	return kill(getpid(), sig);
}

int sigemptyset(sigset_t *set)
{
	set->sig[0] = set->sig[1] = 0;
	return 0;
}

int sigfillset(sigset_t *set)
{
	set->sig[0] = set->sig[1] = ~0ul;
	return 0;
}

static int bad_signal(int sig)
{
	if (sig > 0 && sig < NSIG)
		return 0;
	errno = EINVAL;
	return 1;
}

int sigaddset(sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	set->sig[(sig - 1) / 32] |= 1ul << ((sig - 1) % 32);
	return 0;
}

int sigdelset(sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	set->sig[(sig - 1) / 32] &= ~(1ul << ((sig - 1) % 32));
	return 0;
}

int sigismember(const sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	return (set->sig[(sig - 1) / 32] >> ((sig - 1) % 32)) & 1;
}

static const char *const names[] = {
	[SIGHUP] = "SIGHUP",       [SIGINT] = "SIGINT",       [SIGQUIT] = "SIGQUIT",
	[SIGILL] = "SIGILL",       [SIGTRAP] = "SIGTRAP",     [SIGABRT] = "SIGABRT",
	[SIGBUS] = "SIGBUS",       [SIGFPE] = "SIGFPE",       [SIGKILL] = "SIGKILL",
	[SIGUSR1] = "SIGUSR1",     [SIGSEGV] = "SIGSEGV",     [SIGUSR2] = "SIGUSR2",
	[SIGPIPE] = "SIGPIPE",     [SIGALRM] = "SIGALRM",     [SIGTERM] = "SIGTERM",
	[SIGSTKFLT] = "SIGSTKFLT", [SIGCHLD] = "SIGCHLD",     [SIGCONT] = "SIGCONT",
	[SIGSTOP] = "SIGSTOP",     [SIGTSTP] = "SIGTSTP",     [SIGTTIN] = "SIGTTIN",
	[SIGTTOU] = "SIGTTOU",     [SIGURG] = "SIGURG",       [SIGXCPU] = "SIGXCPU",
	[SIGXFSZ] = "SIGXFSZ",     [SIGVTALRM] = "SIGVTALRM", [SIGPROF] = "SIGPROF",
	[SIGWINCH] = "SIGWINCH",   [SIGIO] = "SIGIO",         [SIGPWR] = "SIGPWR",
	[SIGSYS] = "SIGSYS",
};

#define NAMES_COUNT ((int)(sizeof(names) / sizeof(names[0])))

const char *signal_name(int sig)
{
	return (sig > 0 && sig < NAMES_COUNT) ? names[sig] : NULL;
}

int signal_number(const char *name)
{
	char *end;
	long n = strtol(name, &end, 10);

	if (*name && *end == '\0')
		return (n > 0 && n < 65) ? (int)n : -1;
	if (strncmp(name, "SIG", 3) == 0)
		name += 3;
	for (int sig = 1; sig < NAMES_COUNT; sig++)
		if (strcmp(names[sig] + 3, name) == 0)
			return sig;
	return -1;
}
