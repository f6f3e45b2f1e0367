/* poll.c: poll, ppoll, select and pselect6. Each asks every descriptor
 * how ready it is (file_poll) and, when none is and time is left, sleeps
 * until the next timer tick and asks again (clock_sleep_until), so a
 * wait ends within a tick of a descriptor becoming ready and never before
 * its timeout. A signal mask is accepted and checked for size, but there
 * are no signals to block yet. ppoll, select and pselect6 write the time
 * left back, as Linux does. */
#include "kernel/fs/poll.h"
#include "kernel/clock.h"
#include "kernel/errno.h"
#include "kernel/fs/file.h"
#include "kernel/rlimit.h"
#include "kernel/string.h"
#include "mm/uaccess.h"

#define FOREVER UINT64_MAX
#define NS_PER_SEC 1000000000ull
#define SIGSET_SIZE 8

struct pollfd {
    int32_t fd;
    int16_t events, revents;
};

/* What poll reports for one pollfd: the bits asked for that are ready,
 * and POLLERR and POLLHUP always; POLLNVAL for a bad descriptor. */
static int16_t poll_one(const struct pollfd *p)
{
    if (p->fd < 0)
        return 0;
    struct file *f = fdtable_get(proc_files(), p->fd);
    if (!f)
        return POLLNVAL;
    int mask = file_poll(f);
    if (mask & POLLIN)
        mask |= POLLRDNORM;
    if (mask & POLLOUT)
        mask |= POLLWRNORM;
    return (int16_t)(mask & (p->events | POLLERR | POLLHUP));
}

struct poll_set {
    struct pollfd fds[NOFILE];
    uint32_t n;
    int ready;                  /* how many have revents */
};

static int poll_scan(void *arg)
{
    struct poll_set *s = arg;
    s->ready = 0;
    for (uint32_t i = 0; i < s->n; i++) {
        s->fds[i].revents = poll_one(&s->fds[i]);
        s->ready += s->fds[i].revents != 0;
    }
    return s->ready > 0;
}

/* The deadline for a timeout of ns from now (FOREVER stays). */
static uint64_t deadline_after(uint64_t ns)
{
    uint64_t now = clock_monotonic_ns();
    return ns == FOREVER || ns > FOREVER - now ? FOREVER : now + ns;
}

/* Writes the time left until deadline back as a timespec (wide: 64-bit). */
static int put_left(void *uts, uint64_t deadline, int wide)
{
    uint64_t now = clock_monotonic_ns(), left = deadline > now ? deadline - now : 0;
    if (wide) {
        int64_t t[2] = { (int64_t)(left / NS_PER_SEC), (int64_t)(left % NS_PER_SEC) };
        return copy_to_user(uts, t, sizeof t);
    }
    int32_t t[2] = { (int32_t)(left / NS_PER_SEC), (int32_t)(left % NS_PER_SEC) };
    return copy_to_user(uts, t, sizeof t);
}

/* Reads a timespec (wide: 64-bit) as ns. 0, -EFAULT or -EINVAL. */
static int get_timeout(const void *uts, uint64_t *ns, int wide)
{
    int64_t sec, nsec;
    if (wide) {
        int64_t t[2];
        if (copy_from_user(t, uts, sizeof t) < 0)
            return -EFAULT;
        sec = t[0];
        nsec = (int32_t)t[1];
    } else {
        int32_t t[2];
        if (copy_from_user(t, uts, sizeof t) < 0)
            return -EFAULT;
        sec = t[0];
        nsec = t[1];
    }
    if (sec < 0 || nsec < 0 || nsec >= (int64_t)NS_PER_SEC)
        return -EINVAL;
    *ns = sec > 1000000000 ? FOREVER : (uint64_t)sec * NS_PER_SEC + (uint64_t)nsec;
    return 0;
}

/* poll's body: copies nfds pollfds in, waits until one is ready or the
 * deadline, copies the revents out. Returns the number ready, 0, -EINVAL
 * (more than RLIMIT_NOFILE entries), -EFAULT or -EINTR. */
static long do_poll(void *ufds, uint32_t nfds, uint64_t deadline)
{
    struct poll_set mine;
    if (nfds > (uint32_t)rlimit_fd_limit())
        return -EINVAL;
    mine.n = nfds;
    if (nfds && copy_from_user(mine.fds, ufds, nfds * sizeof(struct pollfd)) < 0)
        return -EFAULT;
    int r = clock_sleep_until(deadline, poll_scan, &mine);
    if (r < 0)
        return r;
    for (uint32_t i = 0; i < nfds; i++)
        if (copy_to_user((char *)ufds + i * sizeof(struct pollfd) + 6, &mine.fds[i].revents, 2) < 0)
            return -EFAULT;
    return mine.ready;
}

long sys_poll(void *ufds, uint32_t nfds, int timeout_ms)
{
    uint64_t ns = timeout_ms < 0 ? FOREVER : (uint64_t)timeout_ms * 1000000;
    return do_poll(ufds, nfds, deadline_after(ns));
}

static long ppoll_common(void *ufds, uint32_t nfds, void *uts, void *usigmask,
                         uint32_t sigsetsize, int wide)
{
    uint64_t ns = FOREVER;
    if (usigmask && sigsetsize != SIGSET_SIZE)
        return -EINVAL;
    if (uts) {
        int err = get_timeout(uts, &ns, wide);
        if (err < 0)
            return err;
    }
    uint64_t deadline = deadline_after(ns);
    long r = do_poll(ufds, nfds, deadline);
    if (uts && r >= 0 && put_left(uts, deadline, wide) < 0)
        return -EFAULT;
    return r;
}

