/* mlock.c: mlock, mlock2, munlock, mlockall and munlockall with Linux's
 * arguments and errors. Locking marks the regions of a range VM_LOCKED
 * (splitting them at its edges) and faults every page in; page
 * replacement (mm/reclaim.c) asks mlock_page_locked before it evicts a
 * page and leaves it alone if a locked region maps it. mlockall(MCL_FUTURE)
 * sets mm->def_flags, so that mmap and brk lock their new regions too.
 * Locks are not inherited by fork (vma_copy_all drops VM_LOCKED) and end
 * with exec (a new address space). There is no RLIMIT_MEMLOCK: every
 * process here may lock, as root may on Linux. */
#include "mm/mlock.h"
#include "kernel/errno.h"
#include "kernel/proc.h"
#include "mm/fault.h"
#include "mm/frame.h"
#include "mm/layout.h"
#include "mm/mm.h"
#include "mm/pgtable.h"
#include "mm/rmap.h"
#include "mm/urange.h"
#include "mm/vma.h"

#define MLOCK_ONFAULT 0x01      /* mlock2: lock, but fault nothing in now */
#define MCL_CURRENT 1
#define MCL_FUTURE  2
#define MCL_ONFAULT 4

/* Linux turns populate's errors into mlock's: a page that cannot be had
 * is -ENOMEM, no memory -EAGAIN. */
static long populate_error(int err)
{
    return err == -EFAULT ? -ENOMEM : err == -ENOMEM ? -EAGAIN : err;
}

/* Locks or unlocks [addr, addr+len) (rounded out to pages); onfault
 * leaves the pages to be faulted in when touched. */
static long mlock_range(uint32_t addr, uint32_t len, int lock, int onfault)
{
    struct mm *mm = current->mm;
    struct urange r;
    long err = urange_check(addr, len, URANGE_ROUND | URANGE_EMPTY_OK | URANGE_WRAP_EINVAL,
                            -ENOMEM, &r);
    if (err || r.start == r.end)
        return err;
    /* A locked page must be found through its own region: no page table
     * shared since fork (mm/pgtable_share.c) may hold it. */
    if (lock && pgtable_unshare_range(mm->pgdir, r.start, r.end - r.start) < 0)
        return -ENOMEM;
    err = vma_change_flags(mm, r.start, r.end, VM_LOCKED, lock ? VM_LOCKED : 0);
    vma_verify(mm, lock ? "mlock" : "munlock");
    if (err || !lock || onfault)
        return err;
    return populate_error(fault_populate(mm, r.start, r.end));
}

long sys_mlock(uint32_t addr, uint32_t len)
{
    return mlock_range(addr, len, 1, 0);
}

long sys_mlock2(uint32_t addr, uint32_t len, uint32_t flags)
{
    if (flags & ~MLOCK_ONFAULT)
        return -EINVAL;
    return mlock_range(addr, len, 1, flags & MLOCK_ONFAULT);
}

long sys_munlock(uint32_t addr, uint32_t len)
{
    return mlock_range(addr, len, 0, 0);
}

/* Marks (or unmarks) every region of mm locked. */
static void lock_all(struct mm *mm, int lock)
{
    for (struct vma *v = mm->vmas; v; v = v->next)
        v->flags = lock ? v->flags | VM_LOCKED : v->flags & ~VM_LOCKED;
    vma_merge(mm, 0, USER_TOP);
}

long sys_mlockall(uint32_t flags)
{
    if (!flags || (flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) || flags == MCL_ONFAULT)
        return -EINVAL;
    struct mm *mm = current->mm;
    mm->def_flags = (flags & MCL_FUTURE) ? VM_LOCKED : 0;
    if (!(flags & MCL_CURRENT))
        return 0;
    if (pgtable_unshare_range(mm->pgdir, 0, USER_TOP) < 0)
        return -ENOMEM;                 /* as in mlock_range */
    lock_all(mm, 1);
    vma_verify(mm, "mlockall");
    if (flags & MCL_ONFAULT)
        return 0;
    /* Linux ignores the pages it could not fault in here. */
    for (struct vma *v = mm->vmas; v; v = v->next)
        if (fault_populate(mm, v->start, v->end) == -EINTR)
            break;
    return 0;
}

long sys_munlockall(void)
{
    struct mm *mm = current->mm;
    mm->def_flags = 0;
    lock_all(mm, 0);
    vma_verify(mm, "munlockall");
    return 0;
}

/* rmap_walk's visit: is the PTE at va of mm in a locked region? */
static bool in_locked_region(struct mm *mm, uint32_t va, pte_t *pte, void *locked)
{
    (void)pte;
    struct vma *v = vma_find(mm, va);
    if (v && (v->flags & VM_LOCKED)) {
        *(int *)locked = 1;
        return false;                   /* found one: stop */
    }
    return true;
}

int mlock_page_locked(struct page *pg)
{
    int locked = 0;
    if (pg->mapcount)
        rmap_walk(pg, in_locked_region, &locked);
    return locked;
}

uint32_t mlock_count_pages(void)
{
    uint32_t n = 0;
    for (int i = 0; i < NPROC; i++) {
        struct mm *mm = proc_table[i].mm;
        if (proc_table[i].state == PROC_UNUSED || proc_table[i].state == PROC_ZOMBIE || !mm)
            continue;
        int seen = 0;                   /* vfork and threads share an mm: count it once */
        for (int j = 0; j < i && !seen; j++)
            seen = proc_table[j].mm == mm && proc_table[j].state != PROC_UNUSED &&
                   proc_table[j].state != PROC_ZOMBIE;
        if (seen)
            continue;
        for (const struct vma *v = mm->vmas; v; v = v->next) {
            if (!(v->flags & VM_LOCKED))
                continue;
            for (uint32_t va = v->start; va < v->end; va += PAGE_SIZE) {
                pte_t *pte = pgtable_walk(mm->pgdir, va, false);
                n += pte && pte_present(*pte);
            }
        }
    }
    return n;
}
