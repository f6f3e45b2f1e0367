/* pipe.c: pipes. A pipe is an inode that no directory names, holding a
 * ring of PIPE_SIZE bytes, with two open files: the read end and the
 * write end (each shared by dup and fork like any). A read takes what
 * is there, sleeping while the ring is empty; it returns 0 (end of file)
 * once no write end is open. A write of up to PIPE_BUF bytes goes in
 * whole, waiting for that much room, so writers never interleave inside
 * it; a longer one goes in as room appears. Writing with no read end
 * open raises SIGPIPE (which ends the process unless it is ignored) and
 * fails with EPIPE. O_NONBLOCK gives EAGAIN instead of sleeping. Bytes
 * move straight between the ring and user memory; the copies may fault
 * and sleep, so one reader and one writer at a time hold the ring's
 * ends (rbusy, wbusy). Everything sleeps and wakes on the pipe itself. */
#include "kernel/fs/pipe.h"
#include "kernel/errno.h"
#include "kernel/fs/file.h"
#include "kernel/proc.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "mm/kmalloc.h"
#include "mm/uaccess.h"

#define SIGPIPE 13

struct pipe {
    char *buf;                  /* PIPE_SIZE bytes */
    uint32_t head, tail;        /* bytes ever written / read: buf[x % PIPE_SIZE] */
    uint32_t readers, writers;  /* open files of each end */
    int rbusy, wbusy;           /* a reader / writer is copying */
};

static const struct inode_ops pipe_ops;

static int is_reader(const struct file *f)
{
    return (f->flags & O_ACCMODE) == O_RDONLY;
}

/* Wakes whoever waits on p: the other end, and poll/select. */
static void pipe_wake(struct pipe *p)
{
    wakeup(p);
    wakeup(&file_poll_chan);
}

/* Waits until *busy is free and takes it; -EINTR if killed meanwhile. */
static int take(struct pipe *p, int *busy)
{
    while (*busy)
        if (sleep_on(p) < 0)
            return -EINTR;
    *busy = 1;
    return 0;
}

static void give(struct pipe *p, int *busy)
{
    *busy = 0;
    pipe_wake(p);
}

/* Copies k bytes from the ring at position from to user memory. */
static int ring_to_user(struct pipe *p, uint32_t from, char *ubuf, uint32_t k)
{
    uint32_t at = from % PIPE_SIZE, first = PIPE_SIZE - at < k ? PIPE_SIZE - at : k;
    if (copy_to_user(ubuf, p->buf + at, first) < 0)
        return -EFAULT;
    return first < k ? copy_to_user(ubuf + first, p->buf, k - first) : 0;
}

/* Copies k bytes from user memory into the ring at position to. */
static int user_to_ring(struct pipe *p, uint32_t to, const char *ubuf, uint32_t k)
{
    uint32_t at = to % PIPE_SIZE, first = PIPE_SIZE - at < k ? PIPE_SIZE - at : k;
    if (copy_from_user(p->buf + at, ubuf, first) < 0)
        return -EFAULT;
    return first < k ? copy_from_user(p->buf, ubuf + first, k - first) : 0;
}

static long pipe_read(struct file *f, char *ubuf, uint32_t n)
{
    struct pipe *p = f->ip->priv;
    if (n == 0)
        return 0;
    if (take(p, &p->rbusy) < 0)
        return -EINTR;
    long r = 0;
    while (p->head == p->tail) {
        if (p->writers == 0)
            goto out;                   /* end of file */
        if (!(f->flags & O_NONBLOCK) && signal_pending()) {
            r = -ERESTARTSYS;           /* -EINTR, or read again (SA_RESTART) */
            goto out;
        }
        if ((f->flags & O_NONBLOCK) || sleep_on(p) < 0) {
            r = (f->flags & O_NONBLOCK) ? -EAGAIN : -EINTR;
            goto out;
        }
    }
    uint32_t k = p->head - p->tail < n ? p->head - p->tail : n;
    if (ring_to_user(p, p->tail, ubuf, k) < 0) {
        r = -EFAULT;
        goto out;
    }
    p->tail += k;
    r = (long)k;
out:
    give(p, &p->rbusy);
    return r;
}

/* Writing with no reader: SIGPIPE to the writer (through kill, so that
 * whatever the process chose for the signal happens), and EPIPE. */
static long broken_pipe(void)
{
    sys_kill(current->pid, SIGPIPE);
    return -EPIPE;
}

