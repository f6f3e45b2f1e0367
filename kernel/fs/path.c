/* path.c: path lookup for the system calls (see path.h). Every path is
 * made absolute first: a relative one is joined to the working directory
 * (an absolute path kept in struct proc, inherited by fork) or to the path
 * of a directory descriptor's inode, then looked up from the root by
 * fs_lookup_err, which handles "." and "..". The working directory is kept
 * as the canonical path of the directory (computed from the inode), so
 * getcwd reads it back and chdir("..") works from it. */
#include "kernel/fs/path.h"
#include "kernel/errno.h"
#include "kernel/fs/file.h"
#include "kernel/proc.h"
#include "kernel/string.h"
#include "mm/kmalloc.h"
#include "mm/uaccess.h"

#define MAX_LINKS 8             /* Linux's limit on nested links is 40 */

static struct path_name root_name = { 1, "/" };     /* one reference forever */

struct path_name *path_name_root(void)
{
    root_name.ref++;
    return &root_name;
}

struct path_name *path_name_make(const char *s)
{
    uint32_t n = (uint32_t)strlen(s);
    struct path_name *p = kmalloc(sizeof *p + n + 1);
    if (!p)
        return 0;
    p->ref = 1;
    memcpy(p->s, s, n + 1);
    return p;
}

void path_name_get(struct path_name *n)
{
    if (n)
        n->ref++;
}

void path_name_put(struct path_name *n)
{
    if (n && --n->ref == 0)
        kfree(n);
}

void path_attrs_get(struct proc *p)
{
    path_name_get(p->attrs.cwd);
    path_name_get(p->attrs.exe);
}

void path_attrs_put(struct proc *p)
{
    path_name_put(p->attrs.cwd);
    path_name_put(p->attrs.exe);
    p->attrs.cwd = p->attrs.exe = 0;
}

/* The working directory of the current process ("/" if it has none). */
static const char *cwd_of_current(void)
{
    return current->attrs.cwd ? current->attrs.cwd->s : "/";
}

int path_of_inode(const struct inode *ip, char *buf, uint32_t size)
{
    char tmp[FS_PATH_MAX];
    uint32_t at = sizeof tmp - 1;       /* built backwards from the end */
    tmp[at] = '\0';
    for (; ip->parent && ip->parent != ip && ip->name[0]; ip = ip->parent) {
        uint32_t n = (uint32_t)strlen(ip->name);
        if (n + 1 > at)
            return -ENAMETOOLONG;
        at -= n;
        memcpy(tmp + at, ip->name, n);
        tmp[--at] = '/';
    }
    if (at == sizeof tmp - 1)
        tmp[--at] = '/';                /* the root */
    uint32_t len = sizeof tmp - 1 - at;
    if (len + 1 > size)
        return -ENAMETOOLONG;
    memcpy(buf, tmp + at, len + 1);
    return (int)len;
}

/* The directory a relative path starts from: the working directory or
 * dirfd's inode, as an absolute path in base. 0 or -errno. */
static int start_dir(int dirfd, char *base)
{
    if (dirfd == AT_FDCWD) {
        strlcpy(base, cwd_of_current(), FS_PATH_MAX);
        return 0;
    }
    struct file *f = fdtable_get(proc_files(), dirfd);
    if (!f)
        return -EBADF;
    if (!S_ISDIR(f->ip->mode))
        return -ENOTDIR;
    return path_of_inode(f->ip, base, FS_PATH_MAX) < 0 ? -ENAMETOOLONG : 0;
}

/* Makes path (kernel memory) absolute in abs, joining it to dir when it is
 * relative. 0 or -ENAMETOOLONG. */
static int join(const char *dir, const char *path, char *abs)
{
    if (path[0] == '/')
        return strlcpy(abs, path, FS_PATH_MAX) >= FS_PATH_MAX ? -ENAMETOOLONG : 0;
    uint32_t n = (uint32_t)strlen(dir);
    if (n + 1 + strlen(path) >= FS_PATH_MAX)
        return -ENAMETOOLONG;
    memcpy(abs, dir, n);
    if (n == 0 || abs[n - 1] != '/')
        abs[n++] = '/';
    strlcpy(abs + n, path, FS_PATH_MAX - n);
    return 0;
}

