/* ipc_shm.h: System V shared memory (shmget, shmat, shmdt, shmctl), with
 * Linux i386's direct system calls and the old ipc() multiplexer. */
#ifndef KERNEL_IPC_SHM_H
#define KERNEL_IPC_SHM_H

#include <stdint.h>

struct shm_object;

long sys_shmget(int32_t key, uint32_t size, int flags);
long sys_shmat(int id, uint32_t addr, int flags);
long sys_shmdt(uint32_t addr);
long sys_shmctl(int id, int cmd, void *ubuf);
long sys_ipc(uint32_t call, int first, uint32_t second, uint32_t third, void *uptr,
             uint32_t fifth);

/* The key of the segment whose object is obj (for /proc maps), or -1. */
int32_t ipc_shm_key(const struct shm_object *obj);

#endif