static long pipe_write(struct file *f, const char *ubuf, uint32_t n)
{
    struct pipe *p = f->ip->priv;
    if (take(p, &p->wbusy) < 0)
        return -EINTR;
    uint32_t done = 0;
    long err = 0;
    while (done < n) {
        if (p->readers == 0) {
            err = broken_pipe();
            break;
        }
        uint32_t room = PIPE_SIZE - (p->head - p->tail);
        uint32_t need = n <= PIPE_BUF ? n : 1;          /* small writes go whole */
        if (room < need) {
            if (f->flags & O_NONBLOCK) {
                err = -EAGAIN;
                break;
            }
            if (signal_pending()) {
                err = -ERESTARTSYS;     /* what was written so far is returned */
                break;
            }
            if (sleep_on(p) < 0) {
                err = -EINTR;
                break;
            }
            continue;
        }
        uint32_t k = n - done < room ? n - done : room;
        if (user_to_ring(p, p->head, ubuf + done, k) < 0) {
            err = -EFAULT;
            break;
        }
        p->head += k;                   /* readers see the bytes only now */
        done += k;
        pipe_wake(p);
    }
    give(p, &p->wbusy);
    return done ? (long)done : err;
}

static uint32_t pipe_poll(struct file *f)
{
    struct pipe *p = f->ip->priv;
    if (is_reader(f))
        return (p->head != p->tail ? POLLIN : 0) | (p->writers ? 0 : POLLHUP);
    if (!p->readers)
        return POLLOUT | POLLERR;
    return PIPE_SIZE - (p->head - p->tail) >= PIPE_BUF ? POLLOUT : 0;
}

/* The last close of one end. */
static void pipe_release(struct file *f)
{
    struct pipe *p = f->ip->priv;
    if (is_reader(f))
        p->readers--;
    else
        p->writers--;
    pipe_wake(p);
}

/* Both ends are closed: the inode and its ring go. */
static void pipe_destroy(struct inode *ip)
{
    struct pipe *p = ip->priv;
    kfree(p->buf);
    kfree(p);
    kfree(ip);
}

static const struct inode_ops pipe_ops = {
    .read_user = pipe_read,
    .write_user = pipe_write,
    .poll = pipe_poll,
    .release = pipe_release,
    .destroy = pipe_destroy,
};

/* A new pipe with its two open files in *rf, *wf. 0 or -ENOMEM. */
static int pipe_make(int nonblock, struct file **rf, struct file **wf)
{
    struct inode *ip = fs_inode_alloc("", 0, 0, S_IFIFO | 0600);
    struct pipe *p = kzalloc(sizeof *p);
    char *buf = kmalloc_wait(PIPE_SIZE);
    if (!ip || !p || !buf) {
        kfree(ip);
        kfree(p);
        kfree(buf);
        return -ENOMEM;
    }
    p->buf = buf;
    ip->nlink = 0;                      /* no name: freed with its last open file */
    ip->ops = &pipe_ops;
    ip->priv = p;
    *rf = file_alloc(ip, O_RDONLY | nonblock);
    if (!*rf) {
        pipe_destroy(ip);
        return -ENOMEM;
    }
    p->readers = 1;
    *wf = file_alloc(ip, O_WRONLY | nonblock);
    if (!*wf) {
        file_put(*rf);                  /* takes the inode with it */
        return -ENOMEM;
    }
    p->writers = 1;
    return 0;
}

long sys_pipe2(int *ufds, int flags)
{
    struct file *rf, *wf;
    if (flags & ~(O_CLOEXEC | O_NONBLOCK))
        return -EINVAL;
    int err = pipe_make(flags & O_NONBLOCK, &rf, &wf);
    if (err < 0)
        return err;
    struct fdtable *t = proc_files();
    int fds[2];
    fds[0] = fdtable_install_from(t, rf, 0, flags & O_CLOEXEC);
    if (fds[0] < 0) {
        file_put(rf);
        file_put(wf);
        return fds[0];
    }
    fds[1] = fdtable_install_from(t, wf, 0, flags & O_CLOEXEC);
    if (fds[1] < 0) {
        fdtable_close(t, fds[0]);
        file_put(wf);
        return fds[1];
    }
    if (copy_to_user(ufds, fds, sizeof fds) < 0) {
        fdtable_close(t, fds[0]);
        fdtable_close(t, fds[1]);
        return -EFAULT;
    }
    return 0;
}

long sys_pipe(int *ufds)
{
    return sys_pipe2(ufds, 0);
}
