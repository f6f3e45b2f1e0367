/* sys_fs.c: the system calls that change the names and sizes of files:
 * mkdir, rmdir, unlink, rename (and their *at forms), truncate and
 * ftruncate (and the 64-bit ones), fsync and fdatasync, and statfs. Each
 * splits its path into a directory and a last name and makes Linux's
 * checks, in Linux's order (the errno a program sees when several things
 * are wrong is the one Linux gives): a name that is "." or ".." or the
 * root, then a read-only file system (the initrd: EROFS), then the entry
 * itself. The changes themselves are kernel/fs/tmpfs.c's. */
#include "kernel/fs/sys_fs.h"
#include "kernel/fs/path.h"
#include "kernel/errno.h"
#include "kernel/fs/file.h"
#include "kernel/fs/tmpfs.h"
#include "kernel/proc.h"
#include "kernel/string.h"
#include "mm/uaccess.h"

#define AT_REMOVEDIR 0x200

#define RAMFS_MAGIC 0x858458f6          /* the root, a read-only ramfs here */
#define TMPFS_MAGIC 0x01021994
#define PROC_SUPER_MAGIC 0x9fa0
#define ST_RDONLY 0x0001
#define ST_VALID 0x0020

/* A path cut into its directory and last name. */
struct last {
    struct inode *dir;          /* the directory it names an entry of */
    const char *name;           /* the last name (in the caller's copy) */
    uint32_t len;               /* 0: the path is the root */
    int dots;                   /* 1 for ".", 2 for "..", else 0 */
    int slash;                  /* the path ended in '/' */
};

/* Splits path (a kernel copy, changed in place) into l. Returns 0, or the
 * error looking up the directory gave (-ENOENT, -ENOTDIR, -ENAMETOOLONG). */
static int split(char *path, struct last *l)
{
    uint32_t n = (uint32_t)strlen(path), end = n;
    if (n == 0 || path[0] != '/')
        return -ENOENT;
    while (end > 1 && path[end - 1] == '/')
        end--;
    l->slash = end < n;
    path[end] = '\0';
    uint32_t at = end;
    while (at > 0 && path[at - 1] != '/')
        at--;
    l->name = path + at;
    l->len = end - at;
    l->dots = (l->len == 1 && l->name[0] == '.') ? 1
              : (l->len == 2 && l->name[0] == '.' && l->name[1] == '.') ? 2 : 0;
    if (l->len > FS_NAME_MAX)
        return -ENAMETOOLONG;
    char dir[FS_PATH_MAX];
    memcpy(dir, path, at);
    dir[at ? at : 1] = '\0';
    if (!at)
        dir[0] = '/';
    int err = fs_lookup_err(dir, &l->dir);
    if (err < 0)
        return err;
    return S_ISDIR(l->dir->mode) ? 0 : -ENOTDIR;
}

/* The entry l names, or NULL. */
static struct inode *entry(const struct last *l)
{
    return l->len ? fs_dir_find(l->dir, l->name, l->len) : 0;
}

/* Can entries be made or removed in l->dir? -EROFS on the initrd and
 * /proc, -ENOENT in a directory that was removed. */
static int writable_dir(const struct last *l)
{
    if (!l->dir->sb)
        return -EROFS;
    return l->dir->nlink ? 0 : -ENOENT;
}

/* Copies the user path upath relative to dirfd (AT_FDCWD: the working
 * directory) into buf (FS_PATH_MAX) as an absolute path (kernel/fs/path.c).
 * 0 or -errno. */
static int path_at(int dirfd, const char *upath, char *buf)
{
    return path_absolute_at(dirfd, upath, buf);
}

int fs_create(const char *path, uint32_t mode, struct inode **out)
{
    char copy[FS_PATH_MAX];
    struct last l;
    strlcpy(copy, path, sizeof copy);
    int err = split(copy, &l);
    if (err < 0)
        return err;
    if (l.slash || l.dots || !l.len)
        return -EISDIR;
    if ((err = writable_dir(&l)) < 0)
        return err;
    return tmpfs_make(l.dir, l.name, l.len, S_IFREG | (mode & 07777), out);
}

static long do_mkdir(char *path, uint32_t mode)
{
    struct last l;
    struct inode *ip;
    int err = split(path, &l);
    if (err < 0)
        return err;
    if (!l.len || l.dots || entry(&l))
        return -EEXIST;
    if ((err = writable_dir(&l)) < 0)
        return err;
    return tmpfs_make(l.dir, l.name, l.len, S_IFDIR | (mode & 07777), &ip);
}

static long do_rmdir(char *path)
{
    struct last l;
    int err = split(path, &l);
    if (err < 0)
        return err;
    if (!l.len)
        return -EBUSY;
    if (l.dots)
        return l.dots == 1 ? -EINVAL : -ENOTEMPTY;
    if ((err = writable_dir(&l)) < 0)
        return err;
    struct inode *ip = entry(&l);
    if (!ip)
        return -ENOENT;
    if (!S_ISDIR(ip->mode))
        return -ENOTDIR;
    if (ip->children)
        return -ENOTEMPTY;
    tmpfs_remove(ip);
    return 0;
}

