/* sys_fs.h: the system calls that make, remove, rename and size files, and
 * describe file systems (kernel/fs/sys_fs.c), by Linux i386 number. */
#ifndef KERNEL_SYS_FS_H
#define KERNEL_SYS_FS_H

#include <stdint.h>
#include "kernel/fs/fs.h"

/* For open(O_CREAT) of the missing path (a kernel copy): makes it, a
 * tmpfs regular file with mode's permission bits. Sets *out; returns 0 or
 * -EROFS (its directory is not on a tmpfs), -ENOENT, -ENOTDIR, -EISDIR
 * (the path ends in '/'), -ENOSPC, -ENOMEM. */
int fs_create(const char *path, uint32_t mode, struct inode **out);

struct statfs;
struct statfs64;
long sys_unlink(const char *upath);                                     /* 10 */
long sys_rename(const char *uold, const char *unew);                    /* 38 */
long sys_mkdir(const char *upath, uint32_t mode);                       /* 39 */
long sys_rmdir(const char *upath);                                      /* 40 */
long sys_truncate(const char *upath, long length);                      /* 92 */
long sys_ftruncate(int fd, long length);                                /* 93 */
long sys_statfs(const char *upath, struct statfs *ubuf);                /* 99 */
long sys_fstatfs(int fd, struct statfs *ubuf);                          /* 100 */
long sys_fsync(int fd);                                                 /* 118 */
long sys_fdatasync(int fd);                                             /* 148 */
long sys_truncate64(const char *upath, uint32_t lo, uint32_t hi);       /* 193 */
long sys_ftruncate64(int fd, uint32_t lo, uint32_t hi);                 /* 194 */
long sys_statfs64(const char *upath, uint32_t size, struct statfs64 *ubuf);   /* 268 */
long sys_fstatfs64(int fd, uint32_t size, struct statfs64 *ubuf);       /* 269 */
long sys_mkdirat(int dirfd, const char *upath, uint32_t mode);          /* 296 */
long sys_unlinkat(int dirfd, const char *upath, int flags);             /* 301 */
long sys_renameat(int olddirfd, const char *uold, int newdirfd, const char *unew); /* 302 */

#endif
