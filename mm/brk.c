/* brk.c: growing and shrinking the heap. The heap is one region
 * (VM_HEAP) from mm->brk_start, page-aligned after bss, to the page
 * holding the break; its pages are zero-filled on first touch like any
 * anonymous page, and shrinking unmaps (frees) the pages given back. */
#include "mm/brk.h"
#include "kernel/proc.h"
#include "mm/layout.h"
#include "mm/mm.h"
#include "mm/pgtable.h"
#include "mm/vma.h"

static struct vma *heap_vma(struct mm *mm)
{
    for (struct vma *v = mm->vmas; v; v = v->next)
        if (v->flags & VM_HEAP)
            return v;
    return 0;
}

/* Can the heap's pages reach up to new_end without touching anything? */
static int heap_room(struct mm *mm, uint32_t old_end, uint32_t new_end)
{
    if (new_end > STACK_RESERVED)
        return 0;
    struct vma *next = vma_find_above(mm, old_end);
    return !next || next->start >= new_end;
}

long sys_brk(uint32_t addr)
{
    struct mm *mm = current->mm;
    if (addr < mm->brk_start || addr > STACK_RESERVED)
        return mm->brk;
    uint32_t old_end = PAGE_ROUND_UP(mm->brk);
    uint32_t new_end = PAGE_ROUND_UP(addr);
    struct vma *heap = heap_vma(mm);

    if (new_end > old_end) {
        if (!heap_room(mm, old_end, new_end))
            return mm->brk;
        if (heap)
            heap->end = new_end;
        else if (!vma_add(mm, mm->brk_start, new_end, VM_READ | VM_WRITE | VM_HEAP, 0, 0, 0))
            return mm->brk;
    } else if (new_end < old_end) {
        pgtable_unmap_range(mm->pgdir, new_end, old_end - new_end);
        if (new_end == mm->brk_start)
            vma_remove(mm, heap);
        else
            heap->end = new_end;
    }
    mm->brk = addr;
    return addr;
}
