/* madvise.c: madvise, mincore and msync with Linux's arguments and errors.
 *   madvise: MADV_DONTNEED (and MADV_FREE on private anonymous memory)
 *     unmaps the pages, freeing the frames and swap slots of private
 *     memory: the next touch reads zeros, or the file again; a shared
 *     object keeps its pages. MADV_POPULATE_READ/WRITE fault the pages in.
 *     The rest of Linux's advice is about readahead, huge pages, merging
 *     or core dumps, none of which exist here: accepted, nothing to do.
 *     A range with holes is advised where mapped, then -ENOMEM.
 *   mincore: one byte per page, 1 if resident: present, in the swap cache,
 *     in the page cache of the region's file, or in its shared object.
 *   msync: checks its flags and range. Nothing to write back: the root
 *     file system is read-only and shared memory lives in its objects. */
#include "mm/madvise.h"
#include "kernel/errno.h"
#include "kernel/proc.h"
#include "mm/fault.h"
#include "mm/filemap.h"
#include "mm/frame.h"
#include "mm/layout.h"
#include "mm/mm.h"
#include "mm/pgtable.h"
#include "mm/shmem.h"
#include "mm/swap_map.h"
#include "mm/uaccess.h"
#include "mm/urange.h"
#include "mm/vma.h"

enum {
    MADV_NORMAL = 0, MADV_RANDOM = 1, MADV_SEQUENTIAL = 2, MADV_WILLNEED = 3,
    MADV_DONTNEED = 4, MADV_FREE = 8, MADV_REMOVE = 9, MADV_DONTFORK = 10,
    MADV_DOFORK = 11, MADV_MERGEABLE = 12, MADV_UNMERGEABLE = 13, MADV_HUGEPAGE = 14,
    MADV_NOHUGEPAGE = 15, MADV_DONTDUMP = 16, MADV_DODUMP = 17, MADV_WIPEONFORK = 18,
    MADV_KEEPONFORK = 19, MADV_COLD = 20, MADV_PAGEOUT = 21, MADV_POPULATE_READ = 22,
    MADV_POPULATE_WRITE = 23, MADV_DONTNEED_LOCKED = 24, MADV_COLLAPSE = 25,
};

/* Advice that only tunes what Linux does behind the scenes (readahead,
 * huge pages, page merging, core dumps, aging): nothing here to tune. */
static int advice_is_hint(int advice)
{
    switch (advice) {
    case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL: case MADV_WILLNEED:
    case MADV_MERGEABLE: case MADV_UNMERGEABLE: case MADV_HUGEPAGE: case MADV_NOHUGEPAGE:
    case MADV_DONTDUMP: case MADV_DODUMP: case MADV_COLLAPSE:
        return 1;
    default:
        return 0;
    }
}

/* Applies advice to [start, end) of region v. Returns 0 or -errno. */
static int advise_region(struct mm *mm, struct vma *v, uint32_t start, uint32_t end, int advice)
{
    int private_anon = !v->file && !v->shm && !(v->flags & VM_SHARED);
    switch (advice) {
    case MADV_FREE:
        if (!private_anon)
            return -EINVAL;
        __attribute__((fallthrough));  /* freed at once rather than lazily */
    case MADV_DONTNEED:
    case MADV_DONTNEED_LOCKED:
        if ((v->flags & VM_LOCKED) && advice != MADV_DONTNEED_LOCKED)
            return -EINVAL;
        if (pgtable_unshare_range(mm->pgdir, start, end - start) < 0)
            return -EAGAIN;             /* no frame to copy a table shared since fork */
        pgtable_unmap_range(mm->pgdir, start, end - start);
        return 0;
    case MADV_COLD:
    case MADV_PAGEOUT:
        return (v->flags & VM_LOCKED) ? -EINVAL : 0;
    case MADV_POPULATE_READ:
    case MADV_POPULATE_WRITE: {
        int err = fault_populate(mm, start, end);
        return err == -EFAULT ? -EFAULT : err == -ENOMEM ? -ENOMEM : err;
    }
    default:
        return advice_is_hint(advice) ? 0 : -EINVAL;
    }
}

