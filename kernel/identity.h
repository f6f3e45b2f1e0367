/* identity.h: who a process is: its user and group ids (everyone is root,
 * uid 0: there are no users here), its process group and session, and
 * its umask. Groups and sessions follow Linux: fork inherits them, setsid
 * makes a new session without a controlling terminal, setpgid moves a
 * process (itself or a child) within its session. */
#ifndef KERNEL_IDENTITY_H
#define KERNEL_IDENTITY_H

#include <stdint.h>

struct proc;

/* The first process's attributes: its own session and process group, the
 * console as controlling terminal, umask 022, working directory "/", the
 * default resource limits. */
void identity_init_first(struct proc *p);

/* The live (or zombie) process with pid, or NULL; never the idle one. */
struct proc *proc_find(int pid);

/* Is there a process in process group pgrp of session sid? */
int identity_pgrp_in_session(int pgrp, int sid);

long sys_getuid(void);                                  /* 24, 49, 199, 201 */
long sys_getgid(void);                                  /* 47, 50, 200, 202 */
long sys_getgroups(int size, void *ulist);              /* 80, 205 */
long sys_getpgrp(void);                                 /* 65 */
long sys_getpgid(int pid);                              /* 132 */
long sys_setpgid(int pid, int pgid);                    /* 57 */
long sys_getsid(int pid);                               /* 147 */
long sys_setsid(void);                                  /* 66 */
long sys_umask(uint32_t mask);                          /* 60 */

#endif
