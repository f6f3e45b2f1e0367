/* mm.c: creating, switching and destroying address spaces. */
#include "mm/mm.h"
#include "mm/zero_page.h"
#include "kernel/printk.h"
#include "kernel/string.h"
#include "mm/frame.h"
#include "mm/kmalloc.h"
#include "mm/kmap.h"
#include "mm/mmu.h"
#include "mm/pgtable.h"
#include "mm/rmap.h"
#include "mm/vma.h"

struct mm *mm_create(void)
{
    struct mm *mm = kmalloc(sizeof *mm);
    if (!mm)
        return 0;
    struct page *pg = pgtable_frame_alloc();
    if (!pg) {
        kfree(mm);
        return 0;
    }
    memset(mm, 0, sizeof *mm);
    mm->pgdir = page_to_virt(pg);
    mm->pgdir_phys = page_to_phys(pg);
    memset(mm->pgdir, 0, KERNEL_PDX * sizeof(pde_t));
    memcpy(&mm->pgdir[KERNEL_PDX], &kernel_pgdir[KERNEL_PDX],
           (PT_ENTRIES - KERNEL_PDX) * sizeof(pde_t));
    rmap_add_mm(mm);
    return mm;
}

void mm_destroy(struct mm *mm)
{
    if (mm->pgdir_phys == mmu_current_pgdir())
        panic("mm_destroy: address space %p is the current one", (void *)mm);
    rmap_remove_mm(mm);
    vma_free_all(mm);
    pgtable_destroy_user(mm->pgdir);
    pgtable_frame_free(phys_to_page(mm->pgdir_phys));
    kfree(mm);
}

void mm_switch(struct mm *mm)
{
    mmu_load_pgdir(mm ? mm->pgdir_phys : virt_to_phys(kernel_pgdir));
}

void mm_count_pages(struct mm *mm, uint32_t *resident, uint32_t *swapped)
{
    *resident = *swapped = 0;
    for (const struct vma *v = mm->vmas; v; v = v->next) {
        for (uint32_t va = v->start; va < v->end; va += PAGE_SIZE) {
            pte_t *pte = pgtable_walk(mm->pgdir, va, false);
            if (!pte) {                 /* no page table: skip to the next */
                va = (va | (PDE_SPAN - 1)) - PAGE_SIZE + 1;
                continue;
            }
            /* The zero page is nobody's: Linux leaves it out of RSS too. */
            *resident += pte_present(*pte) && PTE_FRAME(*pte) != page_to_phys(zero_page);
            *swapped += pte_is_swap(*pte);
        }
    }
}
