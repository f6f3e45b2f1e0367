/* ipc_sem.c: System V semaphores: semget, semop/semtimedop, semctl, with
 * Linux's arguments, structures and errors. A set is a key, an id and an
 * array of semaphore values (0..SEMVMX) with the pid of the last process
 * to change each. semop applies all of its operations or none: if one
 * cannot go on now (a decrement below zero, a wait for zero on a non-zero
 * value) the caller sleeps on the set, counted in semncnt or semzcnt, and
 * tries the whole array again when the set changes; IPC_NOWAIT gives
 * -EAGAIN instead, a timeout -EAGAIN when it runs out, IPC_RMID -EIDRM.
 * SEM_UNDO records the opposite of each change per process, applied when
 * the process exits. Every process may do everything (no permissions). */
#include "kernel/ipc_sem.h"
#include "kernel/errno.h"
#include "kernel/ipc.h"
#include "kernel/proc.h"
#include "kernel/sched.h"
#include "kernel/string.h"
#include "kernel/x86/timer.h"
#include "mm/kmalloc.h"
#include "mm/uaccess.h"

#define SEM_SETS 32
#define SEMMSL 250              /* semaphores per set */
#define SEMOPM 500              /* operations per semop */
#define SEMVMX 32767            /* the largest value */
#define SEM_UNDO 0x1000

/* semctl commands beyond IPC_*. */
enum { GETPID = 11, GETVAL = 12, GETALL = 13, GETNCNT = 14, GETZCNT = 15, SETVAL = 16,
       SETALL = 17, SEM_STAT = 18, SEM_INFO = 19, SEM_STAT_ANY = 20 };

struct sem_set {
    int used;
    int32_t key;
    uint16_t mode, seq;         /* the id is seq * SEM_SETS + index */
    uint32_t nsems;
    uint16_t *val;              /* nsems values */
    int32_t *pid;               /* last changed by */
    uint16_t *ncnt, *zcnt;      /* sleepers waiting to decrement / for zero */
    uint32_t otime, ctime;
};

static struct sem_set sets[SEM_SETS];

/* One process's SEM_UNDO adjustments for one set (a list of them). */
struct sem_undo {
    int pid;
    int id;
    int16_t *adj;               /* nsems adjustments */
    struct sem_undo *next;
};
static struct sem_undo *undos;

struct sembuf {
    uint16_t sem_num;
    int16_t sem_op;
    int16_t sem_flg;
};

static uint32_t now(void)
{
    return jiffies / TIMER_HZ;
}

static struct sem_set *find_id(int id)
{
    if (id < 0)
        return 0;
    struct sem_set *s = &sets[id % SEM_SETS];
    return s->used && s->seq == id / SEM_SETS ? s : 0;
}

static int id_of(const struct sem_set *s)
{
    return s->seq * SEM_SETS + (int)(s - sets);
}

static void free_arrays(struct sem_set *s)
{
    kfree(s->val);
    kfree(s->pid);
    kfree(s->ncnt);
    kfree(s->zcnt);
}

/* A new set of nsems zero semaphores in a free slot; its id or -errno. */
static long create_set(int32_t key, uint32_t nsems, int flags)
{
    struct sem_set *s = 0;
    for (int i = 0; i < SEM_SETS && !s; i++)
        if (!sets[i].used)
            s = &sets[i];
    if (!s)
        return -ENOSPC;
    uint16_t seq = (uint16_t)(s->seq + 1);
    memset(s, 0, sizeof *s);
    s->seq = seq;
    s->val = kzalloc(nsems * sizeof *s->val);
    s->pid = kzalloc(nsems * sizeof *s->pid);
    s->ncnt = kzalloc(nsems * sizeof *s->ncnt);
    s->zcnt = kzalloc(nsems * sizeof *s->zcnt);
    if (!s->val || !s->pid || !s->ncnt || !s->zcnt) {
        free_arrays(s);
        return -ENOMEM;
    }
    s->used = 1;
    s->key = key;
    s->mode = (uint16_t)(flags & 0777);
    s->nsems = nsems;
    s->ctime = now();
    return id_of(s);
}

