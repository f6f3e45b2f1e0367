/* sys_file.c: the Linux i386 system calls over files: read, write, writev,
 * open, openat, close, lseek, _llseek, stat64, lstat64, fstat64, getdents64,
 * and the positioned and vectored reads: pread64, pwrite64, readv.
 * Each checks its descriptor, then moves data between the user and a small
 * kernel buffer (CHUNK bytes at a time: no length from user space sizes a
 * kernel allocation). Files and directories are read through kernel/fs/file.c
 * (the archive's bytes, or /proc's computed ones); the console goes through
 * kernel/fs/tty.c. */
#include "kernel/errno.h"
#include "kernel/fs/file.h"
#include "kernel/fs/fs.h"
#include "kernel/fs/sys_fs.h"
#include "kernel/fs/tmpfs.h"
#include "kernel/fs/path.h"
#include "kernel/proc.h"
#include "kernel/string.h"
#include "kernel/fs/tty.h"
#include "mm/uaccess.h"

#define CHUNK 512
#define MAX_RW 0x7FFFF000u      /* most bytes one call moves, as Linux */
#define UIO_MAXIOV 1024

/* Linux i386's struct stat64 (96 bytes; i386 aligns 64-bit fields to 4). */
struct stat64 {
    uint64_t st_dev;
    uint32_t __pad0;
    uint32_t __st_ino;          /* low 32 bits of st_ino */
    uint32_t st_mode, st_nlink, st_uid, st_gid;
    uint64_t st_rdev;
    uint32_t __pad3;
    int64_t st_size;
    uint32_t st_blksize;
    uint64_t st_blocks;         /* 512-byte blocks */
    uint32_t st_atime, st_atime_nsec, st_mtime, st_mtime_nsec, st_ctime, st_ctime_nsec;
    uint64_t st_ino;
};
_Static_assert(sizeof(struct stat64) == 96, "struct stat64 is Linux's");
_Static_assert(__builtin_offsetof(struct stat64, st_size) == 44, "st_size at 44");
_Static_assert(__builtin_offsetof(struct stat64, st_ino) == 88, "st_ino at 88");

/* Linux's struct linux_dirent64; records are padded to 8 bytes. */
struct linux_dirent64 {
    uint64_t d_ino;
    int64_t d_off;              /* where the next record starts: its index */
    uint16_t d_reclen;
    uint8_t d_type;             /* DT_* */
    char d_name[];
};
#define DIRENT_NAME_AT __builtin_offsetof(struct linux_dirent64, d_name)
_Static_assert(DIRENT_NAME_AT == 19, "d_name at 19");
#define DT_FIFO 1
#define DT_CHR 2
#define DT_DIR 4
#define DT_REG 8
#define DT_LNK 10

struct iovec {
    void *iov_base;
    uint32_t iov_len;
};

static struct file *fd_file(int fd)
{
    return fdtable_get(proc_files(), fd);
}

/* Reads up to n bytes of f at its offset into user memory at ubuf. The
 * console gives at most one line; a file moves CHUNK bytes at a time and
 * its offset advances only past bytes that reached the user. Returns the
 * bytes read (0 at the end), or -errno when none were. */
static long file_read_user(struct file *f, char *ubuf, uint32_t n)
{
    char kbuf[CHUNK];
    if ((f->flags & O_ACCMODE) == O_WRONLY)
        return -EBADF;
    if (S_ISDIR(f->ip->mode))
        return -EISDIR;
    if (n > MAX_RW)
        n = MAX_RW;
    if (!user_range_ok((uint32_t)ubuf, n))
        return -EFAULT;                 /* even at the end of the file, as Linux */
    if (f->ip->ops && f->ip->ops->read_user)
        return f->ip->ops->read_user(f, ubuf, n);       /* tmpfs, pipes, /dev */
    if (file_is_console(f)) {
        if ((f->flags & O_NONBLOCK) && !tty_input_ready() && n > 0)
            return -EAGAIN;
        long r = tty_read(kbuf, n < CHUNK ? n : CHUNK);
        if (r > 0 && copy_to_user(ubuf, kbuf, (uint32_t)r) < 0)
            return -EFAULT;
        return r;
    }
    uint32_t done = 0;
    while (done < n) {
        uint32_t want = n - done < CHUNK ? n - done : CHUNK;
        long r = file_read(f, kbuf, want);
        if (r <= 0)
            return done ? (long)done : r;
        if (copy_to_user(ubuf + done, kbuf, (uint32_t)r) < 0)
            return done ? (long)done : -EFAULT;
        f->off += r;
        done += (uint32_t)r;
    }
    return (long)done;
}