static long do_unlink(char *path)
{
    struct last l;
    int err = split(path, &l);
    if (err < 0)
        return err;
    if (!l.len || l.dots)
        return -EISDIR;
    if ((err = writable_dir(&l)) < 0)
        return err;
    struct inode *ip = entry(&l);
    if (!ip)
        return -ENOENT;
    if (S_ISDIR(ip->mode))
        return -EISDIR;
    if (l.slash)
        return -ENOTDIR;
    tmpfs_remove(ip);
    return 0;
}

/* Is dir the directory d or inside it? */
static int inside(const struct inode *dir, const struct inode *d)
{
    for (;; dir = dir->parent) {
        if (dir == d)
            return 1;
        if (dir->parent == dir)
            return 0;
    }
}

/* May new (an existing entry) be replaced by old? 0 or -errno. */
static int replace_check(const struct inode *old, const struct inode *new)
{
    if (S_ISDIR(old->mode) && !S_ISDIR(new->mode))
        return -ENOTDIR;
    if (!S_ISDIR(old->mode) && S_ISDIR(new->mode))
        return -EISDIR;
    return S_ISDIR(new->mode) && new->children ? -ENOTEMPTY : 0;
}

static long do_rename(char *from, char *to)
{
    struct last o, n;
    int err = split(from, &o);
    if (err < 0 || (err = split(to, &n)) < 0)
        return err;
    if (!o.len || o.dots || !n.len || n.dots)
        return -EBUSY;
    if (o.dir->sb != n.dir->sb)
        return -EXDEV;
    if ((err = writable_dir(&o)) < 0 || (err = writable_dir(&n)) < 0)
        return err;
    struct inode *old = entry(&o), *new = entry(&n);
    if (!old)
        return -ENOENT;
    if (!S_ISDIR(old->mode) && (o.slash || n.slash))
        return -ENOTDIR;
    if (old == new)
        return 0;
    if (S_ISDIR(old->mode) && inside(n.dir, old))
        return -EINVAL;                 /* into itself */
    if (new && inside(o.dir, new))
        return -ENOTEMPTY;              /* onto a directory above it */
    if (new && (err = replace_check(old, new)) < 0)
        return err;
    if (new)
        tmpfs_remove(new);
    tmpfs_move(old, n.dir, n.name, n.len);
    return 0;
}

long sys_mkdir(const char *upath, uint32_t mode)
{
    return sys_mkdirat(AT_FDCWD, upath, mode);
}

long sys_mkdirat(int dirfd, const char *upath, uint32_t mode)
{
    char path[FS_PATH_MAX];
    int err = path_at(dirfd, upath, path);
    return err < 0 ? err : do_mkdir(path, mode & ~current->attrs.umask);
}

long sys_rmdir(const char *upath)
{
    return sys_unlinkat(AT_FDCWD, upath, AT_REMOVEDIR);
}

long sys_unlink(const char *upath)
{
    return sys_unlinkat(AT_FDCWD, upath, 0);
}

long sys_unlinkat(int dirfd, const char *upath, int flags)
{
    char path[FS_PATH_MAX];
    if (flags & ~AT_REMOVEDIR)
        return -EINVAL;
    int err = path_at(dirfd, upath, path);
    if (err < 0)
        return err;
    return (flags & AT_REMOVEDIR) ? do_rmdir(path) : do_unlink(path);
}

long sys_rename(const char *uold, const char *unew)
{
    return sys_renameat(AT_FDCWD, uold, AT_FDCWD, unew);
}

long sys_renameat(int olddirfd, const char *uold, int newdirfd, const char *unew)
{
    char from[FS_PATH_MAX], to[FS_PATH_MAX];
    int err = path_at(olddirfd, uold, from);
    if (err < 0 || (err = path_at(newdirfd, unew, to)) < 0)
        return err;
    return do_rename(from, to);
}

/* Truncates the file ip to length, after Linux's checks for a path. */
static long truncate_inode(struct inode *ip, int64_t length)
{
    if (S_ISDIR(ip->mode))
        return -EISDIR;
    if (!S_ISREG(ip->mode) || length < 0)
        return -EINVAL;
    if (!ip->shm)
        return -EROFS;
    return tmpfs_truncate(ip, (uint64_t)length);
}

static long truncate_path(const char *upath, int64_t length)
{
    struct inode *ip;
    int err = path_lookup_at(AT_FDCWD, upath, PATH_FOLLOW, &ip, 0);
    return err < 0 ? err : truncate_inode(ip, length);
}

static long truncate_fd(int fd, int64_t length)
{
    struct file *f = fdtable_get(proc_files(), fd);
    if (!f)
        return -EBADF;
    if (length < 0 || !S_ISREG(f->ip->mode) || (f->flags & O_ACCMODE) == O_RDONLY)
        return -EINVAL;
    return truncate_inode(f->ip, length);
}

long sys_truncate(const char *upath, long length)
{
    return truncate_path(upath, length);
}