long sys_madvise(uint32_t addr, uint32_t len, int advice)
{
    struct mm *mm = current->mm;
    if (!advice_is_hint(advice) && advice != MADV_DONTNEED && advice != MADV_FREE &&
        advice != MADV_DONTNEED_LOCKED && advice != MADV_COLD && advice != MADV_PAGEOUT &&
        advice != MADV_POPULATE_READ && advice != MADV_POPULATE_WRITE)
        return -EINVAL;                 /* includes the fork advice: not done here */
    struct urange r;
    int err = urange_check(addr, len, URANGE_ALIGNED | URANGE_EMPTY_OK | URANGE_WRAP_EINVAL,
                           -ENOMEM, &r);
    if (err || r.start == r.end)
        return err;
    int hole = 0;
    for (uint32_t a = r.start; a < r.end;) {
        struct vma *v = vma_find(mm, a);
        if (!v) {
            hole = 1;                   /* skip to the next region */
            v = vma_find_above(mm, a);
            if (!v || v->start >= r.end)
                break;
            a = v->start;
        }
        uint32_t to = v->end < r.end ? v->end : r.end;
        err = advise_region(mm, v, a, to, advice);
        if (err)
            return err;
        a = to;
    }
    return hole ? -ENOMEM : 0;
}

/* Does page index of obj have a frame now? */
static int shm_frame_present(const struct shm_object *obj, uint32_t index)
{
    uint32_t chunk = index / SHM_CHUNK;
    const struct shm_chunk *c = index < obj->npages && chunk < obj->nchunks ? obj->chunks[chunk] : 0;
    return c && c->frames[index % SHM_CHUNK];
}

/* Is the page at va of region v resident? */
static uint8_t resident(struct mm *mm, const struct vma *v, uint32_t va)
{
    pte_t *pte = pgtable_walk(mm->pgdir, va, false);
    if (pte && pte_present(*pte))
        return 1;
    if (pte && pte_is_swap(*pte))
        return swap_cache_find(pte_swap_slot(*pte)) != 0;
    uint32_t rel = va - v->start;
    if (v->shm)
        return shm_frame_present(v->shm, v->shm_pgoff + (rel >> PAGE_SHIFT));
    if (v->file && rel < v->file_len)
        return filemap_is_cached(v->file, (v->file_off + rel) >> PAGE_SHIFT);
    return 0;
}

long sys_mincore(uint32_t addr, uint32_t len, uint8_t *uvec)
{
    struct mm *mm = current->mm;
    struct urange r;
    int err = urange_check(addr, len, URANGE_ALIGNED | URANGE_EMPTY_OK, -ENOMEM, &r);
    if (err || r.start == r.end)
        return err;
    uint32_t pages = (r.end - r.start) >> PAGE_SHIFT;
    if (!user_range_ok((uint32_t)uvec, pages))
        return -EFAULT;
    uint8_t chunk[64];
    uint32_t n = 0, done = 0;
    for (uint32_t va = r.start; va < r.end; va += PAGE_SIZE) {
        const struct vma *v = vma_find(mm, va);
        if (!v)
            err = -ENOMEM;              /* Linux stops at the hole */
        else
            chunk[n++] = resident(mm, v, va);
        if (n == sizeof chunk || (n && (err || va + PAGE_SIZE == r.end))) {
            if (copy_to_user(uvec + done, chunk, n) < 0)
                return -EFAULT;
            done += n;
            n = 0;
        }
        if (err)
            return err;
    }
    return 0;
}

#define MS_ASYNC      1
#define MS_INVALIDATE 2
#define MS_SYNC       4

long sys_msync(uint32_t addr, uint32_t len, int flags)
{
    if ((flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) || (addr & ~PAGE_MASK) ||
        ((flags & MS_ASYNC) && (flags & MS_SYNC)))
        return -EINVAL;
    struct urange r;
    int err = urange_check(addr, len, URANGE_ALIGNED | URANGE_EMPTY_OK, -ENOMEM, &r);
    if (err || r.start == r.end)
        return err;
    int hole = 0;
    for (uint32_t a = r.start; a < r.end;) {
        struct vma *v = vma_find(current->mm, a);
        if (!v) {
            hole = 1;
            v = vma_find_above(current->mm, a);
            if (!v || v->start >= r.end)
                break;
            a = v->start;
        }
        if ((flags & MS_INVALIDATE) && (v->flags & VM_LOCKED))
            return -EBUSY;
        a = v->end;
    }
    return hole ? -ENOMEM : 0;
}
