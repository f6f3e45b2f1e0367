/* file.h: open files and descriptor tables. A struct file is one open() of
 * an inode: its offset and flags, shared by reference count between the
 * descriptors and processes (dup, fork) that hold it. The system calls
 * over files are in kernel/fs/sys_file.c; the inodes in kernel/fs/fs.h. */
#ifndef KERNEL_FILE_H
#define KERNEL_FILE_H

#include <stdint.h>
#include "kernel/fs/fs.h"

/* open() flags, Linux i386 values. */
#define O_ACCMODE   03
#define O_RDONLY    00
#define O_WRONLY    01
#define O_RDWR      02
#define O_CREAT     0100
#define O_EXCL      0200
#define O_TRUNC     01000
#define O_NOCTTY    0400
#define O_APPEND    02000
#define O_NONBLOCK  04000
#define O_ASYNC     020000
#define O_DIRECT    040000
#define O_LARGEFILE 0100000
#define O_DIRECTORY 0200000
#define O_NOFOLLOW  0400000
#define O_NOATIME   01000000
#define O_CLOEXEC   02000000
/* What F_SETFL may change; the rest of f->flags is fixed at open. */
#define O_SETFL_MASK (O_APPEND | O_NONBLOCK | O_ASYNC | O_DIRECT | O_NOATIME)

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

struct file {
    uint32_t ref;               /* descriptors (in any process) that hold it */
    struct inode *ip;           /* the console: the /dev/console inode */
    int64_t off;                /* next byte; for a directory, next entry */
    int flags;                  /* as given to open(), without O_CREAT, O_EXCL,
                                   O_NOCTTY, O_TRUNC and O_CLOEXEC (Linux's
                                   f_flags, what F_GETFL shows) */
    void *priv;                 /* a synthetic inode's (ip->ops) state for this
                                   open: /proc's snapshot; freed by ops->release */
};

#define NOFILE 32               /* descriptors per process */

struct fdtable {
    struct file *fd[NOFILE];
    uint8_t cloexec[NOFILE];    /* FD_CLOEXEC: close fd at execve */
};

/* A new struct file on ip with one reference, or NULL (out of memory). */
struct file *file_alloc(struct inode *ip, int flags);
void file_get(struct file *f);
/* Drops one reference; frees f with the last (and, for a synthetic inode,
 * what its ops->open set up). */
void file_put(struct file *f);
/* After file_alloc in open(): lets a synthetic inode set f up (/proc files
 * snapshot their text here). Returns 0, or -errno: the caller file_puts f. */
int file_open(struct file *f);
/* Copies up to n bytes of f at its offset into the kernel buffer dst,
 * without moving the offset. Returns the bytes copied, 0 at the end, or
 * -errno (-EINVAL for what has no bytes: the console, a device). */
long file_read(struct file *f, void *dst, uint32_t n);
/* Fills *e with the entry of the directory open in f at position pos or,
 * if none, the first after it: 0 is ".", 1 is "..", then the directory's
 * entries. Returns 0, or -1 past the last. */
int file_dir_entry(struct file *f, uint32_t pos, struct dir_entry *e);
/* Hands the n bytes at src (kernel memory) to a synthetic file's write op
 * as one write (/proc/trace), without moving the offset. Returns the bytes
 * taken, or -errno (-EINVAL when f's inode has no write op). */
long file_write(struct file *f, const void *src, uint32_t n);
/* Can ip be opened for writing: does it have a write op? (The console is
 * written through kernel/fs/tty.c instead.) */
int inode_has_write(const struct inode *ip);
/* poll and select sleep on this channel; whatever makes a file ready
 * (a pipe written, read or closed) wakes it. */
extern char file_poll_chan;
/* Which of POLLIN, POLLOUT, POLLHUP f is ready for now: the console is
 * readable with a line typed; other files ask their inode's ops->poll,
 * or are always ready (regular files, directories). */
int file_poll(struct file *f);
/* Is f the console (reads and writes go through kernel/fs/tty.c)? */
int file_is_console(const struct file *f);
/* Computes f's offset moved to off from whence (SEEK_SET, SEEK_CUR, or
 * SEEK_END: the file's size) into *pos, without moving it. Returns 0,
 * -ESPIPE on the console, -EINVAL for another whence or a negative result,
 * and for SEEK_END on a synthetic file, which has no size (as Linux's /proc).
 * Past the end is allowed: reads there return 0. */
int file_seek(struct file *f, int64_t off, int whence, int64_t *pos);

/* Puts f in the lowest free descriptor of t, taking over the caller's
 * reference. Returns the descriptor, or -EMFILE (the caller still owns f).
 * Descriptors stop at the current process's RLIMIT_NOFILE. */
