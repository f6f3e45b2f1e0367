/* ipc.c: ipc(2), Linux i386's one entry to the System V calls (number
 * 117; glibc on i386 makes every semaphore and shared memory call through
 * it). The low 16 bits of `call` choose the call; the other arguments
 * move around as Linux's ipc/syscall.c defines. */
#include "kernel/ipc.h"
#include "kernel/errno.h"
#include "kernel/ipc_sem.h"
#include "kernel/ipc_shm.h"
#include "mm/uaccess.h"

enum {
    IPCOP_SEMOP = 1, IPCOP_SEMGET = 2, IPCOP_SEMCTL = 3, IPCOP_SEMTIMEDOP = 4,
    IPCOP_SHMAT = 21, IPCOP_SHMDT = 22, IPCOP_SHMGET = 23, IPCOP_SHMCTL = 24,
};

long sys_ipc(uint32_t call, int first, uint32_t second, uint32_t third, void *uptr,
             uint32_t fifth)
{
    switch (call & 0xFFFF) {
    case IPCOP_SEMOP:
        return sys_semtimedop(first, uptr, second, 0);
    case IPCOP_SEMTIMEDOP:
        return sys_semtimedop(first, uptr, second, (const void *)fifth);
    case IPCOP_SEMGET:
        return sys_semget(first, (int)second, (int)third);
    case IPCOP_SEMCTL: {
        uint32_t arg;                   /* uptr points at the union semun */
        if (!uptr)
            return -EINVAL;
        if (copy_from_user(&arg, uptr, sizeof arg) < 0)
            return -EFAULT;
        return sys_semctl(first, (int)second, (int)third, arg);
    }
    case IPCOP_SHMAT: {
        long addr = sys_shmat(first, (uint32_t)uptr, (int)second);
        if (addr < 0 && addr > -4096)
            return addr;
        uint32_t result = (uint32_t)addr;
        return copy_to_user((void *)third, &result, sizeof result) < 0 ? -EFAULT : 0;
    }
    case IPCOP_SHMDT:
        return sys_shmdt((uint32_t)uptr);
    case IPCOP_SHMGET:
        return sys_shmget(first, second, (int)third);
    case IPCOP_SHMCTL:
        return sys_shmctl(first, (int)second, uptr);
    default:
        return -ENOSYS;
    }
}
