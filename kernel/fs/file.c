/* file.c: struct file (one open of an inode, reference counted, with the
 * offset file_seek moves) and the per-process descriptor tables: install,
 * look up, close, and the copies fork and exit need; and where a read, a
 * write, a directory listing, an open or a last close goes: the archive's
 * bytes, or a synthetic inode's ops (/proc). The system calls are
 * kernel/fs/sys_file.c. */
#include "kernel/fs/file.h"
#include "kernel/errno.h"
#include "kernel/fs/poll.h"
#include "kernel/fs/tty.h"
#include "kernel/rlimit.h"
#include "mm/kmalloc.h"

struct file *file_alloc(struct inode *ip, int flags)
{
    struct file *f = kzalloc(sizeof *f);
    if (!f)
        return 0;
    f->ref = 1;
    f->ip = ip;
    f->flags = flags;
    inode_get(ip);
    return f;
}

void file_get(struct file *f)
{
    f->ref++;
}

void file_put(struct file *f)
{
    if (--f->ref > 0)
        return;
    if (f->ip->ops && f->ip->ops->release)
        f->ip->ops->release(f);
    inode_put(f->ip);
    kfree(f);
}

int file_open(struct file *f)
{
    if (f->ip->ops && f->ip->ops->open)
        return f->ip->ops->open(f);
    return 0;
}

long file_read(struct file *f, void *dst, uint32_t n)
{
    if (f->off > (int64_t)UINT32_MAX)
        return 0;                       /* past anything a file here holds */
    if (f->ip->ops)
        return f->ip->ops->read ? f->ip->ops->read(f, (uint32_t)f->off, dst, n) : -EINVAL;
    return inode_read(f->ip, (uint32_t)f->off, dst, n);
}

long file_write(struct file *f, const void *src, uint32_t n)
{
    return inode_has_write(f->ip) ? f->ip->ops->write(f, src, n) : -EINVAL;
}

int inode_has_write(const struct inode *ip)
{
    return ip->ops && ip->ops->write;
}

int file_dir_entry(struct file *f, uint32_t pos, struct dir_entry *e)
{
    struct inode *dir = f->ip, *ip;
    if (pos < 2) {
        ip = pos == 0 ? dir : dir->parent;
        e->name = pos == 0 ? "." : "..";
    } else if (dir->ops && dir->ops->readdir) {
        return dir->ops->readdir(f, pos, e);
    } else if ((ip = fs_dir_entry(dir, pos - 2))) {
        e->name = ip->name;
        pos = ip->dpos + 2;             /* entries unlinked meanwhile are skipped */
    } else {
        return -1;
    }
    e->pos = pos;
    e->ino = ip->ino;
    e->mode = ip->mode;
    return 0;
}

char file_poll_chan;

int file_poll(struct file *f)
{
    if (file_is_console(f))
        return POLLOUT | (tty_input_ready() ? POLLIN : 0);
    if (f->ip->ops && f->ip->ops->poll)
        return (int)f->ip->ops->poll(f);
    return POLLIN | POLLOUT;
}

int file_is_console(const struct file *f)
{
    return S_ISCHR(f->ip->mode) && f->ip->rdev == DEV_CONSOLE;
}

int file_seek(struct file *f, int64_t off, int whence, int64_t *pos)
{
    int64_t base;
    if (file_is_console(f) || S_ISFIFO(f->ip->mode))
        return -ESPIPE;
    switch (whence) {
    case SEEK_SET: base = 0; break;
    case SEEK_CUR: base = f->off; break;
    case SEEK_END:
        if (f->ip->ops && !f->ip->sb)
            return -EINVAL;             /* /proc files have no size */
        base = f->ip->size;
        break;
    default: return -EINVAL;
    }
    if (off > 0 && base > INT64_MAX - off)
        return -EINVAL;
    if (base + off < 0)
        return -EINVAL;
    *pos = base + off;
    return 0;
}

int fdtable_install_from(struct fdtable *t, struct file *f, int minfd, int cloexec)
{
    int limit = rlimit_fd_limit();
    for (int fd = minfd < 0 ? 0 : minfd; fd < limit; fd++) {
        if (!t->fd[fd]) {
            t->fd[fd] = f;
            t->cloexec[fd] = cloexec != 0;
            return fd;
        }
    }
    return -EMFILE;
}

int fdtable_install(struct fdtable *t, struct file *f)
{
    return fdtable_install_from(t, f, 0, 0);
}

void fdtable_set(struct fdtable *t, int fd, struct file *f, int cloexec)
{
    struct file *old = t->fd[fd];
    t->fd[fd] = f;
    t->cloexec[fd] = cloexec != 0;
    if (old)
        file_put(old);
}

void fdtable_close_on_exec(struct fdtable *t)
{
    for (int fd = 0; fd < NOFILE; fd++)
        if (t->cloexec[fd])
            fdtable_close(t, fd);
}

struct file *fdtable_get(struct fdtable *t, int fd)
{
    if (fd < 0 || fd >= NOFILE)
        return 0;
    return t->fd[fd];
}

int fdtable_close(struct fdtable *t, int fd)
{
    struct file *f = fdtable_get(t, fd);
    if (!f)
        return -EBADF;
    t->fd[fd] = 0;
    t->cloexec[fd] = 0;
    file_put(f);
    return 0;
}

int fdtable_open_console(struct fdtable *t)
{
    struct inode *ip = fs_lookup("/dev/console");
    if (!ip)
        return -ENOENT;
    struct file *f = file_alloc(ip, O_RDWR);
    if (!f)
        return -ENOMEM;
    for (int fd = 0; fd < 3; fd++) {
        fdtable_close(t, fd);
        if (fd > 0)
            file_get(f);
        t->fd[fd] = f;
        t->cloexec[fd] = 0;
    }
    tty_enable();                       /* console input is for processes now */
    return 0;
}

int fdtable_copy(struct fdtable *dst, const struct fdtable *src)
{
    for (int fd = 0; fd < NOFILE; fd++) {
        dst->fd[fd] = src->fd[fd];
        dst->cloexec[fd] = src->cloexec[fd];
        if (dst->fd[fd])
            file_get(dst->fd[fd]);
    }
    return 0;
}

void fdtable_close_all(struct fdtable *t)
{
    for (int fd = 0; fd < NOFILE; fd++)
        fdtable_close(t, fd);
}
