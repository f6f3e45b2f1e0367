/* ioctl.c: ioctl(2). The console answers the terminal's commands
 * (kernel/fs/tty_ioctl.c); any descriptor takes FIONBIO, FIOCLEX and
 * FIONCLEX; a regular file answers FIONREAD (the bytes after its offset;
 * 0 for /proc's files, whose size is 0 as on Linux).
 * Anything else is ENOTTY, which is how isatty() tells a terminal. */
#include "kernel/errno.h"
#include "kernel/fs/file.h"
#include "kernel/fs/tty.h"
#include "mm/uaccess.h"

#define FIONREAD 0x541B
#define FIONBIO 0x5421
#define FIONCLEX 0x5450
#define FIOCLEX 0x5451

long sys_ioctl(int fd, uint32_t cmd, uint32_t arg)
{
    struct fdtable *t = proc_files();
    struct file *f = fdtable_get(t, fd);
    int32_t v;
    if (!f)
        return -EBADF;
    switch (cmd) {
    case FIOCLEX:
    case FIONCLEX:
        t->cloexec[fd] = cmd == FIOCLEX;
        return 0;
    case FIONBIO:
        if (copy_from_user(&v, (void *)arg, sizeof v) < 0)
            return -EFAULT;
        f->flags = v ? f->flags | O_NONBLOCK : f->flags & ~O_NONBLOCK;
        return 0;
    }
    if (file_is_console(f))
        return tty_ioctl(cmd, arg);
    if (cmd == FIONREAD && S_ISREG(f->ip->mode)) {
        int64_t left = (int64_t)f->ip->size - f->off;
        v = left < 0 ? 0 : left > 0x7FFFFFFF ? 0x7FFFFFFF : (int32_t)left;
        return copy_to_user((void *)arg, &v, sizeof v) < 0 ? -EFAULT : 0;
    }
    return -ENOTTY;
}
