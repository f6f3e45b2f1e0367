/* sys/ipc.h: System V IPC keys and commands (Linux's values). */
#ifndef _SYS_IPC_H
#define _SYS_IPC_H

typedef int key_t;

#define IPC_PRIVATE ((key_t)0)
#define IPC_CREAT  01000
#define IPC_EXCL   02000
#define IPC_RMID   0
#define IPC_SET    1
#define IPC_STAT   2
#define IPC_64     0x100
#define IPC_NOWAIT 04000

/* The old multiplexer (system call 117) and its semaphore and
 * shared-memory calls. */
#define IPCOP_SEMOP  1
#define IPCOP_SEMGET 2
#define IPCOP_SEMCTL 3
#define IPCOP_SEMTIMEDOP 4
#define IPCOP_SHMAT  21
#define IPCOP_SHMDT  22
#define IPCOP_SHMGET 23
#define IPCOP_SHMCTL 24
int ipc(unsigned call, int first, unsigned second, unsigned third, void *ptr, long fifth);

#endif
