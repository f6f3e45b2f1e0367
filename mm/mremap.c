/* mremap.c: mremap with Linux's flags and errors. A mapping shrinks (its
 * tail is unmapped), grows in place when the pages after it are free, or,
 * with MREMAP_MAYMOVE, moves: a new region takes over the old one's
 * backing and every PTE is moved as it is (pgtable_move_range), present
 * pages and swap entries alike, so the contents come along without a
 * copy. MREMAP_FIXED names the new place (what was there is unmapped);
 * MREMAP_DONTUNMAP moves the pages but leaves the old region, empty.
 * Anonymous pages still shared with another process since fork are found
 * by the reverse map at their one address, so they cannot move: the move
 * first gives this process its own copies (unshare), as writes would;
 * only in a read-only private region, where no write can copy, does the
 * move of such pages fail with -ENOMEM (Linux would move them). */
#include "mm/mmap.h"
#include "kernel/errno.h"
#include "kernel/proc.h"
#include "mm/fault.h"
#include "mm/layout.h"
#include "mm/mm.h"
#include "mm/pgtable.h"
#include "mm/shmem.h"
#include "mm/urange.h"
#include "mm/vma.h"

#define MREMAP_MAYMOVE   1
#define MREMAP_FIXED     2
#define MREMAP_DONTUNMAP 4

/* The region that holds all of [addr, addr+len), or NULL (Linux: -EFAULT,
 * "we can't remap across vm area boundaries"). */
static struct vma *whole_region(struct mm *mm, uint32_t addr, uint32_t len)
{
    struct vma *v = vma_find(mm, addr);
    return v && len <= v->end - addr ? v : 0;
}

/* Would v, from addr on, still lie inside its shared memory object with
 * new_len bytes? Shared anonymous and System V objects have a fixed size
 * (a tmpfs file's pages past its end give SIGBUS, as on Linux). */
static int shm_fits(const struct vma *v, uint32_t addr, uint32_t new_len)
{
    return !v->shm || v->file ||
           v->shm_pgoff + ((addr - v->start + new_len) >> PAGE_SHIFT) <= v->shm->npages;
}

/* Gives this process its own copy of each page of [start, end) (in the
 * private writable region v) that it still shares with another process
 * since fork, as a write would (swapping it in first if need be): such a
 * page is bound to its address (mm/rmap.c), its own copy is not. May
 * sleep. Returns 0 or -errno (no memory). */
static int unshare(struct mm *mm, const struct vma *v, uint32_t start, uint32_t end)
{
    if ((v->flags & (VM_WRITE | VM_SHARED)) != VM_WRITE)
        return 0;                       /* nothing a write fault could copy */
    for (uint32_t va = start; va < end; va += PAGE_SIZE) {
        if (pgtable_can_move(mm->pgdir, va))
            continue;
        int err = fault_populate(mm, va, va + PAGE_SIZE);
        if (err)
            return err;
    }
    return 0;
}

/* Moves the pages of [addr, addr+old_len), which lie in one region, to a
 * new region [to, to+new_len) (free, not overlapping) with the same
 * flags and backing. Returns to, or -ENOMEM with nothing moved. */
static long move_mapping(struct mm *mm, uint32_t addr, uint32_t old_len, uint32_t to,
                         uint32_t new_len, int dontunmap)
{
    struct vma *v = vma_find(mm, addr);
    if (unshare(mm, v, addr, addr + old_len) < 0)
        return -ENOMEM;
    v = vma_find(mm, addr);             /* unshare may have slept */
    if (!v || v->end < addr + old_len)
        return -EFAULT;
    if (v->start < addr && !(v = vma_split(mm, v, addr)))
        return -ENOMEM;
    if (v->end > addr + old_len && !vma_split(mm, v, addr + old_len))
        return -ENOMEM;
    uint32_t file_len = v->file_len < new_len ? v->file_len : new_len;
    struct vma *w = vma_add(mm, to, to + new_len, v->flags & ~VM_HEAP, v->file, v->file_off,
                            file_len);
    if (!w)
        return -ENOMEM;
    if (v->shm) {
        shm_get(v->shm);
        w->shm = v->shm;
        w->shm_pgoff = v->shm_pgoff;
    }
    /* A page still shared with another process here (in a region that is
     * not private and writable, so unshare could not copy it) is bound
     * to its address (mm/rmap.c): then the move fails with -ENOMEM. */
    if (pgtable_move_range(mm->pgdir, addr, to, old_len) < 0) {
        vma_remove(mm, w);
        return -ENOMEM;
    }
    if (dontunmap)
        v->flags &= ~VM_LOCKED;         /* the old region stays, empty and unlocked */
    else
        vma_unmap(mm, addr, addr + old_len);    /* whole regions: no split, cannot fail */
    if ((w->flags & VM_LOCKED) && new_len > old_len)
        fault_populate(mm, to + old_len, to + new_len);
    return to;
}

