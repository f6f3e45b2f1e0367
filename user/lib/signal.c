/* signal.c: signal names, for the shell's "[signal 11: SIGSEGV]" reports and
 * for kill(1)'s "-SEGV" / "-SIGSEGV" / "-11" options. Numbers are Linux i386's. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>

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
