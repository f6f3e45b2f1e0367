/* sys_at.c: the calls that look a name up relative to a directory
 * descriptor (kernel/fs/path.c does the lookup): fstatat64, statx,
 * readlink and readlinkat, access, faccessat and faccessat2. openat is
 * with open in kernel/fs/sys_file.c; stat64 and lstat64 come here. */
#include "kernel/errno.h"
#include "kernel/fs/file.h"
#include "kernel/fs/path.h"
#include "kernel/fs/tmpfs.h"
#include "kernel/string.h"
#include "mm/uaccess.h"

long sys_fstatat64(int dirfd, const char *upath, struct stat64 *ustat, int flags)
{
    struct inode *ip;
    if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH))
        return -EINVAL;
    int how = ((flags & AT_SYMLINK_NOFOLLOW) ? 0 : PATH_FOLLOW) |
              ((flags & AT_EMPTY_PATH) ? PATH_EMPTY : 0);
    int err = path_lookup_at(dirfd, upath, how, &ip, 0);
    return err < 0 ? err : stat_to_user(ip, ustat);
}

/* Linux's struct statx (256 bytes, the same on every architecture). */
struct statx_timestamp {
    int64_t tv_sec;
    uint32_t tv_nsec;
    int32_t reserved;
};
struct statx {
    uint32_t stx_mask, stx_blksize;
    uint64_t stx_attributes;
    uint32_t stx_nlink, stx_uid, stx_gid;
    uint16_t stx_mode, spare0;
    uint64_t stx_ino, stx_size, stx_blocks, stx_attributes_mask;
    struct statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
    uint32_t stx_rdev_major, stx_rdev_minor, stx_dev_major, stx_dev_minor;
    uint64_t stx_mnt_id;
    uint32_t stx_dio_mem_align, stx_dio_offset_align;
    uint64_t spare3[12];
};
_Static_assert(sizeof(struct statx) == 256, "struct statx is Linux's");
_Static_assert(__builtin_offsetof(struct statx, stx_rdev_major) == 128, "stx_rdev_major at 128");

#define STATX_BASIC_STATS 0x7FF         /* type, mode, nlink, uid, gid, times, ino, size, blocks */
#define STATX_RESERVED 0x80000000u
#define AT_STATX_SYNC_TYPE 0x6000

/* statx(2): every basic field is always filled (a file here has no birth
 * time), whatever mask asks for; stx_mask says so. */
long sys_statx(int dirfd, const char *upath, int flags, uint32_t mask, struct statx *ux)
{
    struct inode *ip;
    if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH | AT_STATX_SYNC_TYPE))
        return -EINVAL;
    if ((flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE || (mask & STATX_RESERVED))
        return -EINVAL;
    int how = ((flags & AT_SYMLINK_NOFOLLOW) ? 0 : PATH_FOLLOW) |
              ((flags & AT_EMPTY_PATH) ? PATH_EMPTY : 0);
    int err = path_lookup_at(dirfd, upath, how, &ip, 0);
    if (err < 0)
        return err;
    struct statx x;
    memset(&x, 0, sizeof x);
    x.stx_mask = STATX_BASIC_STATS;
    x.stx_blksize = 4096;
    x.stx_nlink = ip->nlink;
    x.stx_mode = (uint16_t)ip->mode;
    x.stx_ino = ip->ino;
    x.stx_size = ip->size;
    x.stx_blocks = inode_blocks(ip);
    x.stx_atime.tv_sec = x.stx_ctime.tv_sec = x.stx_mtime.tv_sec = ip->mtime;
    x.stx_rdev_major = ip->rdev >> 8;
    x.stx_rdev_minor = ip->rdev & 0xFF;
    x.stx_dev_major = inode_dev(ip) >> 8;
    x.stx_dev_minor = inode_dev(ip) & 0xFF;
    return copy_to_user(ux, &x, sizeof x) < 0 ? -EFAULT : 0;
}

/* readlink(2): the link's target, not NUL-terminated, cut to size bytes;
 * -EINVAL for something that is not a symbolic link or size <= 0. */
long sys_readlinkat(int dirfd, const char *upath, char *ubuf, int size)
{
    char target[FS_PATH_MAX];
    struct inode *ip;
    if (size <= 0)
        return -EINVAL;
    int err = path_lookup_at(dirfd, upath, 0, &ip, 0);
    if (err < 0)
        return err;
    if (!S_ISLNK(ip->mode) || !ip->ops || !ip->ops->readlink)
        return -EINVAL;
    long n = ip->ops->readlink(ip, target, sizeof target);
    if (n < 0)
        return n;
    if (n > (long)sizeof target)
        n = sizeof target;
    if (n > size)
        n = size;
    return copy_to_user(ubuf, target, (uint32_t)n) < 0 ? -EFAULT : n;
}

long sys_readlink(const char *upath, char *ubuf, int size)
{
    return sys_readlinkat(AT_FDCWD, upath, ubuf, size);
}

#define X_OK 1
#define W_OK 2
#define R_OK 4

/* Could root do mode to ip? Reading always; writing where a write can go
 * (a device, a tmpfs file or directory, a file with a write op; the
 * initrd is read-only: -EROFS); executing a directory, or a file with an
 * x bit (-EACCES). */
static int access_check(const struct inode *ip, int mode)
{
    if ((mode & W_OK) && !S_ISCHR(ip->mode) && !inode_has_write(ip) && !ip->sb)
        return -EROFS;
    if ((mode & X_OK) && !S_ISDIR(ip->mode) && !(ip->mode & 0111))
        return -EACCES;
    return 0;
}

long sys_faccessat2(int dirfd, const char *upath, int mode, int flags)
{
    struct inode *ip;
    if (mode & ~(R_OK | W_OK | X_OK))
        return -EINVAL;
    if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
        return -EINVAL;
    int how = ((flags & AT_SYMLINK_NOFOLLOW) ? 0 : PATH_FOLLOW) |
              ((flags & AT_EMPTY_PATH) ? PATH_EMPTY : 0);
    int err = path_lookup_at(dirfd, upath, how, &ip, 0);
    return err < 0 ? err : access_check(ip, mode);
}

long sys_faccessat(int dirfd, const char *upath, int mode)
{
    return sys_faccessat2(dirfd, upath, mode, 0);
}

long sys_access(const char *upath, int mode)
{
    return sys_faccessat2(AT_FDCWD, upath, mode, 0);
}
