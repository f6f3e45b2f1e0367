/* mm.h: struct mm, one address space: its page directory (whose physical
 * address goes into CR3) and, as later parts arrive, its regions and brk. */
#ifndef MM_MM_H
#define MM_MM_H

#include <stdint.h>
#include "mm/pte.h"

struct vma;

struct mm {
    pde_t *pgdir;               /* kernel-virtual pointer to the page directory */
    uint32_t pgdir_phys;        /* what CR3 holds while this mm runs */
    struct vma *vmas;           /* regions, sorted by address */
    struct vma *vma_cache;      /* the region vma_find found last, or NULL */
    uint32_t brk_start;         /* the heap: [brk_start, brk) */
    uint32_t brk;
    struct mm *rmap_next;       /* the list of every address space (mm/rmap.c) */
    uint32_t def_flags;         /* VM_LOCKED after mlockall(MCL_FUTURE): new
                                   regions are locked */
};

/* Returns a new address space with an empty user half and the kernel half
 * of kernel_pgdir, or NULL when out of memory (nothing left allocated). */
struct mm *mm_create(void);

/* Frees the regions, the user half, its page tables, the page directory
 * and the mm. mm must not be the current address space. */
void mm_destroy(struct mm *mm);

/* Makes mm the current address space (loads CR3); NULL means the kernel's. */
void mm_switch(struct mm *mm);

/* fork: returns a copy of src sharing every private page copy-on-write
 * (both sides write-protected, each frame's count raised) and every
 * read-only page as it is; only page tables are copied. NULL when out of
 * memory, with nothing left allocated. */
struct mm *mm_copy(struct mm *src);

/* Counts the pages of mm's regions that are resident (present PTEs) and
 * in swap (swap entries). */
void mm_count_pages(struct mm *mm, uint32_t *resident, uint32_t *swapped);

#endif