/* Writes n bytes from user memory at ubuf to a synthetic file with a
 * write op (/proc/trace): in one piece, so at most CHUNK bytes (-EINVAL
 * for more). The offset advances past what the file took. Returns the
 * bytes taken, or -errno. */
static long file_write_synthetic(struct file *f, const char *ubuf, uint32_t n)
{
    char kbuf[CHUNK];
    if (n > CHUNK)
        return -EINVAL;
    if (copy_from_user(kbuf, ubuf, n) < 0)
        return -EFAULT;
    long r = file_write(f, kbuf, n);
    if (r > 0)
        f->off += r;
    return r;
}

/* Writes n bytes from user memory at ubuf to f (only the console and a
 * synthetic file with a write op can be open for writing). Returns the
 * bytes written, or -errno when none were. */
static long file_write_user(struct file *f, const char *ubuf, uint32_t n)
{
    char kbuf[CHUNK];
    if ((f->flags & O_ACCMODE) == O_RDONLY)
        return -EBADF;
    if (f->ip->ops && f->ip->ops->write_user) {        /* tmpfs, pipes, /dev */
        if (n > MAX_RW)
            n = MAX_RW;
        if (!user_range_ok((uint32_t)ubuf, n))
            return -EFAULT;
        return f->ip->ops->write_user(f, ubuf, n);
    }
    if (inode_has_write(f->ip))
        return file_write_synthetic(f, ubuf, n);
    if (!file_is_console(f))
        return -EINVAL;
    if (n > MAX_RW)
        n = MAX_RW;
    if (!user_range_ok((uint32_t)ubuf, n))
        return -EFAULT;
    uint32_t done = 0;
    while (done < n) {
        uint32_t want = n - done < CHUNK ? n - done : CHUNK;
        if (copy_from_user(kbuf, ubuf + done, want) < 0)
            return done ? (long)done : -EFAULT;
        tty_write(kbuf, want);
        done += want;
    }
    return (long)done;
}

long sys_read(int fd, void *ubuf, uint32_t count)
{
    struct file *f = fd_file(fd);
    return f ? file_read_user(f, ubuf, count) : -EBADF;
}

long sys_write(int fd, const void *ubuf, uint32_t count)
{
    struct file *f = fd_file(fd);
    return f ? file_write_user(f, ubuf, count) : -EBADF;
}

/* Checks a user iovec array before anything moves (Linux moves nothing if
 * one entry is bad): the count, each entry readable, the total length
 * below 2 GiB. 0 or -errno. */
static int iov_check(const struct iovec *uiov, int iovcnt)
{
    struct iovec iov;
    uint32_t total = 0;
    if (iovcnt < 0 || iovcnt > UIO_MAXIOV)
        return -EINVAL;
    for (int i = 0; i < iovcnt; i++) {
        if (copy_from_user(&iov, &uiov[i], sizeof iov) < 0)
            return -EFAULT;
        if (iov.iov_len > 0x7FFFFFFFu - total)
            return -EINVAL;
        total += iov.iov_len;
    }
    return 0;
}

/* readv and writev: each buffer in order through rw (file_read_user or
 * file_write_user), stopping at the first short or failed transfer. */
static long iov_transfer(int fd, const struct iovec *uiov, int iovcnt,
                         long (*rw)(struct file *, char *, uint32_t))
{
    struct file *f = fd_file(fd);
    struct iovec iov;
    if (!f)
        return -EBADF;
    int err = iov_check(uiov, iovcnt);
    if (err < 0)
        return err;
    long done = 0;
    for (int i = 0; i < iovcnt; i++) {
        if (copy_from_user(&iov, &uiov[i], sizeof iov) < 0)
            return done ? done : -EFAULT;
        if (iov.iov_len == 0)
            continue;
        long r = rw(f, iov.iov_base, iov.iov_len);
        if (r < 0)
            return done ? done : r;
        done += r;
        if ((uint32_t)r < iov.iov_len)
            break;
    }
    return done;
}

static long write_user(struct file *f, char *ubuf, uint32_t n)
{
    return file_write_user(f, ubuf, n);
}