long sys_semget(int32_t key, int nsems, int flags)
{
    if (nsems < 0 || nsems > SEMMSL)
        return -EINVAL;
    if (key != IPC_PRIVATE) {
        for (int i = 0; i < SEM_SETS; i++) {
            struct sem_set *s = &sets[i];
            if (!s->used || s->key != key)
                continue;
            if ((flags & IPC_CREAT) && (flags & IPC_EXCL))
                return -EEXIST;
            if ((uint32_t)nsems > s->nsems)
                return -EINVAL;
            return id_of(s);
        }
        if (!(flags & IPC_CREAT))
            return -ENOENT;
    }
    if (nsems == 0)
        return -EINVAL;
    return create_set(key, (uint32_t)nsems, flags);
}

/* ---- SEM_UNDO ---- */

static struct sem_undo *undo_find(int pid, int id)
{
    for (struct sem_undo *u = undos; u; u = u->next)
        if (u->pid == pid && u->id == id)
            return u;
    return 0;
}

/* The current process's record for set s, made if needed; NULL when out
 * of memory. */
static struct sem_undo *undo_get(struct sem_set *s)
{
    struct sem_undo *u = undo_find(current->pid, id_of(s));
    if (u)
        return u;
    u = kzalloc(sizeof *u);
    if (!u || !(u->adj = kzalloc(s->nsems * sizeof *u->adj))) {
        kfree(u);
        return 0;
    }
    u->pid = current->pid;
    u->id = id_of(s);
    u->next = undos;
    undos = u;
    return u;
}

/* Frees the records that match (pid, or any pid when pid is 0; id, or any
 * id when id is -1). */
static void undo_forget(int pid, int id)
{
    for (struct sem_undo **link = &undos; *link;) {
        struct sem_undo *u = *link;
        if ((!pid || u->pid == pid) && (id < 0 || u->id == id)) {
            *link = u->next;
            kfree(u->adj);
            kfree(u);
        } else {
            link = &u->next;
        }
    }
}

/* SETVAL and SETALL cancel every process's adjustment of semaphore num
 * (all of them when num is -1) of set id, as on Linux. */
static void undo_clear(int id, int num)
{
    for (struct sem_undo *u = undos; u; u = u->next) {
        if (u->id != id)
            continue;
        struct sem_set *s = find_id(id);
        for (uint32_t i = 0; s && i < s->nsems; i++)
            if (num < 0 || (uint32_t)num == i)
                u->adj[i] = 0;
    }
}

void ipc_sem_exit(int pid)
{
    for (struct sem_undo *u = undos; u; u = u->next) {
        struct sem_set *s = u->pid == pid ? find_id(u->id) : 0;
        if (!s)
            continue;
        for (uint32_t i = 0; i < s->nsems; i++) {
            int v = s->val[i] + u->adj[i];
            if (u->adj[i]) {
                s->val[i] = (uint16_t)(v < 0 ? 0 : v > SEMVMX ? SEMVMX : v);
                s->pid[i] = pid;
            }
        }
        wakeup(s);
    }
    undo_forget(pid, -1);
}

/* ---- semop ---- */

/* Can all of ops go on now? 0 if so; 1 if the caller must wait (and
 * *blocker is the operation it waits on); -EAGAIN when it must wait but
 * asked not to; -ERANGE when a value would pass SEMVMX. Changes nothing. */
