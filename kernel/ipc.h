/* ipc.h: what System V shared memory (ipc_shm.c) and semaphores
 * (ipc_sem.c) have in common: the flags and commands, struct ipc64_perm,
 * and the ipc() multiplexer of Linux i386 (ipc.c). */
#ifndef KERNEL_IPC_H
#define KERNEL_IPC_H

#include <stdint.h>

#define IPC_PRIVATE 0
#define IPC_CREAT  01000
#define IPC_EXCL   02000
#define IPC_NOWAIT 04000
#define IPC_RMID 0
#define IPC_SET  1
#define IPC_STAT 2
#define IPC_INFO 3
#define IPC_64   0x100          /* or-ed into the command: the 64-bit structures */

struct ipc64_perm {
    int32_t key;
    uint32_t uid, gid, cuid, cgid;
    uint16_t mode, pad1, seq, pad2;
    uint32_t unused1, unused2;
};

struct ipc_perm_old {
    int32_t key;
    uint16_t uid, gid, cuid, cgid, mode, seq;
};

/* ipc(2): call number 117, the one entry of the System V calls that
 * glibc uses on i386. */
long sys_ipc(uint32_t call, int first, uint32_t second, uint32_t third, void *uptr,
             uint32_t fifth);

#endif