long sys_writev(int fd, const struct iovec *uiov, int iovcnt)
{
    return iov_transfer(fd, uiov, iovcnt, write_user);
}

long sys_readv(int fd, const struct iovec *uiov, int iovcnt)
{
    return iov_transfer(fd, uiov, iovcnt, file_read_user);
}

/* pread64 and pwrite64: a transfer at offset (lo, hi) that leaves the
 * file's offset where it was. -ESPIPE on the console, -EINVAL for a
 * negative offset. */
static long positioned(int fd, char *ubuf, uint32_t count, uint32_t lo, uint32_t hi, int write)
{
    struct file *f = fd_file(fd);
    int64_t pos = (int64_t)((uint64_t)hi << 32 | lo);
    if (!f)
        return -EBADF;
    if ((f->flags & O_ACCMODE) == (write ? O_RDONLY : O_WRONLY))
        return -EBADF;
    if (file_is_console(f) || (f->ip->ops && f->ip->ops->poll))
        return -ESPIPE;                 /* the console, pipes */
    if (pos < 0)
        return -EINVAL;
    int64_t saved = f->off;
    f->off = pos;
    long r = write ? file_write_user(f, ubuf, count) : file_read_user(f, ubuf, count);
    f->off = saved;
    return r;
}

long sys_pread64(int fd, void *ubuf, uint32_t count, uint32_t lo, uint32_t hi)
{
    return positioned(fd, ubuf, count, lo, hi, 0);
}

long sys_pwrite64(int fd, const void *ubuf, uint32_t count, uint32_t lo, uint32_t hi)
{
    return positioned(fd, (char *)ubuf, count, lo, hi, 1);
}

/* Can ip be opened with flags? 0 or -errno. The initrd is read-only:
 * there only the console and a synthetic file with a write op
 * (/proc/trace, where O_TRUNC means nothing) open for writing; O_TRUNC of
 * a file is a write. tmpfs files open any way. */
static int open_check(struct inode *ip, int flags)
{
    int acc = flags & O_ACCMODE;
    if ((flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL))
        return -EEXIST;
    if ((flags & O_DIRECTORY) && !S_ISDIR(ip->mode))
        return -ENOTDIR;
    if (acc == O_ACCMODE)
        return -EINVAL;
    if (S_ISDIR(ip->mode) && (acc != O_RDONLY || (flags & O_CREAT)))
        return -EISDIR;
    if (S_ISREG(ip->mode) && (acc != O_RDONLY || (flags & O_TRUNC)) && !inode_has_write(ip) &&
        !ip->sb)
        return -EROFS;
    return 0;
}

/* openat(2): the path is relative to dirfd (kernel/fs/path.c); a symbolic
 * link at its end is followed unless O_NOFOLLOW (then -ELOOP). */
long sys_openat(int dirfd, const char *upath, int flags, int mode)
{
    char path[FS_PATH_MAX];
    struct inode *ip;
    int err = path_lookup_at(dirfd, upath, (flags & O_NOFOLLOW) ? 0 : PATH_FOLLOW, &ip, path);
    if (err == -ENOENT && (flags & O_CREAT) && path[0]) {
        if ((flags & O_ACCMODE) == O_ACCMODE)
            return -EINVAL;
        err = fs_create(path, (uint32_t)mode & ~current->attrs.umask, &ip);     /* a new tmpfs file */
        flags &= ~(O_TRUNC | O_EXCL);
    }
    if (err < 0)
        return err;
    if (S_ISLNK(ip->mode))
        return -ELOOP;
    if ((err = open_check(ip, flags)) < 0)
        return err;
    if ((flags & O_TRUNC) && S_ISREG(ip->mode) && ip->shm &&
        (err = tmpfs_truncate(ip, 0)) < 0)
        return err;
    struct file *f = file_alloc(ip, flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC));
    if (!f)
        return -ENOMEM;
    if ((err = file_open(f)) < 0) {     /* a /proc file takes its snapshot */
        file_put(f);
        return err;
    }
    int fd = fdtable_install_from(proc_files(), f, 0, flags & O_CLOEXEC);
    if (fd < 0)
        file_put(f);
    return fd;
}

long sys_open(const char *upath, int flags, int mode)
{
    return sys_openat(AT_FDCWD, upath, flags, mode);
}