int fdtable_install(struct fdtable *t, struct file *f);
/* fdtable_install at the lowest free descriptor >= minfd, with its
 * close-on-exec flag set to cloexec. */
int fdtable_install_from(struct fdtable *t, struct file *f, int minfd, int cloexec);
/* Puts f in descriptor fd (below NOFILE) with close-on-exec flag cloexec,
 * taking over the caller's reference; what fd held is closed. */
void fdtable_set(struct fdtable *t, int fd, struct file *f, int cloexec);
/* For execve: closes the descriptors marked close-on-exec. */
void fdtable_close_on_exec(struct fdtable *t);
/* The file open on fd, or NULL for a bad or free descriptor. */
struct file *fdtable_get(struct fdtable *t, int fd);
/* Frees fd. Returns 0 or -EBADF. */
int fdtable_close(struct fdtable *t, int fd);

/* For init: one struct file on /dev/console (read-write) in fds 0, 1 and 2
 * (whatever they held is closed), and tty_enable(): console input goes to
 * processes, not the monitor, from now on. Returns 0, -ENOENT (no
 * /dev/console: initrd_init never ran) or -ENOMEM. */
int fdtable_open_console(struct fdtable *t);
/* For fork: dst (empty) gets every descriptor of src, sharing each struct
 * file (offsets too) with one more reference. Returns 0; cannot fail. */
int fdtable_copy(struct fdtable *dst, const struct fdtable *src);
/* For exit: closes every descriptor of t. */
void fdtable_close_all(struct fdtable *t);

/* The current process's descriptor table (kernel/proc.c). */
extern struct fdtable *proc_files(void);

/* The system calls over files (kernel/fs/sys_file.c), Linux i386 numbers.
 * User pointers are checked by mm/uaccess.h; errors are -errno. */
struct stat64;
struct iovec;
long sys_read(int fd, void *ubuf, uint32_t count);                      /* 3 */
long sys_write(int fd, const void *ubuf, uint32_t count);               /* 4 */
long sys_open(const char *upath, int flags, int mode);                  /* 5 */
long sys_close(int fd);                                                 /* 6 */
long sys_lseek(int fd, long offset, int whence);                        /* 19 */
long sys_ioctl(int fd, uint32_t cmd, uint32_t arg);                     /* 54, kernel/fs/ioctl.c */
long sys_llseek(int fd, uint32_t off_high, uint32_t off_low,
                int64_t *uresult, int whence);                          /* 140 _llseek */
long sys_writev(int fd, const struct iovec *uiov, int iovcnt);          /* 146 */
long sys_stat64(const char *upath, struct stat64 *ustat);               /* 195 */
long sys_lstat64(const char *upath, struct stat64 *ustat);              /* 196 */
long sys_fstat64(int fd, struct stat64 *ustat);                         /* 197 */
long sys_getdents64(int fd, void *udirp, uint32_t count);               /* 220 */
long sys_readv(int fd, const struct iovec *uiov, int iovcnt);           /* 145 */
long sys_pread64(int fd, void *ubuf, uint32_t count, uint32_t lo, uint32_t hi);        /* 180 */
long sys_pwrite64(int fd, const void *ubuf, uint32_t count, uint32_t lo, uint32_t hi); /* 181 */
long sys_openat(int dirfd, const char *upath, int flags, int mode);     /* 295 */
/* Fills Linux's struct stat64 for ip at ustat. 0 or -EFAULT. */
long stat_to_user(struct inode *ip, struct stat64 *ustat);

/* Descriptors (kernel/fs/sys_fd.c). */
long sys_dup(int fd);                                                   /* 41 */
long sys_dup2(int oldfd, int newfd);                                    /* 63 */
long sys_dup3(int oldfd, int newfd, int flags);                         /* 330 */
long sys_fcntl(int fd, int cmd, uint32_t arg);                          /* 55, 221 fcntl64 */

/* The *at calls on names (kernel/fs/sys_at.c). */
struct statx;
long sys_fstatat64(int dirfd, const char *upath, struct stat64 *ustat, int flags);      /* 300 */
long sys_statx(int dirfd, const char *upath, int flags, uint32_t mask, struct statx *ux); /* 383 */
long sys_readlink(const char *upath, char *ubuf, int size);                             /* 85 */
long sys_readlinkat(int dirfd, const char *upath, char *ubuf, int size);                /* 305 */
long sys_access(const char *upath, int mode);                                           /* 33 */
long sys_faccessat(int dirfd, const char *upath, int mode);                             /* 307 */
long sys_faccessat2(int dirfd, const char *upath, int mode, int flags);                 /* 439 */

#endif
