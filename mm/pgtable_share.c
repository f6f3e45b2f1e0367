/* pgtable_share.c: page tables shared copy-on-write between address
 * spaces since fork.
 *
 * fork does not copy a page table: the child's page directory entry
 * points at the parent's table, the table's frame counts every page
 * directory that points at it (struct page's count), and both PDEs lose
 * their write bit. The MMU then refuses every write through either of
 * them, whatever the PTEs say: a PDE's R/W bit limits all of its 4 MiB.
 * Nothing is done per page, so fork of a process with 64 MiB costs about
 * what fork of one with 1 MiB does: a PDE per 4 MiB.
 *
 * Whatever is about to change a PTE of such a table first makes the table
 * its address space's own (pgtable_own): a copy of it, in which each frame
 * gains a reference and a mapping, each swap slot a reference, and each
 * private writable page becomes read-only and copy-on-write in both
 * tables (mm/cow.c): what fork used to do for every page, now paid only
 * for the tables a process changes, once each. The fault handler does it
 * (pgtable_walk with create); munmap, mprotect, mremap, madvise and mlock
 * do it (pgtable_unshare_range) before they change anything. A table that
 * nobody else shares any more just gets its write bit back.
 *
 * Which pages become copy-on-write is read from the frame, not from the
 * region: a table spans regions of every kind. A writable PTE that maps an
 * anonymous frame is a private page; shared memory and shared file pages
 * are PG_SHM and PG_FILECACHE frames (a private mapping never maps those
 * writable), and stay writable, shared.
 *
 * Page replacement may change a shared table through any one of its
 * address spaces: a page swapped out, or its accessed bit cleared, is
 * right for all of them, since the table says the same to each. The
 * reverse map counts such a PTE once (mm/rmap.c). A table that overlaps a
 * locked region (mlock) is copied at fork instead of shared: locks are not
 * inherited, and mlock_page_locked must find the locked mapping itself.
 * Linux shares page tables only for huge shared file mappings; this kernel
 * does it for all, because a process that forks rarely writes most of
 * its memory before it exits or execs. */
#include "mm/pgtable.h"
#include "kernel/errno.h"
#include "mm/frame.h"
#include "mm/mmu.h"
#include "mm/page_data.h"
#include "mm/rmap.h"
#include "mm/swap_map.h"

/* Copies the PTEs of table `from` (the 4 MiB at base) into the empty table
 * `to`: a frame gains a reference and a mapping, a swap slot a reference;
 * a writable anonymous page becomes copy-on-write in both tables. */
static void copy_table(pte_t *to, pte_t *from, uint32_t base)
{
    for (uint32_t i = 0; i < PT_ENTRIES; i++) {
        pte_t e = from[i];
        if (pte_none(e))
            continue;
        if (pte_is_swap(e)) {
            swap_entry_dup(pte_swap_slot(e));
        } else {
            struct page *pg = pgtable_managed(PTE_FRAME(e));
            if (pg)
                page_get(pg);
            if (pgtable_rmapped(pg)) {
                if ((e & PTE_WRITE) && !(pg->flags & (PG_FILECACHE | PG_SHM)))
                    from[i] = e = (e & ~PTE_WRITE) | PTE_COW;
                rmap_add(pg, base + i * PAGE_SIZE);
            }
        }
        to[i] = e;
    }
}

/* A new table for pgdir's PDE of va, copied from `from`; -ENOMEM if no
 * frame is left for it. */
static int copy_into(pde_t *pgdir, uint32_t va, pte_t *from)
{
    struct page *pg = pgtable_frame_alloc();
    if (!pg)
        return -ENOMEM;
    pte_t *to = page_to_virt(pg);
    page_zero(to);
    copy_table(to, from, va & ~(PDE_SPAN - 1));
    pgdir[PDX(va)] = page_to_phys(pg) | PTE_USER | PTE_WRITE | PTE_PRESENT;
    return 0;
}

int pgtable_fork_table(pde_t *dst, pde_t *src, uint32_t va, bool copy)
{
    pde_t e = src[PDX(va)];
    if (!(e & PTE_PRESENT))
        return 0;
    if (copy)
        return copy_into(dst, va, phys_to_virt(PTE_FRAME(e)));
    src[PDX(va)] = dst[PDX(va)] = e & ~PTE_WRITE;
    phys_to_page(PTE_FRAME(e))->count++;
    return 0;
}

int pgtable_own(pde_t *pgdir, uint32_t va)
{
    pde_t e = pgdir[PDX(va)];
    struct page *table = phys_to_page(PTE_FRAME(e));
    if (table->count > 1) {
        if (copy_into(pgdir, va, phys_to_virt(PTE_FRAME(e))) < 0)
            return -ENOMEM;
        table->count--;                 /* the others' still */
    } else {
        pgdir[PDX(va)] = e | PTE_WRITE;
    }
    /* The TLB may hold read-only entries of the old table, and the PDE of
     * a table that another address space will free: forget them all. */
    pgtable_flush_all(pgdir);
    return 0;
}

int pgtable_unshare_range(pde_t *pgdir, uint32_t va, uint32_t len)
{
    for (uint32_t pdx = PDX(va); len && pdx <= PDX(va + len - 1); pdx++) {
        pde_t e = pgdir[pdx];
        if ((e & PTE_PRESENT) && !(e & PTE_WRITE) && pgtable_own(pgdir, pdx * PDE_SPAN) < 0)
            return -ENOMEM;
    }
    return 0;
}

bool pgtable_shared(pde_t *pgdir, uint32_t va)
{
    pde_t e = pgdir[PDX(va)];
    return (e & PTE_PRESENT) && phys_to_page(PTE_FRAME(e))->count > 1;
}
