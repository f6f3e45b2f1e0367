/* tmpfs.h: files in memory. A tmpfs is a tree of directories and regular
 * files under a mount point (/tmp, /dev/shm) whose bytes live in a shared
 * memory object per file (mm/shmem.c): read and write copy through its
 * frames, mappings map them, and page replacement sends them to swap like
 * any shared memory. The names are kept in the one file tree (kernel/fs/fs.h);
 * the system calls that make and remove them are kernel/fs/sys_fs.c. */
#ifndef KERNEL_TMPFS_H
#define KERNEL_TMPFS_H

#include <stdint.h>
#include "kernel/fs/fs.h"
#include "mm/shmem.h"

struct tmpfs_sb {
    struct inode *root;         /* the mount point's directory */
    uint32_t dev;               /* st_dev of its files: DEV_MAKE(0, minor) */
    struct shm_quota quota;     /* pages its files hold, and the limit */
    uint32_t inodes;            /* files and directories in it */
};

#define TMPFS_MAX_FILE 0xFFFFF000u      /* largest file size (sizes are 32-bit) */

/* Mounts a tmpfs of size bytes on /tmp and another on /dev/shm (each made
 * if missing). size 0: half of RAM. Reports and goes on when out of memory. */
void tmpfs_init(uint64_t size);

/* Makes an entry name[0..len) in the tmpfs directory dir: a regular file
 * (S_ISREG(mode)) or a directory, with mode's permission bits. Sets *out.
 * Returns 0, -ENOSPC (no room for one more inode) or -ENOMEM. The caller
 * has checked that the name is free and dir is a live tmpfs directory. */
int tmpfs_make(struct inode *dir, const char *name, uint32_t len, uint32_t mode,
               struct inode **out);

/* Takes ip (a file, or an empty directory) out of its directory. Its
 * memory goes with its last open file and mapping. */
void tmpfs_remove(struct inode *ip);

/* Moves ip to directory dir under name[0..len) (FS_NAME_MAX at most); an
 * existing target was removed by the caller. */
void tmpfs_move(struct inode *ip, struct inode *dir, const char *name, uint32_t len);

/* Sets the size of the tmpfs regular file ip: growing adds a hole;
 * shrinking drops the pages past the end (and every PTE that maps them)
 * and zeroes the rest of the last page. Returns 0, or -EFBIG. */
int tmpfs_truncate(struct inode *ip, uint64_t size);

/* st_dev and st_blocks (512-byte units) of any inode. */
uint32_t inode_dev(const struct inode *ip);
uint64_t inode_blocks(const struct inode *ip);

#endif
