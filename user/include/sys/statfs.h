/* sys/statfs.h: what a file system holds and has free. struct statfs has the
 * layout of Linux i386's struct statfs64 (84 bytes), which the statfs64 (268)
 * and fstatfs64 (269) system calls fill in; statfs and fstatfs (lib/wrappers.c)
 * pass its size as those calls want. */
#ifndef _SYS_STATFS_H
#define _SYS_STATFS_H

struct statfs {
	unsigned int f_type;
	unsigned int f_bsize;
	unsigned long long f_blocks;     /* in f_frsize units */
	unsigned long long f_bfree;
	unsigned long long f_bavail;
	unsigned long long f_files;      /* inodes */
	unsigned long long f_ffree;
	int f_fsid[2];
	unsigned int f_namelen;
	unsigned int f_frsize;
	unsigned int f_flags;
	unsigned int f_spare[4];
} __attribute__((packed, aligned(4)));
_Static_assert(sizeof(struct statfs) == 84, "struct statfs must match Linux's statfs64");

#define TMPFS_MAGIC 0x01021994

int statfs(const char *path, struct statfs *buf);
int fstatfs(int fd, struct statfs *buf);

#endif
