/* tmpfs.c: files in memory, mounted at /tmp and /dev/shm at boot. A
 * directory is an inode of the one tree (kernel/fs/initrd.c's helpers
 * link it); a regular file is an inode whose bytes are a shared memory
 * object (mm/shmem.c), the same kind as a System V segment: read and
 * write copy through the object's frames (a hole reads as zeros without
 * a frame), a mapping maps them (mm/fault.c), reclaim sends them to swap.
 * Each mount has a size limit in pages (quota) and a count of inodes; a
 * file or directory nothing names any more is freed with its last open
 * file and mapping (ops->destroy). Which calls reach here, and the
 * checks Linux makes first, are kernel/fs/sys_fs.c. */
#include "kernel/fs/tmpfs.h"
#include "kernel/errno.h"
#include "kernel/fs/file.h"
#include "kernel/printk.h"
#include "kernel/string.h"
#include "kernel/x86/timer.h"
#include "mm/frame.h"
#include "mm/kmalloc.h"
#include "mm/uaccess.h"

#define TMPFS_DEV_MINOR0 20             /* /tmp is 00:14, /dev/shm 00:15 */

static const struct inode_ops tmpfs_file_ops, tmpfs_dir_ops;
static uint32_t mounts;
static const char zeros[PAGE_SIZE];

/* Pages of a file of size bytes. */
static uint32_t size_pages(uint64_t size)
{
    return (uint32_t)((size + PAGE_SIZE - 1) >> PAGE_SHIFT);
}

static uint32_t now(void)
{
    return jiffies / TIMER_HZ;
}

/* Mounts a tmpfs of max_pages on the directory dir/name. */
static void mount_at(struct inode *dir, const char *name, uint32_t max_pages)
{
    struct inode *ip = fs_dir_find(dir, name, (uint32_t)strlen(name));
    struct tmpfs_sb *sb = kzalloc(sizeof *sb);
    if (!ip && sb && (ip = fs_inode_alloc(name, (uint32_t)strlen(name), 0, S_IFDIR)))
        fs_dir_add(dir, ip);
    if (!ip || !sb || !S_ISDIR(ip->mode) || ip->children) {
        printk("tmpfs: cannot mount on /%s\n", name);
        kfree(sb);
        return;
    }
    sb->root = ip;
    sb->dev = DEV_MAKE(0, TMPFS_DEV_MINOR0 + mounts++);
    sb->quota.max = max_pages;
    ip->mode = S_IFDIR | 01777;          /* anyone may make files; sticky */
    ip->sb = sb;
    ip->ops = &tmpfs_dir_ops;
    ip->mtime = now();
}

void tmpfs_init(uint64_t size)
{
    uint64_t pages = size ? size >> PAGE_SHIFT : frame_total_count() / 2;
    if (pages > 0xFFFFFFFFu)
        pages = 0xFFFFFFFFu;
    struct inode *dev = fs_lookup("/dev");
    mount_at(fs_root(), "tmp", (uint32_t)pages);
    if (dev)
        mount_at(dev, "shm", (uint32_t)pages);
    pr_info("tmpfs: /tmp and /dev/shm, %u KiB each\n", (uint32_t)pages * (PAGE_SIZE / 1024));
}

int tmpfs_make(struct inode *dir, const char *name, uint32_t len, uint32_t mode,
               struct inode **out)
{
    struct tmpfs_sb *sb = dir->sb;
    if (sb->inodes >= sb->quota.max)
        return -ENOSPC;                 /* as Linux: nr_inodes defaults to the pages */
    struct inode *ip = fs_inode_alloc(name, len, FS_NAME_MAX, mode);
    if (!ip)
        return -ENOMEM;
    if (S_ISREG(mode)) {
        ip->shm = shm_create(0, &sb->quota);
        if (!ip->shm) {
            kfree(ip);
            return -ENOMEM;
        }
    }
    ip->sb = sb;
    ip->ops = S_ISDIR(mode) ? &tmpfs_dir_ops : &tmpfs_file_ops;
    ip->mtime = dir->mtime = now();
    sb->inodes++;
    fs_dir_add(dir, ip);
    *out = ip;
    return 0;
}

/* Frees ip: the last reference to a file or directory that was removed. */
static void tmpfs_destroy(struct inode *ip)
{
    struct inode *dir = ip->parent;
    if (ip->shm)
        shm_put(ip->shm);
    ip->sb->inodes--;
    kfree(ip);
    inode_put(dir);                     /* the hold tmpfs_remove took */
}

void tmpfs_remove(struct inode *ip)
{
    fs_dir_remove(ip);
    ip->parent->mtime = now();
    ip->nlink = 0;
    /* ip keeps its parent, whose path /proc/PID/maps still shows: hold it. */
    inode_get(ip->parent);
    if (ip->refs == 0)
        tmpfs_destroy(ip);
}

