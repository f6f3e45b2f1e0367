/* signal.h: signals with their default actions only (no handlers yet):
 * Linux's numbers, the table of what each does to a process, sending one
 * (kill, tkill, tgkill), and the wait status of a process it ends. */
#ifndef KERNEL_SIGNAL_H
#define KERNEL_SIGNAL_H

#include <stdint.h>

struct proc;

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
#define SIGSYS 31
#define NSIG_LINUX 64           /* signals are 1..64 */

/* The wait status of a process ended by sig's default action: the signal
 * number, plus 0x80 ("core dumped") for the signals whose default action
 * is to dump core (SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE,
 * SIGSEGV, SIGXCPU, SIGXFSZ, SIGSYS). */
int signal_wait_status(int sig);

/* Delivers sig (1..64) to p with its default action: the process is
 * marked to die on its way back to user mode (and woken if asleep), or
 * nothing happens for a signal that is ignored by default (SIGCHLD,
 * SIGURG, SIGWINCH, SIGCONT; and the stop signals, since no process can
 * be stopped here). */
void signal_send(struct proc *p, int sig);

/* System calls (Linux i386 numbers in kernel/syscall.c). */
long sys_kill(int pid, int sig);
long sys_tkill(int tid, int sig);
long sys_tgkill(int tgid, int tid, int sig);

#endif
