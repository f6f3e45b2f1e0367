/* brk.c: growing and shrinking the heap. The heap is the range from
 * mm->brk_start (page-aligned, after bss) to the page holding the break,
 * as in Linux: brk works on that range of addresses, not on one region,
 * because munmap, mprotect or a MAP_FIXED mapping may have cut the heap's
 * region into pieces or holes. Growing adds a heap region (or extends the
 * one ending at the old break) over the new pages, which must be free;
 * shrinking unmaps whatever lies in the pages given back. Pages are
 * zero-filled on first touch like any anonymous page. */
#include "mm/brk.h"
#include "kernel/errno.h"
#include "kernel/proc.h"
#include "kernel/rlimit.h"
#include "mm/fault.h"
#include "mm/layout.h"
#include "mm/mm.h"
#include "mm/urange.h"
#include "mm/vma.h"

#define HEAP_FLAGS (VM_READ | VM_WRITE | VM_HEAP)

/* Maps [old_end, new_end) as heap: extends the plain heap region that
 * ends at old_end, or adds one. The range must be free. Returns 0 or
 * -ENOMEM. */
static int heap_grow(struct mm *mm, uint32_t old_end, uint32_t new_end)
{
    uint32_t flags = HEAP_FLAGS | mm->def_flags;        /* locked after mlockall */
    struct vma *below = old_end > 0 ? vma_find(mm, old_end - 1) : 0;
    if (below && below->end == old_end && below->flags == flags && !below->file &&
        !below->shm) {
        below->end = new_end;
    } else if (!vma_add(mm, old_end, new_end, flags, 0, 0, 0)) {
        return -ENOMEM;
    }
    if (flags & VM_LOCKED)
        fault_populate(mm, old_end, new_end);   /* what it cannot have faults later */
    return 0;
}

long mm_brk(struct mm *mm, uint32_t addr)
{
    struct urange r;
    if (addr < mm->brk_start || addr > STACK_RESERVED ||
        urange_check(mm->brk_start, addr - mm->brk_start, URANGE_ALIGNED | URANGE_EMPTY_OK,
                     -ENOMEM, &r) < 0)
        return mm->brk;
    uint32_t old_end = PAGE_ROUND_UP(mm->brk);
    uint32_t new_end = r.end;
    if (new_end > old_end) {
        struct vma *next = vma_find_above(mm, old_end);
        if (next && next->start < new_end)
            return mm->brk;             /* something is mapped there */
        if (!rlimit_vm_ok(mm, new_end - old_end, HEAP_FLAGS) ||
            heap_grow(mm, old_end, new_end) < 0)
            return mm->brk;
    } else if (new_end < old_end && vma_unmap(mm, new_end, old_end) < 0) {
        return mm->brk;
    }
    mm->brk = addr;
    return addr;
}

long sys_brk(uint32_t addr)
{
    long brk = mm_brk(current->mm, addr);
    vma_verify(current->mm, "brk");
    return brk;
}
