/* cow.c: copy-on-write. fork copies no pages: mm_copy shares the page
 * tables (mm/pgtable_share.c), and the first change to a table copies it,
 * write-protecting every private writable page in both address spaces
 * and raising its frame's count; the first write fault on such a page
 * comes to cow_break, which copies it, or just makes it writable again when this
 * address space is the frame's only user. A page that maps the shared
 * zero page (mm/zero_page.c) is copy-on-write too: its first write gets
 * a freshly cleared frame. */
#include "mm/cow.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/string.h"
#include "mm/fault.h"
#include "mm/frame.h"
#include "mm/mm.h"
#include "mm/page_data.h"
#include "mm/pgtable.h"
#include "mm/vma.h"
#include "mm/zero_page.h"
#include "mm/reclaim.h"
#include "mm/rmap.h"
#include "mm/swap_map.h"
#include "kernel/proc.h"

/* Does a locked region of mm overlap the 4 MiB at va? */
static bool locked_in(const struct mm *mm, uint32_t va)
{
    for (const struct vma *v = mm->vmas; v && v->start < va + PDE_SPAN; v = v->next)
        if ((v->flags & VM_LOCKED) && v->end > va)
            return true;
    return false;
}

/* fork shares the page tables themselves, copy-on-write
 * (mm/pgtable_share.c): no PTE is copied or write-protected here; the
 * first change to a table in either process copies it and marks its
 * private writable pages copy-on-write. A table under a locked region is
 * copied now. The parent's TLB is flushed once at the end (its writable
 * entries are stale until then, but nothing runs in the parent's address
 * space before it). */
struct mm *mm_copy(struct mm *src)
{
    struct mm *dst = mm_create();
    if (!dst)
        return 0;
    int err = vma_copy_all(dst, src);
    dst->brk_start = src->brk_start;
    dst->brk = src->brk;
    for (uint32_t va = 0; va < USER_TOP && !err; va += PDE_SPAN)
        if (src->pgdir[PDX(va)] & PTE_PRESENT)      /* else nothing to give */
            err = pgtable_fork_table(dst->pgdir, src->pgdir, va, locked_in(src, va));
    pgtable_flush_all(src->pgdir);
    if (err) {
        mm_destroy(dst);
        return 0;
    }
    return dst;
}

int cow_break(struct mm *mm, uint32_t va, pte_t *pte)
{
    pte_t was = *pte;
    struct page *old = phys_to_page(PTE_FRAME(was));
    pte_t keep = (was & (PTE_FLAGS_MASK & ~(PTE_COW | PTE_PRESENT))) | PTE_WRITE;
    if ((old->flags & (PG_SWAPCACHE | PG_LOCKED)) == PG_SWAPCACHE &&
        swap_entry_count(old->index) == 0 && rmap_count(old) == 1)
        swap_cache_remove(old);         /* kept clean in swap (fault_swap_in); no more */
    if (old->count == 1 && !page_is_zero(old)) {
        /* Nobody else maps this frame: take it over without copying. */
        pgtable_set(mm->pgdir, va, pte, PTE_FRAME(was) | keep | PTE_PRESENT);
        fault_stats.cow_reuse++;
        trace(TRACE_COW, "pid %d reuse va %p frame %p", current->pid, (void *)va,
              (void *)page_to_phys(old));
        return 0;
    }
    page_get(old);                      /* keep it while we may sleep */
    struct page *copy = page_alloc_user();
    int err = copy ? 0 : -ENOMEM;
    if (copy && *pte == was) {          /* else it changed while we slept: retry */
        if (page_is_zero(old))
            page_zero(page_to_virt(copy));
        else
            page_copy(page_to_virt(copy), page_to_virt(old));
        err = pgtable_replace(mm->pgdir, va, pte, page_to_phys(copy), keep);
        if (!err) {
            if (page_is_zero(old))
                fault_stats.zero_fill++;
            else
                fault_stats.cow_copy++;
            trace(TRACE_COW, "pid %d copy va %p frame %p -> %p", current->pid, (void *)va,
                  (void *)page_to_phys(old), (void *)page_to_phys(copy));
            copy = 0;                   /* the PTE holds it now */
        }
    }
    if (copy)
        page_put(copy);
    page_put(old);
    return err;
}
