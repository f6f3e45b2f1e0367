/* cow.c: copy-on-write. fork copies page tables, not pages: mm_copy
 * write-protects every private writable page in both address spaces and
 * raises its frame's count; the first write fault on such a page comes to
 * cow_break, which copies it, or just makes it writable again when this
 * address space is the frame's only user. */
#include "mm/cow.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/string.h"
#include "mm/fault.h"
#include "mm/frame.h"
#include "mm/mm.h"
#include "mm/pgtable.h"
#include "mm/vma.h"

/* Shares one present page of src with dst at va. */
static int copy_pte(struct mm *dst, struct mm *src, const struct vma *v, uint32_t va,
                    pte_t *spte)
{
    pte_t e = *spte;
    if ((v->flags & (VM_WRITE | VM_SHARED)) == VM_WRITE && (e & PTE_WRITE)) {
        e = (e & ~PTE_WRITE) | PTE_COW;
        pgtable_set(src->pgdir, va, spte, e);
    }
    pte_t *dpte = pgtable_walk(dst->pgdir, va, true);
    if (!dpte)
        return -ENOMEM;
    page_get(phys_to_page(PTE_FRAME(e)));
    *dpte = e;
    return 0;
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
            if (pte_present(*spte) && copy_pte(dst, src, v, va, spte) < 0)
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
    struct page *old = phys_to_page(PTE_FRAME(*pte));
    pte_t keep = (*pte & (PTE_FLAGS_MASK & ~PTE_COW)) | PTE_WRITE;
    if (old->count == 1) {
        /* Nobody else maps this frame: take it over without copying. */
        pgtable_set(mm->pgdir, va, pte, PTE_FRAME(*pte) | keep);
        fault_stats.cow_reuse++;
        trace(TRACE_COW, "reuse va %p frame %p", (void *)va, (void *)page_to_phys(old));
        return 0;
    }
    struct page *copy = frame_alloc();
    if (!copy)
        return -ENOMEM;
    memcpy(page_to_virt(copy), page_to_virt(old), PAGE_SIZE);
    pgtable_set(mm->pgdir, va, pte, page_to_phys(copy) | keep);
    page_put(old);
    fault_stats.cow_copy++;
    trace(TRACE_COW, "copy va %p frame %p -> %p", (void *)va, (void *)page_to_phys(old),
          (void *)page_to_phys(copy));
    return 0;
}