static int sem_try(struct sem_set *s, const struct sembuf *ops, uint32_t n,
                   const struct sembuf **blocker)
{
    /* Operations on the same semaphore apply in order: track each. */
    for (uint32_t i = 0; i < n; i++) {
        int32_t v = s->val[ops[i].sem_num];
        for (uint32_t j = 0; j < i; j++)
            if (ops[j].sem_num == ops[i].sem_num)
                v += ops[j].sem_op;
        int op = ops[i].sem_op;
        if ((op == 0 && v != 0) || (op < 0 && v + op < 0)) {
            *blocker = &ops[i];
            return (ops[i].sem_flg & IPC_NOWAIT) ? -EAGAIN : 1;
        }
        if (v + op > SEMVMX)
            return -ERANGE;
    }
    return 0;
}

/* Applies ops (sem_try said they can go on), recording SEM_UNDO. */
static long sem_apply(struct sem_set *s, const struct sembuf *ops, uint32_t n)
{
    struct sem_undo *u = 0;
    for (uint32_t i = 0; i < n; i++)
        if ((ops[i].sem_flg & SEM_UNDO) && ops[i].sem_op && !(u = undo_get(s)))
            return -ENOMEM;
    for (uint32_t i = 0; i < n; i++) {
        s->val[ops[i].sem_num] = (uint16_t)(s->val[ops[i].sem_num] + ops[i].sem_op);
        s->pid[ops[i].sem_num] = current->pid;
        if ((ops[i].sem_flg & SEM_UNDO) && u)
            u->adj[ops[i].sem_num] = (int16_t)(u->adj[ops[i].sem_num] - ops[i].sem_op);
    }
    s->otime = now();
    wakeup(s);
    return 0;
}

/* Sleeps once waiting on *b of set s: on the set, or (with a deadline)
 * a tick at a time. Returns 0 to try again, -EAGAIN when the deadline
 * passed, -EINTR when killed, -EIDRM when the set was removed meanwhile. */
static long sem_wait(struct sem_set *s, const struct sembuf *b, int timed, uint32_t until)
{
    if (timed && (int32_t)(until - jiffies) <= 0)
        return -EAGAIN;
    uint16_t seq = s->seq;
    uint16_t *count = b->sem_op ? &s->ncnt[b->sem_num] : &s->zcnt[b->sem_num];
    (*count)++;
    int r = sleep_on(timed ? (void *)&jiffies : (void *)s);
    if (!s->used || s->seq != seq)
        return -EIDRM;                  /* its arrays are gone */
    (*count)--;
    return r < 0 ? -EINTR : 0;
}

struct linux_timespec {
    int32_t sec, nsec;
};

/* semop's work: timeout in jiffies from now, or -1 for none. */
static long do_semop(int id, const void *usops, uint32_t nsops, int32_t timeout)
{
    if (nsops < 1)
        return -EINVAL;
    if (nsops > SEMOPM)
        return -E2BIG;
    struct sembuf *mine = kmalloc(nsops * sizeof *mine);
    if (!mine)
        return -ENOMEM;
    long err = copy_from_user(mine, usops, nsops * sizeof *mine) < 0 ? -EFAULT : 0;
    struct sem_set *s = err ? 0 : find_id(id);
    if (!err && !s)
        err = -EINVAL;
    for (uint32_t i = 0; !err && i < nsops; i++)
        if (mine[i].sem_num >= s->nsems)
            err = -EFBIG;
    uint32_t until = jiffies + (uint32_t)timeout;
    while (!err) {
        const struct sembuf *blocker = 0;
        int r = sem_try(s, mine, nsops, &blocker);
        if (r <= 0) {
            err = r < 0 ? r : sem_apply(s, mine, nsops);
            break;
        }
        err = sem_wait(s, blocker, timeout >= 0, until);
    }
    kfree(mine);
    return err;
}

