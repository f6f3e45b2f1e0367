/* sys/sem.h: System V semaphores through Linux i386's direct system calls
 * (semget 393, semctl 394, semtimedop_time64 420); semop itself goes
 * through the ipc() multiplexer (117), as on Linux i386 there is no
 * direct semop. */
#ifndef _SYS_SEM_H
#define _SYS_SEM_H

#include <sys/ipc.h>

#define SEM_UNDO 0x1000
#define GETPID  11
#define GETVAL  12
#define GETALL  13
#define GETNCNT 14
#define GETZCNT 15
#define SETVAL  16
#define SETALL  17
#define SEM_STAT 18             /* semctl(index, 0, SEM_STAT, buf): the id at a table index */
#define SEM_INFO 19             /* the highest index in use */

struct sembuf {
    unsigned short sem_num;
    short sem_op;
    short sem_flg;
};

/* A 64-bit timespec, as semtimedop_time64 takes. */
struct timespec64 {
    long long tv_sec;
    long long tv_nsec;
};

int semget(key_t key, int nsems, int flags);
int semctl(int id, int num, int cmd, unsigned long arg);
int semtimedop_time64(int id, struct sembuf *ops, unsigned nops, const struct timespec64 *timeout);

#endif
