/* sysv.c: System V semaphores and shared memory as a stock C program uses
 * them: semget, semop, semtimedop and semctl (SETVAL, GETVAL, SETALL,
 * GETALL, IPC_STAT, GETPID, GETNCNT, IPC_RMID), blocking and waking, the
 * errors, SEM_UNDO; then the textbook's transfer: a writer passes a file
 * through one shared memory segment to a reader in another process, the
 * two taking turns through two semaphores ("empty" and "full"). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

union semun {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
};

static int sem_change(int id, int num, int op, int flags)
{
    struct sembuf b = { (unsigned short)num, (short)op, (short)flags };
    return semop(id, &b, 1);
}

static int child_status(pid_t pid)
{
    int status = -1;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 100 + (status & 0x7F);
}

/* Waits (a while) for the count cmd (GETNCNT, GETZCNT) of semaphore num
 * to reach n, letting the other processes run. */
static int wait_count(int id, int num, int cmd, int n)
{
    for (int i = 0; i < 1000000; i++) {
        if (semctl(id, num, cmd) == n)
            return 1;
        sched_yield();
    }
    return 0;
}

static void test_semaphores(void)
{
    int id = semget(IPC_PRIVATE, 3, IPC_CREAT | 0600);
    CHECK("semget", id >= 0);
    CHECK("a new semaphore is 0", semctl(id, 0, GETVAL) == 0);
    CHECK("SETVAL", semctl(id, 1, SETVAL, (union semun){ .val = 5 }) == 0);
    CHECK("GETVAL", semctl(id, 1, GETVAL) == 5);
    unsigned short all[3] = { 1, 2, 3 }, got[3] = { 0, 0, 0 };
    CHECK("SETALL", semctl(id, 0, SETALL, (union semun){ .array = all }) == 0);
    CHECK("GETALL", semctl(id, 0, GETALL, (union semun){ .array = got }) == 0 &&
          got[0] == 1 && got[1] == 2 && got[2] == 3);
    struct semid_ds ds;
    CHECK("IPC_STAT", semctl(id, 0, IPC_STAT, (union semun){ .buf = &ds }) == 0 && ds.sem_nsems == 3);

    struct sembuf two[2] = { { 0, -1, 0 }, { 2, +4, 0 } };
    CHECK("semop of two operations", semop(id, two, 2) == 0);
    CHECK("both applied", semctl(id, 0, GETVAL) == 0 && semctl(id, 2, GETVAL) == 7);
    CHECK("GETPID names the last process", semctl(id, 2, GETPID) == getpid());
    struct sembuf fail[2] = { { 2, -1, 0 }, { 0, -1, IPC_NOWAIT } };
    errno = 0;
    CHECK("IPC_NOWAIT on a would-block is EAGAIN", semop(id, fail, 2) == -1 && errno == EAGAIN);
    CHECK("all or nothing: nothing applied", semctl(id, 2, GETVAL) == 7);
    CHECK("waiting for zero when it is zero", sem_change(id, 0, 0, 0) == 0);
    struct timespec ts = { 0, 50 * 1000 * 1000 };
    struct sembuf wait0 = { 0, -1, 0 };
    errno = 0;
    CHECK("semtimedop times out with EAGAIN", semtimedop(id, &wait0, 1, &ts) == -1 && errno == EAGAIN);

    errno = 0;
    CHECK("a semaphore past the set is EFBIG", sem_change(id, 3, 1, 0) == -1 && errno == EFBIG);
    errno = 0;
    CHECK("no operations is EINVAL", semop(id, two, 0) == -1 && errno == EINVAL);
    static struct sembuf many[501];
    errno = 0;
    CHECK("more than SEMOPM operations is E2BIG", semop(id, many, 501) == -1 && errno == E2BIG);
    errno = 0;
    CHECK("SETVAL above SEMVMX is ERANGE",
          semctl(id, 0, SETVAL, (union semun){ .val = 40000 }) == -1 && errno == ERANGE);
    errno = 0;
    CHECK("GETVAL of a semaphore past the set is EINVAL", semctl(id, 9, GETVAL) == -1 && errno == EINVAL);
    errno = 0;
    CHECK("a bad id is EINVAL", semctl(id + 12345, 0, GETVAL) == -1 && errno == EINVAL);
    errno = 0;
    CHECK("an unknown command is EINVAL", semctl(id, 0, 9999) == -1 && errno == EINVAL);

    /* A child blocks decrementing semaphore 0; the parent sees it waiting
     * (GETNCNT) and wakes it. */
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0)
        _exit(sem_change(id, 0, -1, 0) == 0 ? 0 : 1);
    CHECK("GETNCNT counts a sleeper", wait_count(id, 0, GETNCNT, 1));
    CHECK("a V wakes it", sem_change(id, 0, 1, 0) == 0 && child_status(pid) == 0);
    CHECK("GETNCNT is 0 again", semctl(id, 0, GETNCNT) == 0 && semctl(id, 0, GETVAL) == 0);

    /* SEM_UNDO: a child's change is undone when it exits. */
    pid = fork();
    if (pid == 0)
        _exit(sem_change(id, 2, -3, SEM_UNDO) == 0 ? 0 : 1);
    CHECK("SEM_UNDO is undone at exit", child_status(pid) == 0 && semctl(id, 2, GETVAL) == 7);

    /* IPC_RMID wakes a sleeper with EIDRM. */
    pid = fork();
    if (pid == 0)
        _exit(sem_change(id, 1, 0, 0) == -1 && errno == EIDRM ? 0 : 1);
    CHECK("GETZCNT counts a sleeper", wait_count(id, 1, GETZCNT, 1));
    CHECK("IPC_RMID", semctl(id, 0, IPC_RMID) == 0);
    CHECK("the sleeper gets EIDRM", child_status(pid) == 0);
    errno = 0;
    CHECK("a removed set is EINVAL", semctl(id, 0, GETVAL) == -1 && errno == EINVAL);

    key_t key = 0x51e00000 | (getpid() & 0xFFFF);
    int k = semget(key, 2, IPC_CREAT | IPC_EXCL | 0600);
    CHECK("semget with a key", k >= 0);
    CHECK("the same key finds the set", semget(key, 2, 0) == k);
    errno = 0;
    CHECK("IPC_CREAT|IPC_EXCL on an existing key is EEXIST",
          semget(key, 2, IPC_CREAT | IPC_EXCL | 0600) == -1 && errno == EEXIST);
    errno = 0;
    CHECK("asking for more semaphores than the set has is EINVAL",
          semget(key, 5, 0) == -1 && errno == EINVAL);
    semctl(k, 0, IPC_RMID);
    errno = 0;
    CHECK("a missing key without IPC_CREAT is ENOENT", semget(key, 2, 0) == -1 && errno == ENOENT);
    errno = 0;
    CHECK("creating 0 semaphores is EINVAL", semget(IPC_PRIVATE, 0, IPC_CREAT) == -1 && errno == EINVAL);
}

