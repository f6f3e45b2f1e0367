/* identity.c: user and group ids, process groups, sessions and the umask
 * (see identity.h). A process group or session is named by the pid of
 * the process that made it and lives as long as a process carries its id
 * in struct proc's attrs (a zombie still counts, as in Linux). */
#include "kernel/identity.h"
#include "kernel/errno.h"
#include "kernel/fs/path.h"
#include "kernel/fs/tty.h"
#include "kernel/proc.h"
#include "kernel/rlimit.h"
#include "kernel/string.h"
#include "mm/uaccess.h"

void identity_init_first(struct proc *p)
{
    p->attrs.pgid = p->attrs.sid = p->pid;
    p->attrs.umask = 022;
    p->attrs.cwd = path_name_root();
    rlimit_init(p->attrs.rlim);
    tty_set_ctty(p->pid, p->pid);
}

struct proc *proc_find(int pid)
{
    for (int i = 1; i < NPROC; i++)
        if (pid > 0 && proc_table[i].state != PROC_UNUSED && proc_table[i].pid == pid)
            return &proc_table[i];
    return 0;
}

int identity_pgrp_in_session(int pgrp, int sid)
{
    for (int i = 1; i < NPROC; i++) {
        const struct proc *p = &proc_table[i];
        if (p->state != PROC_UNUSED && p->attrs.pgid == pgrp && p->attrs.sid == sid)
            return 1;
    }
    return 0;
}

/* Everyone is root: real, effective and saved ids are 0 (the 16-bit and
 * 32-bit calls agree, since 0 fits both). */
long sys_getuid(void)
{
    return 0;
}

long sys_getgid(void)
{
    return 0;
}

/* No supplementary groups. */
long sys_getgroups(int size, void *ulist)
{
    (void)ulist;
    return size < 0 ? -EINVAL : 0;
}

long sys_getpgrp(void)
{
    return current->attrs.pgid;
}

/* The process pid names (0: the caller), or NULL. */
static struct proc *target(int pid)
{
    return pid == 0 ? current : proc_find(pid);
}

long sys_getpgid(int pid)
{
    struct proc *p = target(pid);
    return p ? p->attrs.pgid : -ESRCH;
}

long sys_getsid(int pid)
{
    struct proc *p = target(pid);
    return p ? p->attrs.sid : -ESRCH;
}

/* Linux's rules: the target is the caller or one of its children (else
 * ESRCH) in the caller's session (else EPERM), not a session leader
 * (EPERM); the group joined is the target's own pid or a group that
 * already exists in the same session (EPERM). */
long sys_setpgid(int pid, int pgid)
{
    if (pgid < 0)
        return -EINVAL;
    struct proc *p = target(pid);
    if (!p || (p != current && p->parent != current) || p->state == PROC_ZOMBIE)
        return -ESRCH;
    if (p->attrs.sid != current->attrs.sid || p->attrs.sid == p->pid)
        return -EPERM;
    if (pgid == 0)
        pgid = p->pid;
    if (pgid != p->pid && !identity_pgrp_in_session(pgid, current->attrs.sid))
        return -EPERM;
    p->attrs.pgid = pgid;
    return 0;
}

/* A new session and process group named by the caller's pid, with no
 * controlling terminal; EPERM when a process group of that id exists
 * (the caller leads one already). */
long sys_setsid(void)
{
    int pid = current->pid;
    for (int i = 1; i < NPROC; i++)
        if (proc_table[i].state != PROC_UNUSED && proc_table[i].attrs.pgid == pid)
            return -EPERM;
    current->attrs.sid = current->attrs.pgid = pid;
    return pid;
}

long sys_umask(uint32_t mask)
{
    uint32_t old = current->attrs.umask;
    current->attrs.umask = mask & 0777;
    return (long)old;
}
