/* memdev.c: the memory devices of /dev, as Linux's major 1: null (reads
 * end at once, writes vanish), zero (reads zeros; mapping it gives
 * anonymous memory, mm/mmap.c) and urandom (pseudo-random bytes from a
 * small generator seeded by the time-stamp counter: fine for hashing and
 * test data, not for keys). */
#include "kernel/fs/memdev.h"
#include "kernel/errno.h"
#include "kernel/fs/file.h"
#include "kernel/printk.h"
#include "kernel/x86/x86.h"
#include "mm/layout.h"
#include "mm/uaccess.h"

static const char zeros[PAGE_SIZE];
static uint64_t random_state;

static long null_read(struct file *f, char *ubuf, uint32_t n)
{
    (void)f, (void)ubuf, (void)n;
    return 0;
}

static long null_write(struct file *f, const char *ubuf, uint32_t n)
{
    (void)f, (void)ubuf;
    return (long)n;
}

static long zero_read(struct file *f, char *ubuf, uint32_t n)
{
    (void)f;
    for (uint32_t done = 0; done < n;) {
        uint32_t k = n - done < PAGE_SIZE ? n - done : PAGE_SIZE;
        if (copy_to_user(ubuf + done, zeros, k) < 0)
            return done ? (long)done : -EFAULT;
        done += k;
    }
    return (long)n;
}

/* The next 64 pseudo-random bits (xorshift64*). */
static uint64_t random_next(void)
{
    if (!random_state)
        random_state = rdtsc() | 1;
    random_state ^= random_state >> 12;
    random_state ^= random_state << 25;
    random_state ^= random_state >> 27;
    return random_state * 0x2545F4914F6CDD1Dull;
}

static long urandom_read(struct file *f, char *ubuf, uint32_t n)
{
    uint64_t buf[64];
    (void)f;
    for (uint32_t done = 0; done < n;) {
        uint32_t k = n - done < sizeof buf ? n - done : sizeof buf;
        for (uint32_t i = 0; i < (k + 7) / 8; i++)
            buf[i] = random_next();
        if (copy_to_user(ubuf + done, buf, k) < 0)
            return done ? (long)done : -EFAULT;
        done += k;
    }
    return (long)n;
}

static const struct inode_ops null_ops = { .read_user = null_read, .write_user = null_write };
static const struct inode_ops zero_ops = { .read_user = zero_read, .write_user = null_write };
static const struct inode_ops urandom_ops = { .read_user = urandom_read,
                                              .write_user = null_write };

/* Makes /dev/name, a character device rdev with ops. */
static void make(struct inode *dev, const char *name, uint32_t rdev,
                 const struct inode_ops *ops)
{
    uint32_t len = 0;
    while (name[len])
        len++;
    struct inode *ip = fs_dir_find(dev, name, len);
    if (!ip && (ip = fs_inode_alloc(name, len, 0, S_IFCHR | 0666)))
        fs_dir_add(dev, ip);
    if (!ip || !S_ISCHR(ip->mode)) {
        printk("memdev: cannot make /dev/%s\n", name);
        return;
    }
    ip->rdev = rdev;
    ip->ops = ops;
}

void memdev_init(void)
{
    struct inode *dev = fs_lookup("/dev");
    if (!dev) {
        printk("memdev: no /dev\n");
        return;
    }
    make(dev, "null", DEV_NULL, &null_ops);
    make(dev, "zero", DEV_ZERO, &zero_ops);
    make(dev, "urandom", DEV_URANDOM, &urandom_ops);
}
