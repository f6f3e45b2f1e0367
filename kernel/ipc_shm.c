/* ipc_shm.c: System V shared memory. A segment is a key, an id and a
 * shared memory object (mm/shmem.c), the same kind of object that backs
 * MAP_SHARED|MAP_ANONYMOUS: its pages go to swap and come back like any.
 * shmat maps the object as a region marked VM_SYSV; the segment's table
 * entry holds one reference on the object until IPC_RMID, and each
 * attached region one more, so the memory goes when the segment is
 * removed and the last attachment is gone. */
#include "kernel/ipc_shm.h"
#include "kernel/errno.h"
#include "kernel/ipc.h"
#include "kernel/proc.h"
#include "kernel/string.h"
#include "kernel/x86/timer.h"
#include "mm/layout.h"
#include "mm/mm.h"
#include "mm/mmap.h"
#include "mm/shmem.h"
#include "mm/uaccess.h"
#include "mm/urange.h"
#include "mm/vma.h"

#define SHM_SEGMENTS 32
#define SHMMAX (64u << 20)
#define SHM_RDONLY 010000
#define SHM_RND 020000
#define SHM_STAT 13             /* shmctl by table index: what ipcs lists */
#define SHM_INFO 14
#define SHM_STAT_ANY 15
#define SHMLBA PAGE_SIZE

struct segment {
    int used;
    int32_t key;                /* IPC_PRIVATE once removed */
    uint32_t size;
    uint16_t mode;
    uint16_t seq;               /* the id is seq * SHM_SEGMENTS + index */
    struct shm_object *obj;     /* NULL once removed (then kept by attachments) */
    int cpid, lpid;
    uint32_t atime, dtime, ctime;
};

static struct segment segments[SHM_SEGMENTS];

static struct segment *find_id(int id)
{
    if (id < 0)
        return 0;
    struct segment *s = &segments[id % SHM_SEGMENTS];
    return s->used && s->obj && s->seq == id / SHM_SEGMENTS ? s : 0;
}

static int id_of(const struct segment *s)
{
    return s->seq * SHM_SEGMENTS + (int)(s - segments);
}

/* Regions attached to obj, in every process. */
static uint32_t attachments(const struct segment *s)
{
    return s->obj ? s->obj->refs - 1 : 0;
}

int32_t ipc_shm_key(const struct shm_object *obj)
{
    for (int i = 0; i < SHM_SEGMENTS; i++)
        if (segments[i].used && segments[i].obj == obj)
            return segments[i].key;
    return -1;
}

long sys_shmget(int32_t key, uint32_t size, int flags)
{
    if (key != IPC_PRIVATE) {
        for (int i = 0; i < SHM_SEGMENTS; i++) {
            struct segment *s = &segments[i];
            if (!s->used || !s->obj || s->key != key)
                continue;
            if ((flags & IPC_CREAT) && (flags & IPC_EXCL))
                return -EEXIST;
            if (size > s->size)
                return -EINVAL;
            return id_of(s);
        }
        if (!(flags & IPC_CREAT))
            return -ENOENT;
    }
    if (size == 0 || size > SHMMAX)
        return -EINVAL;
    struct segment *s = 0;
    for (int i = 0; i < SHM_SEGMENTS && !s; i++)
        if (!segments[i].used)
            s = &segments[i];
    if (!s)
        return -ENOSPC;
    struct shm_object *obj = shm_create(PAGE_ROUND_UP(size) >> PAGE_SHIFT, 0);
    if (!obj)
        return -ENOMEM;
    uint16_t seq = (uint16_t)(s->seq + 1);
    memset(s, 0, sizeof *s);
    s->used = 1;
    s->seq = seq;
    s->key = key;
    s->size = size;
    s->mode = (uint16_t)(flags & 0777);
    s->obj = obj;
    s->cpid = current->pid;
    s->ctime = jiffies / TIMER_HZ;
    return id_of(s);
}

long sys_shmat(int id, uint32_t addr, int flags)
{
    struct segment *s = find_id(id);
    if (!s)
        return -EINVAL;
    struct mm *mm = current->mm;
    struct urange r;
    if (addr) {
        if (flags & SHM_RND)
            addr &= ~(SHMLBA - 1);
        /* Linux: unaligned or wrapping -EINVAL, reaching the kernel half
         * -ENOMEM (as mmap at a fixed address), the null zone -EPERM. */
        int err = urange_check(addr, s->size, URANGE_ALIGNED | URANGE_MAP_MIN |
                               URANGE_WRAP_EINVAL, -ENOMEM, &r);
        if (err)
            return err;
        struct vma *v = vma_find_above(mm, r.start);
        if (v && v->start < r.end)
            return -EINVAL;             /* no SHM_REMAP: the range must be free */
    } else {
        r.end = PAGE_ROUND_UP(s->size);
        if (!(r.start = mmap_find_room(mm, 0, r.end)))
            return -ENOMEM;
        r.end += r.start;
    }
    uint32_t vmf = VM_READ | VM_SHARED | VM_SYSV | ((flags & SHM_RDONLY) ? 0 : VM_WRITE);
    struct vma *v = vma_add(mm, r.start, r.end, vmf, 0, 0, 0);
    if (!v)
        return -ENOMEM;
    shm_get(s->obj);
    v->shm = s->obj;
    s->lpid = current->pid;
    s->atime = jiffies / TIMER_HZ;
    vma_verify(mm, "shmat");
    return r.start;
}

/* Frees a removed segment's slot once nothing is attached any more. */
static void forget_if_unused(struct segment *s)
{
    if (s->used && !s->obj)
        s->used = 0;
}

