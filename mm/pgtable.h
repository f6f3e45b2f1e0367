/* pgtable.h: the two-level x86 page tables of one address space: walk,
 * map, unmap, protect, translate, destroy. TLB upkeep happens here: invlpg
 * when the page directory is the current one, nothing otherwise. */
#ifndef MM_PGTABLE_H
#define MM_PGTABLE_H

#include <stdbool.h>
#include <stdint.h>
#include "mm/frame.h"
#include "mm/layout.h"
#include "mm/pte.h"

struct page;

/* Frames for page tables and page directories (zeroed by the caller),
 * marked PG_PGTABLE and counted; NULL when none is free or page tables
 * already hold half of RAM (see mm/pgtable.c). pgtable_frame_count: how
 * many are in use (/proc/meminfo's PageTables). */
struct page *pgtable_frame_alloc(void);
void pgtable_frame_free(struct page *pg);
uint32_t pgtable_frame_count(void);

/* Returns the PTE for user address va, or NULL if its page table does not
 * exist and create is false or no frame is left for it. With create the
 * caller means to change the PTE: a missing table is made, and a table
 * shared since fork becomes this address space's own (pgtable_own). */
pte_t *pgtable_walk_slow(pde_t *pgdir, uint32_t va, bool create);
static inline pte_t *pgtable_walk(pde_t *pgdir, uint32_t va, bool create)
{
    /* Inline, the common case of every fault: a user address whose table
     * exists and is this address space's own (or is only read). */
    pde_t e = pgdir[PDX(va)];
    if (va < USER_TOP && (e & PTE_PRESENT) && ((e & PTE_WRITE) || !create))
        return (pte_t *)phys_to_virt(PTE_FRAME(e)) + PTX(va);
    return pgtable_walk_slow(pgdir, va, create);
}

/* Maps the page at user address va to the frame at phys with flags (PTE_*,
 * PRESENT added). The mapping takes over one reference the caller holds on
 * the frame. Returns 0, -ENOMEM (no frame for a page table) or -EEXIST
 * (va already has a non-zero PTE), leaving the page tables unchanged. */
int pgtable_map(pde_t *pgdir, uint32_t va, uint32_t phys, uint32_t flags);

/* pgtable_map for the PTE *pte of va that the caller has already found
 * (pgtable_walk with create) and seen empty (or holding a swap entry
 * whose slot reference the caller takes over): the fault path's, which
 * needs no second walk. Cannot fail. */
void pgtable_fill(uint32_t va, pte_t *pte, uint32_t phys, uint32_t flags);

/* pgtable_fill of the shared zero page (mm/zero_page.c, at phys), inline:
 * a read of untouched memory does nothing else, and the zero page is in
 * no reverse map, so the store is all there is. The caller took the
 * reference. */
static inline void pgtable_fill_zero(pte_t *pte, uint32_t phys, uint32_t flags)
{
    *pte = PTE_FRAME(phys) | (flags & PTE_FLAGS_MASK) | PTE_PRESENT;
}

/* Maps len bytes at va to the contiguous frames at phys, one reference
 * taken over per page. On failure nothing is left mapped and the caller
 * still owns every reference; returns as pgtable_map. */
int pgtable_map_range(pde_t *pgdir, uint32_t va, uint32_t phys, uint32_t len,
                      uint32_t flags);

/* Removes every mapping in [va, va+len): drops the frame's reference of a
 * present PTE, the slot's reference of a swap entry, and clears the PTE.
 * Page tables stay until destroy. */
void pgtable_unmap_range(pde_t *pgdir, uint32_t va, uint32_t len);

/* Moves every mapping and swap entry of [from, from+len) to the same
 * place in [to, to+len) (the ranges must not overlap, and the destination
 * must be empty): frames keep their references, the reverse map follows.
 * Returns 0; -ENOMEM (no frame for a page table) or -EBUSY (an anonymous
 * page or swap slot is still shared with another process since fork, and
 * so bound to its address) with nothing moved. */
int pgtable_move_range(pde_t *pgdir, uint32_t from, uint32_t to, uint32_t len);

/* May the page or swap entry at va move (as pgtable_move_range asks)? */
bool pgtable_can_move(pde_t *pgdir, uint32_t va);

/* Sets the protection bits (PTE_WRITE, PTE_USER) of every present page in
 * [va, va+len) to flags. */
void pgtable_protect_range(pde_t *pgdir, uint32_t va, uint32_t len, uint32_t flags);

/* Stores the physical address va maps to in *phys and returns 0, or
 * returns -EFAULT if va is not mapped. */
int pgtable_translate(pde_t *pgdir, uint32_t va, uint32_t *phys);

/* Page tables shared copy-on-write since fork (mm/pgtable_share.c).
 * pgtable_fork_table: fork gives dst the page table of src for the 4 MiB
 * at va (if src has one): shared, both PDEs read-only, or, if copy,
 * copied as pgtable_own would. The TLB is not flushed: the caller does it
 * once (pgtable_flush_all) after the last table. Returns 0, or -ENOMEM
 * (no frame for a copy).
 * pgtable_own: makes the table of va (its PDE read-only: shared since
 * fork) this address space's own: a copy of it if another still shares
 * it, else just writable again. Returns 0 or -ENOMEM.
 * pgtable_unshare_range: pgtable_own for every table of [va, va+len)
 * that needs it, before a caller changes PTEs there; 0 or -ENOMEM (the
 * tables done stay done, which changes nothing a process can see).
 * pgtable_shared: do other address spaces share the table of va? */
int pgtable_fork_table(pde_t *dst, pde_t *src, uint32_t va, bool copy);
int pgtable_own(pde_t *pgdir, uint32_t va);
int pgtable_unshare_range(pde_t *pgdir, uint32_t va, uint32_t len);
bool pgtable_shared(pde_t *pgdir, uint32_t va);

/* Flushes every user entry of the TLB if pgdir is the current one (one
 * CR3 reload, cheaper than an invlpg per page after a large change). */
void pgtable_flush_all(pde_t *pgdir);

/* Unmaps the whole user half and frees its page tables. */
void pgtable_destroy_user(pde_t *pgdir);

/* Makes the present PTE *pte (of va) map the frame at phys instead,
 * taking over the caller's reference on it and dropping the old frame's.
 * Returns 0, or -ENOMEM with nothing changed. */
int pgtable_replace(pde_t *pgdir, uint32_t va, pte_t *pte, uint32_t phys, uint32_t flags);

/* Removes the one mapping or swap entry *pte (of va), as unmap_range. */
void pgtable_unmap_one(pde_t *pgdir, uint32_t va, pte_t *pte);

/* Sets *pte to val and drops the TLB entry if pgdir is the current one.
 * The caller keeps the reverse map right (same frame, other bits). */
void pgtable_set(pde_t *pgdir, uint32_t va, pte_t *pte, pte_t val);

/* For mm/pgtable*.c: is pgdir the current page directory; the struct page
 * of a frame we manage, or NULL (device memory); are the mappings of pg
 * recorded in its reverse map (all but the zero page's: it is never
 * evicted, so nobody needs to find them)? */
bool pgtable_is_current(pde_t *pgdir);

static inline struct page *pgtable_managed(uint32_t phys)
{
    struct page *pg = phys_to_page(phys);
    return pg && !(pg->flags & PG_RESERVED) ? pg : 0;
}

static inline bool pgtable_rmapped(const struct page *pg)
{
    return pg && !(pg->flags & PG_ZERO);
}

#endif