/* A struct timespec timeout in jiffies (rounded up), -1 for none. */
static long timeout_ticks(const void *utimeout, int32_t *ticks)
{
    *ticks = -1;
    if (!utimeout)
        return 0;
    struct linux_timespec ts;
    if (copy_from_user(&ts, utimeout, sizeof ts) < 0)
        return -EFAULT;
    if (ts.sec < 0 || ts.nsec < 0 || ts.nsec >= 1000000000)
        return -EINVAL;
    uint32_t ns_per_tick = 1000000000 / TIMER_HZ;
    uint32_t t = (uint32_t)ts.sec * TIMER_HZ + ((uint32_t)ts.nsec + ns_per_tick - 1) / ns_per_tick;
    *ticks = t > 0x7FFFFFFF ? 0x7FFFFFFF : (int32_t)t;
    return 0;
}

long sys_semtimedop(int id, const void *usops, uint32_t nsops, const void *utimeout)
{
    int32_t ticks;
    long err = timeout_ticks(utimeout, &ticks);
    return err ? err : do_semop(id, usops, nsops, ticks);
}

long sys_semtimedop_time64(int id, const void *usops, uint32_t nsops, const void *utimeout)
{
    int32_t ticks = -1;
    if (utimeout) {
        struct { int64_t sec, nsec; } ts;
        if (copy_from_user(&ts, utimeout, sizeof ts) < 0)
            return -EFAULT;
        if (ts.sec < 0 || ts.nsec < 0 || ts.nsec >= 1000000000)
            return -EINVAL;
        struct linux_timespec t32 = { ts.sec > 0x7FFFFFFF ? 0x7FFFFFFF : (int32_t)ts.sec,
                                      (int32_t)ts.nsec };
        uint32_t ns_per_tick = 1000000000 / TIMER_HZ;
        uint64_t t = (uint64_t)t32.sec * TIMER_HZ + ((uint32_t)t32.nsec + ns_per_tick - 1) / ns_per_tick;
        ticks = t > 0x7FFFFFFF ? 0x7FFFFFFF : (int32_t)t;
    }
    return do_semop(id, usops, nsops, ticks);
}

long sys_semop(int id, const void *usops, uint32_t nsops)
{
    return do_semop(id, usops, nsops, -1);
}

/* ---- semctl ---- */

struct semid64_ds {
    struct ipc64_perm perm;
    uint32_t otime, otime_high, ctime, ctime_high;
    uint32_t nsems, unused3, unused4;
};

struct semid_ds_old {
    struct ipc_perm_old perm;
    int32_t otime, ctime;
    uint32_t base, pending, pending_last, undo;
    uint16_t nsems;
};

static long sem_stat(const struct sem_set *s, void *ubuf, int ipc64)
{
    if (ipc64) {
        struct semid64_ds d;
        memset(&d, 0, sizeof d);
        d.perm.key = s->key;
        d.perm.mode = s->mode;
        d.perm.seq = s->seq;
        d.otime = s->otime;
        d.ctime = s->ctime;
        d.nsems = s->nsems;
        return copy_to_user(ubuf, &d, sizeof d);
    }
    struct semid_ds_old d;
    memset(&d, 0, sizeof d);
    d.perm.key = s->key;
    d.perm.mode = s->mode;
    d.perm.seq = s->seq;
    d.otime = (int32_t)s->otime;
    d.ctime = (int32_t)s->ctime;
    d.nsems = (uint16_t)s->nsems;
    return copy_to_user(ubuf, &d, sizeof d);
}

static void remove_set(struct sem_set *s)
{
    undo_forget(0, id_of(s));
    free_arrays(s);
    s->used = 0;
    s->key = IPC_PRIVATE;
    wakeup(s);                          /* sleepers see it gone: -EIDRM */
}

/* SETALL: every value from the user's array. */
static long set_all(struct sem_set *s, const void *uarray)
{
    uint16_t *v = kmalloc(s->nsems * sizeof *v);
    if (!v)
        return -ENOMEM;
    long err = copy_from_user(v, uarray, s->nsems * sizeof *v) < 0 ? -EFAULT : 0;
    for (uint32_t i = 0; !err && i < s->nsems; i++)
        if (v[i] > SEMVMX)
            err = -ERANGE;
    for (uint32_t i = 0; !err && i < s->nsems; i++) {
        s->val[i] = v[i];
        s->pid[i] = current->pid;
    }
    kfree(v);
    if (err)
        return err;
    undo_clear(id_of(s), -1);
    s->ctime = now();
    wakeup(s);
    return 0;
}