void tmpfs_move(struct inode *ip, struct inode *dir, const char *name, uint32_t len)
{
    fs_dir_remove(ip);
    ip->parent->mtime = now();
    memcpy(ip->name, name, len);
    ip->name[len] = '\0';
    fs_dir_add(dir, ip);
    dir->mtime = now();
}

int tmpfs_truncate(struct inode *ip, uint64_t size)
{
    if (size > TMPFS_MAX_FILE)
        return -EFBIG;
    uint32_t n = (uint32_t)size;
    if (n < ip->size && (n & (PAGE_SIZE - 1)) && !shm_is_hole(ip->shm, n >> PAGE_SHIFT)) {
        int status;
        struct page *pg = shm_get_page(ip->shm, n >> PAGE_SHIFT, &status);
        if (pg) {                       /* the tail of the new last page reads as zero */
            uint32_t at = n & (PAGE_SIZE - 1);
            memset((char *)page_to_virt(pg) + at, 0, PAGE_SIZE - at);
            page_put(pg);
        }
    }
    ip->size = n;
    shm_resize(ip->shm, size_pages(n));
    ip->mtime = now();
    return 0;
}

/* read(2) of a tmpfs file: copies page by page from the object's frames
 * (bringing a page back from swap if it went there) to user memory. */
static long tmpfs_read_user(struct file *f, char *ubuf, uint32_t n)
{
    struct inode *ip = f->ip;
    uint32_t done = 0;
    while (done < n && f->off < ip->size) {
        uint32_t off = (uint32_t)f->off, index = off >> PAGE_SHIFT, in = off & (PAGE_SIZE - 1);
        uint32_t k = PAGE_SIZE - in;
        if (k > n - done)
            k = n - done;
        if (k > ip->size - off)
            k = ip->size - off;
        int err = 0, status;
        if (shm_is_hole(ip->shm, index)) {
            err = copy_to_user(ubuf + done, zeros, k);
        } else {
            struct page *pg = shm_get_page(ip->shm, index, &status);
            if (!pg && status == SHM_RETRY)
                continue;
            if (!pg)
                return done ? (long)done : -ENOMEM;
            err = copy_to_user(ubuf + done, (char *)page_to_virt(pg) + in, k);
            page_put(pg);
        }
        if (err < 0)
            return done ? (long)done : -EFAULT;
        f->off += k;
        done += k;
    }
    return (long)done;
}

/* write(2) to a tmpfs file: at the end with O_APPEND; grows the file as
 * the bytes land, so a short write leaves what was written. */
static long tmpfs_write_user(struct file *f, const char *ubuf, uint32_t n)
{
    struct inode *ip = f->ip;
    if (f->flags & O_APPEND)
        f->off = ip->size;
    if (n == 0)
        return 0;
    if (f->off >= TMPFS_MAX_FILE)
        return -EFBIG;
    if (n > TMPFS_MAX_FILE - f->off)
        n = TMPFS_MAX_FILE - (uint32_t)f->off;
    uint32_t done = 0;
    long err = 0;
    while (done < n) {
        uint32_t off = (uint32_t)f->off, index = off >> PAGE_SHIFT, in = off & (PAGE_SIZE - 1);
        uint32_t k = PAGE_SIZE - in < n - done ? PAGE_SIZE - in : n - done;
        int status;
        if (index >= ip->shm->npages)
            shm_resize(ip->shm, index + 1);
        struct page *pg = shm_get_page(ip->shm, index, &status);
        if (!pg && status == SHM_RETRY)
            continue;
        if (!pg) {
            err = status == SHM_NOSPC ? -ENOSPC : -ENOMEM;
            break;
        }
        int r = copy_from_user((char *)page_to_virt(pg) + in, ubuf + done, k);
        page_put(pg);
        if (r < 0) {
            err = -EFAULT;
            break;
        }
        f->off += k;
        done += k;
        if (f->off > ip->size)
            ip->size = (uint32_t)f->off;
    }
    if (ip->shm->npages > size_pages(ip->size))
        shm_resize(ip->shm, size_pages(ip->size));      /* a page we could not fill */
    if (done)
        ip->mtime = now();
    return done ? (long)done : err;
}

static const struct inode_ops tmpfs_file_ops = {
    .read_user = tmpfs_read_user,
    .write_user = tmpfs_write_user,
    .destroy = tmpfs_destroy,
};
/* A directory: its entries are in the tree, so no lookup or readdir op. */
static const struct inode_ops tmpfs_dir_ops = {
    .destroy = tmpfs_destroy,
};

uint32_t inode_dev(const struct inode *ip)
{
    return ip->sb ? ip->sb->dev : DEV_MAKE(0, 1);
}

uint64_t inode_blocks(const struct inode *ip)
{
    if (ip->shm)
        return (uint64_t)ip->shm->held * (PAGE_SIZE / 512);
    return (ip->size + 511) / 512;
}
