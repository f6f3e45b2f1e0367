/* sys_fd.c: the calls on descriptors themselves: dup, dup2, dup3 and
 * fcntl (fcntl64 is the same call here): duplicating (F_DUPFD,
 * F_DUPFD_CLOEXEC), the descriptor's close-on-exec flag (F_GETFD,
 * F_SETFD) and the open file's status flags (F_GETFL, F_SETFL). A
 * duplicate shares the struct file: its offset and status flags; the
 * close-on-exec flag belongs to the descriptor. */
#include "kernel/errno.h"
#include "kernel/fs/file.h"
#include "kernel/rlimit.h"

#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define F_DUPFD_CLOEXEC 1030
#define FD_CLOEXEC 1

/* A new descriptor >= minfd for the file open on fd. */
static long dup_from(int fd, int minfd, int cloexec)
{
    struct fdtable *t = proc_files();
    struct file *f = fdtable_get(t, fd);
    if (!f)
        return -EBADF;
    if (minfd < 0 || minfd >= rlimit_fd_limit())
        return -EINVAL;
    file_get(f);
    int nfd = fdtable_install_from(t, f, minfd, cloexec);
    if (nfd < 0)
        file_put(f);
    return nfd;
}

long sys_dup(int fd)
{
    long r = dup_from(fd, 0, 0);
    return r == -EINVAL ? -EMFILE : r;
}

/* dup2 and dup3: newfd becomes a duplicate of oldfd (what it held is
 * closed), with close-on-exec as asked. */
static long dup_to(int oldfd, int newfd, int cloexec)
{
    struct fdtable *t = proc_files();
    if (newfd < 0 || newfd >= rlimit_fd_limit())
        return -EBADF;
    struct file *f = fdtable_get(t, oldfd);
    if (!f)
        return -EBADF;
    file_get(f);
    fdtable_set(t, newfd, f, cloexec);
    return newfd;
}

long sys_dup2(int oldfd, int newfd)
{
    if (oldfd == newfd)
        return fdtable_get(proc_files(), oldfd) ? newfd : -EBADF;
    return dup_to(oldfd, newfd, 0);
}

long sys_dup3(int oldfd, int newfd, int flags)
{
    if (flags & ~O_CLOEXEC)
        return -EINVAL;
    if (oldfd == newfd)
        return -EINVAL;
    return dup_to(oldfd, newfd, flags & O_CLOEXEC);
}

long sys_fcntl(int fd, int cmd, uint32_t arg)
{
    struct fdtable *t = proc_files();
    struct file *f = fdtable_get(t, fd);
    if (!f)
        return -EBADF;
    switch (cmd) {
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
        return dup_from(fd, (int)arg, cmd == F_DUPFD_CLOEXEC);
    case F_GETFD:
        return t->cloexec[fd] ? FD_CLOEXEC : 0;
    case F_SETFD:
        t->cloexec[fd] = (arg & FD_CLOEXEC) != 0;
        return 0;
    case F_GETFL:
        return f->flags;
    case F_SETFL:
        f->flags = (f->flags & ~O_SETFL_MASK) | ((int)arg & O_SETFL_MASK);
        return 0;
    }
    return -EINVAL;
}