/* MREMAP_FIXED or MREMAP_DONTUNMAP: always a move, to new_addr or to
 * wherever there is room. */
static long mremap_to(struct mm *mm, uint32_t addr, uint32_t old_len, uint32_t new_len,
                      uint32_t flags, uint32_t new_addr)
{
    struct urange to;
    if (flags & MREMAP_FIXED) {
        int err = urange_check(new_addr, new_len, URANGE_ALIGNED | URANGE_MAP_MIN, -EINVAL, &to);
        if (err)
            return err;
        if (addr < to.end && to.start < addr + old_len)
            return -EINVAL;             /* the old and new ranges overlap */
    }
    struct vma *v = whole_region(mm, addr, old_len < new_len ? old_len : new_len);
    if (!v)
        return -EFAULT;
    if (!shm_fits(v, addr, new_len))
        return -EINVAL;
    if (flags & MREMAP_FIXED) {
        if (vma_unmap(mm, to.start, to.end) < 0)
            return -ENOMEM;
    } else if (!(to.start = mmap_find_room(mm, 0, new_len))) {
        return -ENOMEM;
    }
    if (old_len > new_len) {
        if (vma_unmap(mm, addr + new_len, addr + old_len) < 0)
            return -ENOMEM;
        old_len = new_len;
    }
    return move_mapping(mm, addr, old_len, to.start, new_len, flags & MREMAP_DONTUNMAP);
}

/* Grows [addr, addr+old_len) to new_len bytes: in place if it ends its
 * region and the pages after it are free (below the stack's reserve),
 * else by moving it if allowed. */
static long mremap_grow(struct mm *mm, uint32_t addr, uint32_t old_len, uint32_t new_len,
                        uint32_t flags)
{
    struct vma *v = whole_region(mm, addr, old_len);
    if (!v)
        return -EFAULT;
    if (!shm_fits(v, addr, new_len))
        return -EINVAL;
    struct urange grown;
    if (addr + old_len == v->end &&
        urange_check(addr, new_len, URANGE_ALIGNED, -ENOMEM, &grown) == 0 &&
        grown.end <= STACK_RESERVED) {
        struct vma *next = v->next;
        if (!next || next->start >= grown.end) {
            v->end = grown.end;
            if (v->flags & VM_LOCKED)
                fault_populate(mm, addr + old_len, grown.end);
            return addr;
        }
    }
    if (!(flags & MREMAP_MAYMOVE))
        return -ENOMEM;
    uint32_t to = mmap_find_room(mm, 0, new_len);
    if (!to)
        return -ENOMEM;
    return move_mapping(mm, addr, old_len, to, new_len, 0);
}

static long do_mremap(struct mm *mm, uint32_t addr, uint32_t old_len, uint32_t new_len,
                      uint32_t flags, uint32_t new_addr)
{
    if (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP))
        return -EINVAL;
    if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
        return -EINVAL;
    if ((flags & MREMAP_DONTUNMAP) && (!(flags & MREMAP_MAYMOVE) || old_len != new_len))
        return -EINVAL;
    struct urange old, new;
    int err = urange_check(addr, old_len, URANGE_ALIGNED | URANGE_EMPTY_OK, -EFAULT, &old);
    if (err)
        return err;
    if (urange_check(0, new_len, 0, -ENOMEM, &new) < 0)
        return new_len == 0 || new_len > 0xFFFFF000u ? -EINVAL : -ENOMEM;
    /* Linux lets an old length of 0 duplicate a shared mapping; not here. */
    if (old.start == old.end)
        return -EINVAL;
    old_len = old.end - old.start;
    new_len = new.end;
    if (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP))
        return mremap_to(mm, addr, old_len, new_len, flags, new_addr);
    if (old_len >= new_len) {
        err = vma_unmap(mm, addr + new_len, addr + old_len);  /* shrinking always works */
        return err ? err : (long)addr;
    }
    return mremap_grow(mm, addr, old_len, new_len, flags);
}

long sys_mremap(uint32_t addr, uint32_t old_len, uint32_t new_len, uint32_t flags,
                uint32_t new_addr)
{
    long r = do_mremap(current->mm, addr, old_len, new_len, flags, new_addr);
    vma_verify(current->mm, "mremap");
    return r;
}
