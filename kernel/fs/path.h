/* path.h: how a path from a system call becomes an inode: relative paths
 * start at the process's working directory or at a directory descriptor
 * (the *at calls), symbolic links (/proc/PID/exe) are followed where the
 * call asks, and an inode gives back its absolute path. Also the working
 * directory's calls: getcwd, chdir, fchdir. */
#ifndef KERNEL_PATH_H
#define KERNEL_PATH_H

#include <stdint.h>
#include "kernel/fs/fs.h"

/* Linux's *at values. */
#define AT_FDCWD (-100)
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_EACCESS 0x200
#define AT_SYMLINK_FOLLOW 0x400
#define AT_NO_AUTOMOUNT 0x800
#define AT_EMPTY_PATH 0x1000

/* path_lookup_at flags. */
#define PATH_FOLLOW 1           /* a symbolic link at the end is followed */
#define PATH_EMPTY 2            /* "" names dirfd itself (AT_EMPTY_PATH) */

struct proc;

/* An absolute path shared by reference count: the working directories and
 * program names of processes (fork shares them; chdir and exec make new
 * ones), so struct proc carries two pointers instead of two paths. */
struct path_name {
    uint32_t ref;
    char s[];
};

/* A new path_name holding s with one reference, or NULL (out of memory). */
struct path_name *path_name_make(const char *s);
/* Take / drop a reference (NULL is allowed); the last put frees it. */
void path_name_get(struct path_name *n);
void path_name_put(struct path_name *n);
/* "/" as a path_name that is never freed. */
struct path_name *path_name_root(void);
/* fork: the child (its attrs copied from the parent's) shares its
 * parent's names; proc_free: drops p's. */
void path_attrs_get(struct proc *p);
void path_attrs_put(struct proc *p);

/* Looks up the user path upath relative to dirfd (AT_FDCWD: the working
 * directory; ignored for an absolute path). Sets *ip and returns 0, or
 * returns -EFAULT, -ENAMETOOLONG, -ENOENT (missing, or "" without
 * PATH_EMPTY), -ENOTDIR (dirfd is not a directory, or a component is not
 * one), -EBADF (dirfd is needed and bad) or -ELOOP (more than 8 links).
 * abs (FS_PATH_MAX bytes, may be NULL) gets the absolute path looked up,
 * before any link was followed, even when the lookup fails (open's
 * O_CREAT needs the name of what is missing). */
int path_lookup_at(int dirfd, const char *upath, int flags, struct inode **ip, char *abs);

/* Makes the user path upath absolute in abs (FS_PATH_MAX bytes): joined
 * to dirfd's directory or the working directory when relative; "" stays
 * "". Nothing is looked up but dirfd. 0, -EFAULT, -ENAMETOOLONG, -EBADF,
 * -ENOTDIR. */
int path_absolute_at(int dirfd, const char *upath, char *abs);

/* Writes ip's absolute path ("/" for the root) into buf of size bytes.
 * Returns its length, or -ENAMETOOLONG. */
int path_of_inode(const struct inode *ip, char *buf, uint32_t size);

/* exec: records ip as p's program file (/proc/PID/exe; none when out of
 * memory). */
void path_set_exe(struct proc *p, const struct inode *ip);

long sys_chdir(const char *upath);                      /* 12 */
long sys_fchdir(int fd);                                /* 133 */
long sys_getcwd(char *ubuf, uint32_t size);             /* 183 */

#endif
