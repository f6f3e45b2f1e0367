/* t_sem.c: System V semaphores through the direct i386 system calls
 * (semget 393, semctl 394, semtimedop_time64 420) and through ipc() (117,
 * the way glibc goes): values, all-or-nothing operations, waiting and
 * waking across fork, timeouts, SEM_UNDO at exit, removal. */
#include "t_common.h"
#include <errno.h>
#include <sched.h>
#include <sys/sem.h>

static int semop_ipc(int id, struct sembuf *ops, unsigned n)
{
    return ipc(IPCOP_SEMOP, id, n, 0, ops, 0);
}

static void direct_calls(void)
{
    int id = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600);
    CHECK(id >= 0);
    CHECK(semctl(id, 0, SETVAL, 3) == 0);
    CHECK(semctl(id, 0, GETVAL, 0) == 3);
    CHECK(semctl(id, 0, GETVAL | IPC_64, 0) == 3);
    struct sembuf ops[2] = { { 0, -3, 0 }, { 1, 2, 0 } };
    CHECK(semtimedop_time64(id, ops, 2, 0) == 0);
    CHECK(semctl(id, 0, GETVAL, 0) == 0 && semctl(id, 1, GETVAL, 0) == 2);
    struct sembuf down = { 0, -1, 0 };
    struct timespec64 ts = { 0, 30 * 1000 * 1000 };
    CHECK(semtimedop_time64(id, &down, 1, &ts) == -1 && errno == EAGAIN);
    struct timespec64 bad = { 0, 1000000000 };
    CHECK(semtimedop_time64(id, &down, 1, &bad) == -1 && errno == EINVAL);
    CHECK(semctl(id, 0, IPC_RMID, 0) == 0);
    CHECK(semctl(id, 0, GETVAL, 0) == -1 && errno == EINVAL);
}

static void through_ipc(void)
{
    int id = ipc(IPCOP_SEMGET, IPC_PRIVATE, 1, IPC_CREAT | 0600, 0, 0);
    CHECK(id >= 0);
    unsigned long arg = 7;
    CHECK(ipc(IPCOP_SEMCTL, id, 0, SETVAL, &arg, 0) == 0);
    CHECK(ipc(IPCOP_SEMCTL, id, 0, GETVAL | IPC_64, &arg, 0) == 7);
    struct sembuf too_much = { 0, -8, IPC_NOWAIT };
    CHECK(semop_ipc(id, &too_much, 1) == -1 && errno == EAGAIN);
    CHECK(ipc(IPCOP_SEMCTL, id, 0, GETVAL, 0, 0) == -1 && errno == EINVAL);   /* no arg pointer */
    CHECK(semctl(id, 0, IPC_RMID, 0) == 0);
}

/* A child sleeps in semop until the parent raises the value; with
 * SEM_UNDO its decrement is given back when it exits. */
static void sleep_wake_undo(void)
{
    int id = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
    CHECK(id >= 0);
    pid_t pid = fork();
    if (pid == 0) {
        struct sembuf down = { 0, -2, SEM_UNDO };
        exit(semop_ipc(id, &down, 1) == 0 ? 0 : 1);
    }
    int i = 0;
    while (semctl(id, 0, GETNCNT, 0) != 1 && i++ < 100000)
        sched_yield();
    CHECK(semctl(id, 0, GETNCNT, 0) == 1);
    CHECK(semctl(id, 0, SETVAL, 5) == 0);
    int status = -1;
    CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK(semctl(id, 0, GETVAL, 0) == 5);           /* 5 - 2, undone: 5 */
    CHECK(semctl(id, 0, GETPID, 0) == pid);
    CHECK(semctl(id, 0, GETNCNT, 0) == 0);
    CHECK(semctl(id, 0, IPC_RMID, 0) == 0);
}

/* Removing a set wakes its sleepers with EIDRM. */
static void removal_wakes_sleepers(void)
{
    int id = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
    pid_t pid = fork();
    if (pid == 0) {
        struct sembuf down = { 0, -1, 0 };
        exit(semop_ipc(id, &down, 1) == -1 && errno == EIDRM ? 0 : 1);
    }
    int i = 0;
    while (semctl(id, 0, GETNCNT, 0) != 1 && i++ < 100000)
        sched_yield();
    CHECK(semctl(id, 0, IPC_RMID, 0) == 0);
    int status = -1;
    CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static void leak_check(void)
{
    unsigned long before = free_pages();
    for (int i = 0; i < 200; i++) {
        int id = semget(IPC_PRIVATE, 100, IPC_CREAT | 0600);
        struct sembuf up = { 99, 1, SEM_UNDO };
        CHECK(id >= 0 && semop_ipc(id, &up, 1) == 0);
        CHECK(semctl(id, 0, IPC_RMID, 0) == 0);
    }
    unsigned long after = free_pages();
    printf("  free pages %lu before, %lu after 200 sets\n", before, after);
    CHECK(after + 2 >= before);
}

static const struct t_case cases[] = {
    { "direct_calls", direct_calls },
    { "through_ipc", through_ipc },
    { "sleep_wake_undo", sleep_wake_undo },
    { "removal_wakes_sleepers", removal_wakes_sleepers },
    { "leak_check", leak_check },
};

T_MAIN("t_sem", cases)