/* ---- the transfer ---- */

#define CHUNK 4000                      /* bytes per turn, not a page multiple */
enum { EMPTY, FULL };                   /* the two semaphores */

struct buffer {
    int len;                            /* bytes in data; 0 ends the transfer */
    char data[CHUNK];
};

static uint32_t fnv(uint32_t h, const char *p, int n)
{
    for (int i = 0; i < n; i++)
        h = (h ^ (unsigned char)p[i]) * 16777619u;
    return h;
}

/* The checksum and length of the file, read directly. */
static uint32_t file_sum(const char *path, long *len)
{
    char buf[CHUNK];
    uint32_t h = 2166136261u;
    int fd = open(path, O_RDONLY), n;
    *len = 0;
    while ((n = (int)read(fd, buf, sizeof buf)) > 0) {
        h = fnv(h, buf, n);
        *len += n;
    }
    close(fd);
    return h;
}

/* The reader: takes each chunk when FULL says so, gives the buffer back
 * through EMPTY; exits 0 if what came through is the file. */
static int reader(struct buffer *b, int sems, const char *path)
{
    long want_len, len = 0;
    uint32_t want = file_sum(path, &want_len), h = 2166136261u;
    for (;;) {
        if (sem_change(sems, FULL, -1, 0) < 0)
            return 2;
        int n = b->len;
        h = fnv(h, b->data, n);
        len += n;
        sem_change(sems, EMPTY, 1, 0);
        if (n == 0)
            break;
    }
    return h == want && len == want_len ? 0 : 1;
}

