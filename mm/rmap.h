/* rmap.h: reverse mapping: for each frame, the list of user PTEs (page
 * directory and virtual address) that map it, so that page replacement
 * can unmap a frame that fork shares from every page table at once. */
#ifndef MM_RMAP_H
#define MM_RMAP_H

#include <stdint.h>
#include "mm/pte.h"

struct page;

struct rmap_item {
    pde_t *pgdir;
    uint32_t va;
    struct rmap_item *next;
};

/* Records that pgdir maps pg at va. Returns 0 or -ENOMEM. */
int rmap_add(struct page *pg, pde_t *pgdir, uint32_t va);

/* Forgets that pgdir maps pg at va; panics if it was never recorded
 * (a broken invariant: every user mapping of a frame is recorded). */
void rmap_remove(struct page *pg, pde_t *pgdir, uint32_t va);

/* How many PTEs map pg. */
uint32_t rmap_count(const struct page *pg);

#endif