long sys_close(int fd)
{
    return fdtable_close(proc_files(), fd);
}

long sys_lseek(int fd, long offset, int whence)
{
    struct file *f = fd_file(fd);
    int64_t pos;
    if (!f)
        return -EBADF;
    int err = file_seek(f, offset, whence, &pos);
    if (err < 0)
        return err;
    if (pos > 0x7FFFFFFF)
        return -EOVERFLOW;              /* the result does not fit a long */
    f->off = pos;
    return (long)pos;
}

long sys_llseek(int fd, uint32_t off_high, uint32_t off_low, int64_t *uresult, int whence)
{
    struct file *f = fd_file(fd);
    int64_t pos;
    if (!f)
        return -EBADF;
    int err = file_seek(f, (int64_t)((uint64_t)off_high << 32 | off_low), whence, &pos);
    if (err < 0)
        return err;
    if (copy_to_user(uresult, &pos, sizeof pos) < 0)
        return -EFAULT;
    f->off = pos;
    return 0;
}

long stat_to_user(struct inode *ip, struct stat64 *ustat)
{
    struct stat64 st;
    memset(&st, 0, sizeof st);
    st.st_dev = inode_dev(ip);
    st.__st_ino = ip->ino;
    st.st_ino = ip->ino;
    st.st_mode = ip->mode;
    st.st_nlink = ip->nlink;
    st.st_rdev = ip->rdev;
    st.st_size = ip->size;
    st.st_blksize = 4096;
    st.st_blocks = inode_blocks(ip);
    st.st_atime = st.st_mtime = st.st_ctime = ip->mtime;
    return copy_to_user(ustat, &st, sizeof st) < 0 ? -EFAULT : 0;
}

long sys_fstat64(int fd, struct stat64 *ustat)
{
    struct file *f = fd_file(fd);
    return f ? stat_to_user(f->ip, ustat) : -EBADF;
}

long sys_stat64(const char *upath, struct stat64 *ustat)
{
    return sys_fstatat64(AT_FDCWD, upath, ustat, 0);
}

long sys_lstat64(const char *upath, struct stat64 *ustat)
{
    return sys_fstatat64(AT_FDCWD, upath, ustat, AT_SYMLINK_NOFOLLOW);
}

static uint8_t dirent_type(uint32_t mode)
{
    return S_ISDIR(mode) ? DT_DIR : S_ISCHR(mode) ? DT_CHR : S_ISLNK(mode) ? DT_LNK
           : S_ISFIFO(mode) ? DT_FIFO : DT_REG;
}

/* Fills udirp with whole records of the directory open on fd, from
 * position f->off on (file_dir_entry: "." and ".." first). Returns the
 * bytes used, 0 at the end, -EINVAL when the next record does not fit the
 * buffer, -ENOTDIR for a non-directory, -EFAULT. The offset moves past the
 * records copied. */
long sys_getdents64(int fd, void *udirp, uint32_t count)
{
    uint64_t rec[(DIRENT_NAME_AT + FS_NAME_MAX + 1 + 7) / 8];
    struct linux_dirent64 *d = (struct linux_dirent64 *)rec;
    struct dir_entry e;
    struct file *f = fd_file(fd);
    if (!f)
        return -EBADF;
    if (!S_ISDIR(f->ip->mode))
        return -ENOTDIR;
    if (!user_range_ok((uint32_t)udirp, count))
        return -EFAULT;
    uint32_t done = 0;
    while (f->off <= (int64_t)UINT32_MAX && file_dir_entry(f, (uint32_t)f->off, &e) == 0) {
        uint32_t namelen = (uint32_t)strlen(e.name);
        uint32_t reclen = (DIRENT_NAME_AT + namelen + 1 + 7) & ~7u;
        if (reclen > count - done)
            return done ? (long)done : -EINVAL;
        memset(rec, 0, reclen);
        d->d_ino = e.ino;
        d->d_off = (int64_t)e.pos + 1;
        d->d_reclen = (uint16_t)reclen;
        d->d_type = dirent_type(e.mode);
        memcpy(d->d_name, e.name, namelen + 1);
        if (copy_to_user((char *)udirp + done, rec, reclen) < 0)
            return done ? (long)done : -EFAULT;
        done += reclen;
        f->off = (int64_t)e.pos + 1;
    }
    return (long)done;
}
