/* ipc_shm.h: System V shared memory (shmget, shmat, shmdt, shmctl), with
 * Linux i386's direct system calls (the ipc() multiplexer is kernel/ipc.c). */
#ifndef KERNEL_IPC_SHM_H
#define KERNEL_IPC_SHM_H

#include <stdint.h>

struct shm_object;

long sys_shmget(int32_t key, uint32_t size, int flags);
long sys_shmat(int id, uint32_t addr, int flags);
long sys_shmdt(uint32_t addr);
long sys_shmctl(int id, int cmd, void *ubuf);

/* The key of the segment whose object is obj (for /proc maps), or -1. */
int32_t ipc_shm_key(const struct shm_object *obj);

#endif
