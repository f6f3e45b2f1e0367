/* sys/shm.h: System V shared memory over Linux i386's direct system calls
 * (shmget 395, shmctl 396, shmat 397, shmdt 398). shmctl's IPC_STAT fills
 * the IPC_64 structure when the command carries IPC_64. */
#ifndef _SYS_SHM_H
#define _SYS_SHM_H

#include <stddef.h>
#include <sys/ipc.h>

#define SHM_RDONLY 010000
#define SHM_RND    020000
#define SHM_STAT   13           /* shmctl(index, SHM_STAT, buf): the id at a table index */
#define SHM_INFO   14           /* the highest index in use */

struct ipc64_perm {
    key_t key;
    unsigned uid, gid, cuid, cgid;
    unsigned short mode, pad1, seq, pad2;
    unsigned long unused1, unused2;
};

struct shmid64_ds {
    struct ipc64_perm shm_perm;
    size_t shm_segsz;
    unsigned long shm_atime, shm_atime_high, shm_dtime, shm_dtime_high;
    unsigned long shm_ctime, shm_ctime_high;
    int shm_cpid, shm_lpid;
    unsigned long shm_nattch, unused4, unused5;
};

int shmget(key_t key, size_t size, int flags);
void *shmat(int id, const void *addr, int flags);
int shmdt(const void *addr);
int shmctl(int id, int cmd, void *buf);

/* The mmap system call 90, its arguments in a structure. */
struct mmap_arg_struct {
    unsigned long addr, len, prot, flags, fd, offset;
};
long old_mmap(struct mmap_arg_struct *args);

#endif
