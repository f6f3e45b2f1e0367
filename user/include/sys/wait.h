/* sys/wait.h: waiting for children, and Linux's wait-status encoding:
 * exited: (code << 8); killed: signal number in the low 7 bits (0x80 = core);
 * stopped: (signal << 8) | 0x7f. */
#ifndef _SYS_WAIT_H
#define _SYS_WAIT_H

#include <sys/types.h>

#define WNOHANG   1
#define WUNTRACED 2

#define WEXITSTATUS(s)  (((s) >> 8) & 0xff)
#define WTERMSIG(s)     ((s) & 0x7f)
#define WSTOPSIG(s)     WEXITSTATUS(s)
#define WCOREDUMP(s)    ((s) & 0x80)
#define WIFEXITED(s)    (WTERMSIG(s) == 0)
#define WIFSTOPPED(s)   (((s) & 0xff) == 0x7f)
#define WIFSIGNALED(s)  (WTERMSIG(s) != 0 && WTERMSIG(s) != 0x7f)

struct rusage;

pid_t wait4(pid_t pid, int *status, int options, struct rusage *usage);
pid_t waitpid(pid_t pid, int *status, int options);
pid_t wait(int *status);

#endif
