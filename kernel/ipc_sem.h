/* ipc_sem.h: System V semaphores (semget, semop, semtimedop, semctl),
 * with Linux i386's direct system calls; the ipc() multiplexer is
 * kernel/ipc.c. */
#ifndef KERNEL_IPC_SEM_H
#define KERNEL_IPC_SEM_H

#include <stdint.h>

long sys_semget(int32_t key, int nsems, int flags);
long sys_semop(int id, const void *usops, uint32_t nsops);
long sys_semtimedop(int id, const void *usops, uint32_t nsops, const void *utimeout);
long sys_semtimedop_time64(int id, const void *usops, uint32_t nsops, const void *utimeout);
long sys_semctl(int id, int num, int cmd, uint32_t arg);

/* A process is exiting: applies and forgets its SEM_UNDO adjustments. */
void ipc_sem_exit(int pid);

#endif
