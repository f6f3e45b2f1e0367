/* rmap.h: reverse mapping: from a frame to the user PTEs that map it, so
 * that page replacement can unmap a frame that fork shares from every
 * page table at once. A frame counts its mappings (mapcount); the PTEs
 * themselves are found through the address spaces and regions that can
 * hold the frame (mm/rmap.c says how and why). */
#ifndef MM_RMAP_H
#define MM_RMAP_H

#include <stdbool.h>
#include <stdint.h>
#include "mm/frame.h"
#include "mm/pte.h"

struct mm;

/* Every address space, for rmap_walk: mm_create adds, mm_destroy removes. */
void rmap_add_mm(struct mm *mm);
void rmap_remove_mm(struct mm *mm);

/* Out of line for rmap_add and rmap_remove: panics, saying what is wrong. */
void rmap_bad(const struct page *pg, uint32_t va);

/* A PTE at va starts / stops mapping pg (never the zero page). An
 * anonymous frame (not in the page cache, not shared memory) is mapped at
 * one address in every address space that maps it: the first mapping
 * records it, and rmap_add panics if another address is given. Inline:
 * fork and exit do this for every page of a process. */
static inline void rmap_add(struct page *pg, uint32_t va)
{
    if (!(pg->flags & (PG_FILECACHE | PG_SHM))) {
        if (pg->mapcount == 0)
            pg->va = va;
        else if (pg->va != va)
            rmap_bad(pg, va);
    }
    pg->mapcount++;
}

static inline void rmap_remove(struct page *pg)
{
    if (pg->mapcount == 0)
        rmap_bad(pg, 0);
    pg->mapcount--;
}

/* mremap: can the one PTE of this process that maps pg move to another
 * address? A page-cache or shared-memory frame can (it is found through
 * its region, which moves with it), and an anonymous frame mapped only
 * there and not in the swap cache; an anonymous frame still shared with
 * another process since fork cannot: it has one address everywhere. */
bool rmap_movable(const struct page *pg);

/* The PTE that maps pg moved to new_va (rmap_movable said it may). */
void rmap_move(struct page *pg, uint32_t new_va);

/* How many PTEs map pg. */
static inline uint32_t rmap_count(const struct page *pg)
{
    return pg->mapcount;
}

/* Calls fn(mm, va, pte, arg) for each of the PTEs that map pg (present,
 * naming pg's frame), until they are all seen or fn returns false. fn may
 * change or clear the PTE (and then calls rmap_remove). Panics if fewer
 * PTEs are found than pg counts. */
typedef bool (*rmap_fn)(struct mm *mm, uint32_t va, pte_t *pte, void *arg);
void rmap_walk(struct page *pg, rmap_fn fn, void *arg);

#endif
