/* cow.c: copy-on-write. fork copies page tables, not pages: mm_copy
 * write-protects every private writable page in both address spaces and
 * raises its frame's count; the first write fault on such a page comes to
 * cow_break, which copies it, or just makes it writable again when this
 * address space is the frame's only user. A page that maps the shared
 * zero page (mm/zero_page.c) is copy-on-write too: its first write gets
 * a freshly cleared frame. */
#include "mm/page_data.h"
#include "mm/cow.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/string.h"
#include "mm/fault.h"
#include "mm/frame.h"
#include "mm/mm.h"
#include "mm/pgtable.h"
#include "mm/vma.h"
#include "mm/zero_page.h"
#include "mm/reclaim.h"
#include "mm/swap_map.h"
#include "kernel/proc.h"

/* Shares one page of src with dst at va: a present page (write-protected
 * in both if private and writable), or a swap entry (the slot gains a
 * reference). */
static int copy_pte(struct mm *dst, struct mm *src, const struct vma *v, uint32_t va,
                    pte_t *spte)
{
    pte_t e = *spte;
    if (pte_is_swap(e)) {
        pte_t *dpte = pgtable_walk(dst->pgdir, va, true);
        if (!dpte)
            return -ENOMEM;
        swap_entry_dup(pte_swap_slot(e));
        *dpte = e;
        return 0;
    }
    if ((v->flags & (VM_WRITE | VM_SHARED)) == VM_WRITE && (e & PTE_WRITE)) {
        e = (e & ~PTE_WRITE) | PTE_COW;
        pgtable_set(src->pgdir, va, spte, e);
    }
    struct page *pg = phys_to_page(PTE_FRAME(e));
    page_get(pg);
    int err = pgtable_map(dst->pgdir, va, PTE_FRAME(e), e & PTE_FLAGS_MASK);
    if (err)
        page_put(pg);
    return err;
}

struct mm *mm_copy(struct mm *src)
{
    struct mm *dst = mm_create();
    if (!dst)
        return 0;
    if (vma_copy_all(dst, src) < 0)
        goto fail;
    dst->brk_start = src->brk_start;
    dst->brk = src->brk;
    for (const struct vma *v = src->vmas; v; v = v->next) {
        for (uint32_t va = v->start; va < v->end; va += PAGE_SIZE) {
            pte_t *spte = pgtable_walk(src->pgdir, va, false);
            if (!spte) {                /* no page table: skip to the next one */
                va = (va | (PDE_SPAN - 1)) - PAGE_SIZE + 1;
                continue;
            }
            if (*spte && copy_pte(dst, src, v, va, spte) < 0)
                goto fail;
        }
    }
    return dst;
fail:
    mm_destroy(dst);
    return 0;
}

int cow_break(struct mm *mm, uint32_t va, pte_t *pte)
{
    pte_t was = *pte;
    struct page *old = phys_to_page(PTE_FRAME(was));
    pte_t keep = (was & (PTE_FLAGS_MASK & ~(PTE_COW | PTE_PRESENT))) | PTE_WRITE;
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