long sys_shmdt(uint32_t addr)
{
    struct mm *mm = current->mm;
    struct vma *v = vma_find(mm, addr);
    if (!v || v->start != addr || !(v->flags & VM_SYSV))
        return -EINVAL;
    struct shm_object *obj = v->shm;
    /* Detach the regions of this attachment (mprotect may have split it). */
    uint32_t end = v->end;
    while (end < USER_TOP) {
        struct vma *w = vma_find(mm, end);
        if (!w || w->shm != obj || !(w->flags & VM_SYSV))
            break;
        end = w->end;
    }
    for (int i = 0; i < SHM_SEGMENTS; i++) {
        if (segments[i].used && segments[i].obj == obj) {
            segments[i].lpid = current->pid;
            segments[i].dtime = jiffies / TIMER_HZ;
        }
    }
    int err = vma_unmap(mm, addr, end);
    vma_verify(mm, "shmdt");
    return err;
}

struct shmid64_ds {
    struct ipc64_perm perm;
    uint32_t segsz;
    uint32_t atime, atime_high, dtime, dtime_high, ctime, ctime_high;
    int32_t cpid, lpid;
    uint32_t nattch, unused4, unused5;
};

struct shmid_ds_old {
    struct ipc_perm_old perm;
    int32_t segsz;
    int32_t atime, dtime, ctime;
    uint16_t cpid, lpid;
    int16_t nattch;
    uint16_t unused;
    uint32_t unused2, unused3;
};

static long shm_stat(const struct segment *s, void *ubuf, int ipc64)
{
    if (ipc64) {
        struct shmid64_ds d;
        memset(&d, 0, sizeof d);
        d.perm.key = s->key;
        d.perm.mode = s->mode;
        d.perm.seq = s->seq;
        d.segsz = s->size;
        d.atime = s->atime;
        d.dtime = s->dtime;
        d.ctime = s->ctime;
        d.cpid = s->cpid;
        d.lpid = s->lpid;
        d.nattch = attachments(s);
        return copy_to_user(ubuf, &d, sizeof d);
    }
    struct shmid_ds_old d;
    memset(&d, 0, sizeof d);
    d.perm.key = s->key;
    d.perm.mode = s->mode;
    d.perm.seq = s->seq;
    d.segsz = (int32_t)s->size;
    d.atime = (int32_t)s->atime;
    d.dtime = (int32_t)s->dtime;
    d.ctime = (int32_t)s->ctime;
    d.cpid = (uint16_t)s->cpid;
    d.lpid = (uint16_t)s->lpid;
    d.nattch = (int16_t)attachments(s);
    return copy_to_user(ubuf, &d, sizeof d);
}

/* The highest table index in use (0 if none): what IPC_INFO and SHM_INFO
 * return, the bound of an SHM_STAT scan. */
static int highest_index(void)
{
    int top = 0;
    for (int i = 0; i < SHM_SEGMENTS; i++)
        if (segments[i].used && segments[i].obj)
            top = i;
    return top;
}

/* IPC_INFO: the limits (struct shminfo64, or the old five ints); SHM_INFO:
 * the segments in use and their pages (struct shm_info). */
static long shm_info(int cmd, void *ubuf, int ipc64)
{
    if (cmd == IPC_INFO) {
        uint32_t limits[9] = { SHMMAX, 1, SHM_SEGMENTS, SHM_SEGMENTS,
                               SHM_SEGMENTS * (SHMMAX >> PAGE_SHIFT) };
        if (copy_to_user(ubuf, limits, ipc64 ? sizeof limits : 5 * sizeof *limits) < 0)
            return -EFAULT;
        return highest_index();
    }
    /* used_ids, shm_tot, shm_rss, shm_swp (pages), swap_attempts, swap_successes */
    uint32_t info[6] = { 0 };
    for (int i = 0; i < SHM_SEGMENTS; i++) {
        struct segment *s = &segments[i];
        if (!s->used || !s->obj)
            continue;
        uint32_t resident = shm_resident(s->obj);
        info[0]++;
        info[1] += s->obj->npages;
        info[2] += resident;
        info[3] += s->obj->held - resident;
    }
    if (copy_to_user(ubuf, info, sizeof info) < 0)
        return -EFAULT;
    return highest_index();
}

long sys_shmctl(int id, int cmd, void *ubuf)
{
    int ipc64 = cmd & IPC_64;
    cmd &= ~IPC_64;
    if (cmd == IPC_INFO || cmd == SHM_INFO)
        return shm_info(cmd, ubuf, ipc64);
    if (cmd == SHM_STAT || cmd == SHM_STAT_ANY) {
        /* id is a table index here; the answer is the segment's id. */
        if (id < 0 || id >= SHM_SEGMENTS || !segments[id].used || !segments[id].obj)
            return -EINVAL;
        long err = shm_stat(&segments[id], ubuf, ipc64);
        return err < 0 ? -EFAULT : id_of(&segments[id]);
    }
    struct segment *s = find_id(id);
    if (!s)
        return -EINVAL;
    switch (cmd) {
    case IPC_STAT:
        return shm_stat(s, ubuf, ipc64);
    case IPC_RMID: {
        struct shm_object *obj = s->obj;
        s->obj = 0;                     /* no new shmget or shmat finds it */
        s->key = IPC_PRIVATE;
        shm_put(obj);                   /* attached regions keep it alive */
        forget_if_unused(s);
        return 0;
    }
    case IPC_SET:
        return 0;
    default:
        return -EINVAL;
    }
}
