/* sys/stat.h: file status. struct stat has the layout of Linux i386's struct stat64,
 * which is what the fstat64 system call (197) fills in; fstat is a name for it. */
#ifndef _SYS_STAT_H
#define _SYS_STAT_H

#include <sys/types.h>

struct stat {
	unsigned long long st_dev;
	unsigned char __pad0[4];
	unsigned long __st_ino;          /* low 32 bits of the inode number */
	unsigned int st_mode;
	unsigned int st_nlink;
	unsigned long st_uid;
	unsigned long st_gid;
	unsigned long long st_rdev;
	unsigned char __pad3[4];
	long long st_size;
	unsigned long st_blksize;
	unsigned long long st_blocks;
	unsigned long st_atime;
	unsigned long st_atime_nsec;
	unsigned long st_mtime;
	unsigned long st_mtime_nsec;
	unsigned long st_ctime;
	unsigned long st_ctime_nsec;
	unsigned long long st_ino;
};
_Static_assert(sizeof(struct stat) == 96, "struct stat must match Linux's stat64");

#define S_IFMT   0170000
#define S_IFSOCK 0140000
#define S_IFLNK  0120000
#define S_IFREG  0100000
#define S_IFBLK  0060000
#define S_IFDIR  0040000
#define S_IFCHR  0020000
#define S_IFIFO  0010000

#define S_ISREG(m)  (((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m)  (((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m)  (((m) & S_IFMT) == S_IFCHR)
#define S_ISBLK(m)  (((m) & S_IFMT) == S_IFBLK)
#define S_ISFIFO(m) (((m) & S_IFMT) == S_IFIFO)
#define S_ISLNK(m)  (((m) & S_IFMT) == S_IFLNK)
#define S_ISSOCK(m) (((m) & S_IFMT) == S_IFSOCK)

int fstat64(int fd, struct stat *st);
int stat64(const char *path, struct stat *st);
int mkdir(const char *path, mode_t mode);

static inline int stat(const char *path, struct stat *st)
{
	return stat64(path, st);
}
int fstatat64(int dirfd, const char *path, struct stat *st, int flags);
mode_t umask(mode_t mask);

static inline int fstat(int fd, struct stat *st)
{
	return fstat64(fd, st);
}

#endif