/* The commands that name one semaphore (GETVAL ... SETVAL). */
static long sem_one(struct sem_set *s, int num, int cmd, uint32_t arg)
{
    if (num < 0 || (uint32_t)num >= s->nsems)
        return -EINVAL;
    switch (cmd) {
    case GETVAL:
        return s->val[num];
    case GETPID:
        return s->pid[num];
    case GETNCNT:
        return s->ncnt[num];
    case GETZCNT:
        return s->zcnt[num];
    default:                            /* SETVAL */
        if ((int32_t)arg < 0 || (int32_t)arg > SEMVMX)
            return -ERANGE;
        s->val[num] = (uint16_t)arg;
        s->pid[num] = current->pid;
        undo_clear(id_of(s), num);
        s->ctime = now();
        wakeup(s);
        return 0;
    }
}

/* IPC_INFO and SEM_INFO: struct seminfo (ten ints: semmap, semmni, semmns,
 * semmnu, semmsl, semopm, semume, semusz, semvmx, semaem), the limits;
 * SEM_INFO puts the sets in use in semusz and their semaphores in semaem,
 * as Linux does. Returns the highest table index in use (0 if none). */
static long sem_info(int cmd, void *ubuf)
{
    int32_t info[10] = { SEM_SETS * SEMMSL, SEM_SETS, SEM_SETS * SEMMSL, SEM_SETS * SEMMSL,
                         SEMMSL, SEMOPM, SEMOPM, (int32_t)sizeof(struct sem_undo), SEMVMX,
                         SEMVMX };
    int top = 0, used = 0, sems = 0;
    for (int i = 0; i < SEM_SETS; i++)
        if (sets[i].used) {
            top = i;
            used++;
            sems += (int)sets[i].nsems;
        }
    if (cmd == SEM_INFO) {
        info[7] = used;
        info[9] = sems;
    }
    return copy_to_user(ubuf, info, sizeof info) < 0 ? -EFAULT : top;
}

long sys_semctl(int id, int num, int cmd, uint32_t arg)
{
    int ipc64 = cmd & IPC_64;
    cmd &= ~IPC_64;
    if (cmd == IPC_INFO || cmd == SEM_INFO)
        return sem_info(cmd, (void *)arg);
    if (cmd == SEM_STAT || cmd == SEM_STAT_ANY) {
        /* id is a table index here; the answer is the set's id. */
        if (id < 0 || id >= SEM_SETS || !sets[id].used)
            return -EINVAL;
        return sem_stat(&sets[id], (void *)arg, ipc64) < 0 ? -EFAULT : id_of(&sets[id]);
    }
    struct sem_set *s = find_id(id);
    if (!s)
        return -EINVAL;
    switch (cmd) {
    case IPC_RMID:
        remove_set(s);
        return 0;
    case IPC_STAT:
        return sem_stat(s, (void *)arg, ipc64) < 0 ? -EFAULT : 0;
    case IPC_SET: {
        struct ipc64_perm p;
        if (copy_from_user(&p, (void *)arg, sizeof p) < 0)
            return -EFAULT;
        s->mode = p.mode & 0777;
        s->ctime = now();
        return 0;
    }
    case GETALL:
        return copy_to_user((void *)arg, s->val, s->nsems * sizeof *s->val) < 0 ? -EFAULT : 0;
    case SETALL:
        return set_all(s, (void *)arg);
    case GETVAL: case GETPID: case GETNCNT: case GETZCNT: case SETVAL:
        return sem_one(s, num, cmd, arg);
    default:
        return -EINVAL;
    }
}