long sys_truncate64(const char *upath, uint32_t lo, uint32_t hi)
{
    return truncate_path(upath, (int64_t)((uint64_t)hi << 32 | lo));
}

long sys_ftruncate(int fd, long length)
{
    return truncate_fd(fd, length);
}

long sys_ftruncate64(int fd, uint32_t lo, uint32_t hi)
{
    return truncate_fd(fd, (int64_t)((uint64_t)hi << 32 | lo));
}

/* fsync, fdatasync: a file in memory has nothing to write back. Linux
 * says EINVAL for what has no such operation: pipes, devices, /proc. */
long sys_fsync(int fd)
{
    struct file *f = fdtable_get(proc_files(), fd);
    if (!f)
        return -EBADF;
    const struct inode *ip = f->ip;
    if ((S_ISREG(ip->mode) || S_ISDIR(ip->mode)) && (!ip->ops || ip->sb))
        return 0;
    return -EINVAL;
}

long sys_fdatasync(int fd)
{
    return sys_fsync(fd);
}

/* Linux i386's struct statfs64 (84 bytes: packed to 4) and struct statfs. */
struct statfs64 {
    uint32_t f_type, f_bsize;
    uint64_t f_blocks, f_bfree, f_bavail, f_files, f_ffree;
    uint32_t f_fsid[2];
    uint32_t f_namelen, f_frsize, f_flags, f_spare[4];
} __attribute__((packed, aligned(4)));
_Static_assert(sizeof(struct statfs64) == 84, "struct statfs64 is Linux's");

struct statfs {
    uint32_t f_type, f_bsize, f_blocks, f_bfree, f_bavail, f_files, f_ffree;
    uint32_t f_fsid[2];
    uint32_t f_namelen, f_frsize, f_flags, f_spare[4];
};
_Static_assert(sizeof(struct statfs) == 64, "struct statfs is Linux's");

/* Is ip /proc or inside it? */
static int in_proc(const struct inode *ip)
{
    const struct inode *proc = fs_lookup("/proc");
    for (; ip; ip = ip->parent) {
        if (ip == proc)
            return 1;
        if (ip->parent == ip)
            return 0;
    }
    return 0;
}

/* What statfs says of the file system holding ip. */
static void fill_statfs64(const struct inode *ip, struct statfs64 *st)
{
    memset(st, 0, sizeof *st);
    st->f_bsize = st->f_frsize = 4096;
    st->f_namelen = FS_NAME_MAX;
    st->f_flags = ST_VALID;
    if (ip->sb) {
        const struct tmpfs_sb *sb = ip->sb;
        st->f_type = TMPFS_MAGIC;
        st->f_blocks = st->f_files = sb->quota.max;
        st->f_bfree = st->f_bavail = sb->quota.max - sb->quota.used;
        st->f_ffree = sb->quota.max - sb->inodes;
        st->f_fsid[0] = sb->dev;
    } else {
        st->f_type = in_proc(ip) ? PROC_SUPER_MAGIC : RAMFS_MAGIC;
        st->f_flags |= ST_RDONLY;
    }
}

/* Copies the statfs of ip out in the 64-bit (size bytes, which must be
 * Linux's) or the 32-bit layout (size 0). */
static long statfs_to_user(const struct inode *ip, uint32_t size, void *ubuf)
{
    struct statfs64 st;
    fill_statfs64(ip, &st);
    if (size) {
        if (size != sizeof st)
            return -EINVAL;
        return copy_to_user(ubuf, &st, sizeof st) < 0 ? -EFAULT : 0;
    }
    struct statfs s = { st.f_type, st.f_bsize, (uint32_t)st.f_blocks, (uint32_t)st.f_bfree,
                        (uint32_t)st.f_bavail, (uint32_t)st.f_files, (uint32_t)st.f_ffree,
                        { st.f_fsid[0], st.f_fsid[1] }, st.f_namelen, st.f_frsize,
                        st.f_flags, { 0 } };
    return copy_to_user(ubuf, &s, sizeof s) < 0 ? -EFAULT : 0;
}

static long statfs_path(const char *upath, uint32_t size, void *ubuf)
{
    struct inode *ip;
    int err = path_lookup_at(AT_FDCWD, upath, PATH_FOLLOW, &ip, 0);
    return err < 0 ? err : statfs_to_user(ip, size, ubuf);
}

static long statfs_fd(int fd, uint32_t size, void *ubuf)
{
    struct file *f = fdtable_get(proc_files(), fd);
    return f ? statfs_to_user(f->ip, size, ubuf) : -EBADF;
}

long sys_statfs(const char *upath, struct statfs *ubuf)
{
    return statfs_path(upath, 0, ubuf);
}

long sys_fstatfs(int fd, struct statfs *ubuf)
{
    return statfs_fd(fd, 0, ubuf);
}

long sys_statfs64(const char *upath, uint32_t size, struct statfs64 *ubuf)
{
    return statfs_path(upath, size, ubuf);
}

long sys_fstatfs64(int fd, uint32_t size, struct statfs64 *ubuf)
{
    return statfs_fd(fd, size, ubuf);
}