/* Follows the symbolic link ip (its target is looked up from ip's
 * directory when relative) until a non-link, at most MAX_LINKS times. */
static int follow(struct inode **ip)
{
    for (int depth = 0; S_ISLNK((*ip)->mode); depth++) {
        char target[FS_PATH_MAX], dir[FS_PATH_MAX], abs[FS_PATH_MAX];
        if (depth == MAX_LINKS)
            return -ELOOP;
        if (!(*ip)->ops || !(*ip)->ops->readlink)
            return -ENOENT;
        long n = (*ip)->ops->readlink(*ip, target, sizeof target - 1);
        if (n < 0)
            return (int)n;
        if (n >= (long)sizeof target)
            return -ENAMETOOLONG;
        target[n] = '\0';
        int err = path_of_inode((*ip)->parent, dir, sizeof dir);
        if (err >= 0)
            err = join(dir, target, abs);
        if (err >= 0)
            err = fs_lookup_err(abs, ip);
        if (err < 0)
            return err;
    }
    return 0;
}

int path_absolute_at(int dirfd, const char *upath, char *abs)
{
    char path[FS_PATH_MAX], base[FS_PATH_MAX];
    long r = strncpy_from_user(path, upath, sizeof path);
    if (r < 0)
        return (int)r;
    if (path[0] == '\0') {
        abs[0] = '\0';
        return 0;
    }
    int err = path[0] == '/' ? 0 : start_dir(dirfd, base);
    return err < 0 ? err : join(base, path, abs);
}

int path_lookup_at(int dirfd, const char *upath, int flags, struct inode **ip, char *abs)
{
    char path[FS_PATH_MAX], base[FS_PATH_MAX], tmp[FS_PATH_MAX];
    if (!abs)
        abs = tmp;
    abs[0] = '\0';
    long r = strncpy_from_user(path, upath, sizeof path);
    if (r < 0)
        return (int)r;
    int err = 0;
    if (path[0] == '\0') {
        if (!(flags & PATH_EMPTY))
            return -ENOENT;
        if (dirfd == AT_FDCWD)
            return fs_lookup_err(cwd_of_current(), ip);
        struct file *f = fdtable_get(proc_files(), dirfd);
        if (!f)
            return -EBADF;
        *ip = f->ip;
        path_of_inode(f->ip, abs, FS_PATH_MAX);
        return 0;
    }
    if (path[0] != '/' && (err = start_dir(dirfd, base)) < 0)
        return err;
    if ((err = join(base, path, abs)) < 0)
        return err;
    if ((err = fs_lookup_err(abs, ip)) < 0)
        return err;
    return (flags & PATH_FOLLOW) ? follow(ip) : 0;
}

void path_set_exe(struct proc *p, const struct inode *ip)
{
    char path[FS_PATH_MAX];
    path_name_put(p->attrs.exe);
    p->attrs.exe = path_of_inode(ip, path, sizeof path) < 0 ? 0 : path_name_make(path);
}

/* Makes directory ip the working directory. 0, -ENOTDIR, -ENAMETOOLONG,
 * -ENOMEM. */
static long set_cwd(const struct inode *ip)
{
    char path[FS_PATH_MAX];
    if (!S_ISDIR(ip->mode))
        return -ENOTDIR;
    if (path_of_inode(ip, path, sizeof path) < 0)
        return -ENAMETOOLONG;
    struct path_name *n = path_name_make(path);
    if (!n)
        return -ENOMEM;
    path_name_put(current->attrs.cwd);
    current->attrs.cwd = n;
    return 0;
}

long sys_chdir(const char *upath)
{
    struct inode *ip;
    int err = path_lookup_at(AT_FDCWD, upath, PATH_FOLLOW, &ip, 0);
    return err < 0 ? err : set_cwd(ip);
}

long sys_fchdir(int fd)
{
    struct file *f = fdtable_get(proc_files(), fd);
    return f ? set_cwd(f->ip) : -EBADF;
}

/* Linux's getcwd returns the length with the NUL; ERANGE when size is
 * too small for it. */
long sys_getcwd(char *ubuf, uint32_t size)
{
    const char *cwd = cwd_of_current();
    uint32_t n = (uint32_t)strlen(cwd) + 1;
    if (size < n)
        return -ERANGE;
    return copy_to_user(ubuf, cwd, n) < 0 ? -EFAULT : (long)n;
}