static void test_transfer(const char *path)
{
    int shm = shmget(IPC_PRIVATE, sizeof(struct buffer), IPC_CREAT | 0600);
    int sems = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600);
    CHECK("a segment and two semaphores for the transfer", shm >= 0 && sems >= 0);
    struct buffer *b = shmat(shm, 0, 0);
    CHECK("shmat", b != (void *)-1);
    semctl(sems, EMPTY, SETVAL, (union semun){ .val = 1 });
    semctl(sems, FULL, SETVAL, (union semun){ .val = 0 });
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0)
        _exit(reader(b, sems, path));
    struct shmid_ds ds;
    CHECK("the reader is attached too", shmctl(shm, IPC_STAT, &ds) == 0 && ds.shm_nattch == 2);

    int fd = open(path, O_RDONLY), chunks = 0, n;
    do {
        sem_change(sems, EMPTY, -1, 0);
        n = (int)read(fd, b->data, CHUNK);
        b->len = n > 0 ? n : 0;
        sem_change(sems, FULL, 1, 0);
        chunks++;
    } while (n > 0);
    close(fd);
    CHECK("the writer sent the file in many chunks", chunks > 10);
    CHECK("the reader got exactly the file", child_status(pid) == 0);
    CHECK("shmdt", shmdt(b) == 0);
    CHECK("shmctl IPC_RMID", shmctl(shm, IPC_RMID, 0) == 0);
    CHECK("semctl IPC_RMID", semctl(sems, 0, IPC_RMID) == 0);
}

/* Is id among the ids an SHM_STAT (or SEM_STAT) scan of the table finds?
 * The scan runs to the highest index that SHM_INFO (SEM_INFO) returns, as
 * ipcs does. */
static int shm_listed(int id)
{
    struct shm_info info;
    int top = shmctl(0, SHM_INFO, (struct shmid_ds *)&info);
    struct shmid_ds ds;
    for (int i = 0; i <= top; i++)
        if (shmctl(i, SHM_STAT, &ds) == id)
            return 1;
    return 0;
}

static int sem_listed(int id)
{
    struct seminfo info;
    int top = semctl(0, 0, SEM_INFO, &info);
    struct semid_ds ds;
    for (int i = 0; i <= top; i++)
        if (semctl(i, 0, SEM_STAT, &ds) == id)
            return 1;
    return 0;
}

/* What ipcs does: the limits, the totals, and every id by table index. */
static void test_listing(void)
{
    int a = shmget(IPC_PRIVATE, 3 * 4096, IPC_CREAT | 0600);
    int b = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
    int s = semget(IPC_PRIVATE, 5, IPC_CREAT | 0600);
    CHECK("ipcs: two segments and a set made", a >= 0 && b >= 0 && s >= 0);
    char *p = shmat(a, 0, 0);
    CHECK("ipcs: attach", p != (char *)-1);
    p[0] = p[4096] = 1;                 /* two of its three pages resident */

    struct shminfo limits;
    CHECK("ipcs: shm IPC_INFO", shmctl(0, IPC_INFO, (struct shmid_ds *)&limits) >= 0 &&
                                    limits.shmmni > 0 && limits.shmmax >= 4096);
    struct shm_info info;
    CHECK("ipcs: SHM_INFO counts ours", shmctl(0, SHM_INFO, (struct shmid_ds *)&info) >= 0 &&
                                           info.used_ids >= 2 && info.shm_tot >= 4 &&
                                           info.shm_rss >= 2);
    CHECK("ipcs: SHM_STAT finds both segments", shm_listed(a) && shm_listed(b));
    struct shmid_ds ds;
    errno = 0;
    CHECK("ipcs: SHM_STAT of a bad index is EINVAL", shmctl(-1, SHM_STAT, &ds) == -1 &&
                                                         errno == EINVAL);
    struct seminfo si;
    CHECK("ipcs: sem IPC_INFO", semctl(0, 0, IPC_INFO, &si) >= 0 && si.semmni > 0 &&
                                    si.semmsl > 0 && si.semvmx == 32767);
    CHECK("ipcs: SEM_INFO counts ours", semctl(0, 0, SEM_INFO, &si) >= 0 && si.semusz >= 1 &&
                                           si.semaem >= 5);
    CHECK("ipcs: SEM_STAT finds the set", sem_listed(s));
    errno = 0;
    struct semid_ds sd;
    CHECK("ipcs: SEM_STAT of a bad index is EINVAL", semctl(-1, 0, SEM_STAT, &sd) == -1 &&
                                                         errno == EINVAL);

    shmdt(p);
    CHECK("ipcs: removed", shmctl(a, IPC_RMID, 0) == 0 && shmctl(b, IPC_RMID, 0) == 0 &&
                               semctl(s, 0, IPC_RMID) == 0);
    CHECK("ipcs: gone from the listing", !shm_listed(a) && !shm_listed(b) && !sem_listed(s));
}

int main(int argc, char **argv)
{
    (void)argc;
    test_semaphores();
    test_transfer(argv[0]);
    test_listing();
    return check_done("sysv");
}