long sys_ppoll(void *ufds, uint32_t nfds, void *uts, void *usigmask, uint32_t sigsetsize)
{
    return ppoll_common(ufds, nfds, uts, usigmask, sigsetsize, 0);
}

long sys_ppoll_time64(void *ufds, uint32_t nfds, void *uts, void *usigmask, uint32_t sigsetsize)
{
    return ppoll_common(ufds, nfds, uts, usigmask, sigsetsize, 1);
}

/* select's three sets, one bit per descriptor below nfds (NOFILE fits a
 * 32-bit word; Linux reads whole longs). */
struct select_sets {
    int nfds;
    uint32_t in[3];             /* read, write, except: as given */
    uint32_t out[3];            /* what is ready */
    int ready;
};

#define SELECT_IN (POLLIN | POLLRDNORM | POLLHUP | POLLERR)
#define SELECT_OUT (POLLOUT | POLLWRNORM | POLLERR)
#define SELECT_EX POLLPRI

static int select_scan(void *arg)
{
    struct select_sets *s = arg;
    static const int want[3] = { SELECT_IN, SELECT_OUT, SELECT_EX };
    s->ready = 0;
    for (int k = 0; k < 3; k++)
        s->out[k] = 0;
    for (int fd = 0; fd < s->nfds; fd++) {
        uint32_t bit = 1u << fd;
        if (!((s->in[0] | s->in[1] | s->in[2]) & bit))
            continue;
        struct file *f = fdtable_get(proc_files(), fd);
        int mask = f ? file_poll(f) : POLLERR;
        for (int k = 0; k < 3; k++) {
            if ((s->in[k] & bit) && (mask & want[k])) {
                s->out[k] |= bit;
                s->ready++;
            }
        }
    }
    return s->ready > 0;
}

/* select's body: reads the sets (descriptors from NOFILE on are beyond
 * the table; Linux ignores bits past its table too), checks that every
 * descriptor named is open (-EBADF), waits, writes the ready sets back. */
static long do_select(int nfds, void *usets[3], uint64_t deadline)
{
    struct select_sets s;
    memset(&s, 0, sizeof s);
    if (nfds < 0)
        return -EINVAL;
    s.nfds = nfds > NOFILE ? NOFILE : nfds;
    uint32_t bytes = (uint32_t)(s.nfds + 31) / 32 * 4;
    for (int k = 0; k < 3; k++) {
        if (usets[k] && bytes && copy_from_user(&s.in[k], usets[k], bytes) < 0)
            return -EFAULT;
        if (s.nfds < 32)
            s.in[k] &= (1u << s.nfds) - 1;
    }
    for (int fd = 0; fd < s.nfds; fd++)
        if (((s.in[0] | s.in[1] | s.in[2]) >> fd & 1) && !fdtable_get(proc_files(), fd))
            return -EBADF;
    int r = clock_sleep_until(deadline, select_scan, &s);
    if (r < 0)
        return r;
    for (int k = 0; k < 3; k++)
        if (usets[k] && bytes && copy_to_user(usets[k], &s.out[k], bytes) < 0)
            return -EFAULT;
    return s.ready;
}

/* select(2) (_newselect): a struct timeval timeout, written back with the
 * time left. */
long sys_select(int nfds, void *urd, void *uwr, void *uex, void *utv)
{
    void *sets[3] = { urd, uwr, uex };
    uint64_t ns = FOREVER;
    int32_t tv[2];
    if (utv) {
        if (copy_from_user(tv, utv, sizeof tv) < 0)
            return -EFAULT;
        if (tv[0] < 0 || tv[1] < 0)
            return -EINVAL;
        ns = (uint64_t)tv[0] * NS_PER_SEC + (uint64_t)tv[1] * 1000;
    }
    uint64_t deadline = deadline_after(ns);
    long r = do_select(nfds, sets, deadline);
    if (utv && r >= 0) {
        uint64_t now = clock_monotonic_ns(), left = deadline > now ? deadline - now : 0;
        tv[0] = (int32_t)(left / NS_PER_SEC);
        tv[1] = (int32_t)(left % NS_PER_SEC / 1000);
        if (copy_to_user(utv, tv, sizeof tv) < 0)
            return -EFAULT;
    }
    return r;
}

/* pselect6's sixth argument points at { sigset pointer, its size }. */
static long pselect_common(int nfds, void *urd, void *uwr, void *uex, void *uts, void *usig,
                           int wide)
{
    void *sets[3] = { urd, uwr, uex };
    uint64_t ns = FOREVER;
    if (usig) {
        uint32_t sig[2];
        if (copy_from_user(sig, usig, sizeof sig) < 0)
            return -EFAULT;
        if (sig[0] && sig[1] != SIGSET_SIZE)
            return -EINVAL;
    }
    if (uts) {
        int err = get_timeout(uts, &ns, wide);
        if (err < 0)
            return err;
    }
    uint64_t deadline = deadline_after(ns);
    long r = do_select(nfds, sets, deadline);
    if (uts && r >= 0 && put_left(uts, deadline, wide) < 0)
        return -EFAULT;
    return r;
}

long sys_pselect6(int nfds, void *urd, void *uwr, void *uex, void *uts, void *usig)
{
    return pselect_common(nfds, urd, uwr, uex, uts, usig, 0);
}

long sys_pselect6_time64(int nfds, void *urd, void *uwr, void *uex, void *uts, void *usig)
{
    return pselect_common(nfds, urd, uwr, uex, uts, usig, 1);
}
