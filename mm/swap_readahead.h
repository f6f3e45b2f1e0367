/* swap_readahead.h: bringing a swapped-out page back together with the
 * neighbours of its region that sit next to it on the disk. */
#ifndef MM_SWAP_READAHEAD_H
#define MM_SWAP_READAHEAD_H

#include <stdint.h>
#include "mm/pte.h"

struct mm;
struct page;
struct vma;

/* Counters for /proc/vmstat: pages read ahead, and faults that found a
 * page read ahead in the swap cache (each such page counts once). */
extern uint32_t swap_ra, swap_ra_hit;

/* A fault found a page read ahead (PG_READAHEAD) in the swap cache. */
void swap_readahead_hit(void);

/* The PTE of page (in region v of mm) holds the swap entry of slot, which
 * is not in the swap cache; pg is a fresh frame for it. Puts pg in the swap
 * cache for slot, and with it (without sleeping to get frames) the pages
 * of this region within the same aligned window of up to SWAP_CLUSTER_MAX
 * pages (fewer when recent readahead was not used) whose slots continue
 * slot's run on the disk; reads them all with one
 * request (sleeping), marks the neighbours PG_READAHEAD and leaves them in
 * the swap cache, unmapped: their own faults map them. Consumes the
 * caller's reference on pg. Returns 0, or -EIO (nothing read is kept). */
int swap_readahead(struct mm *mm, const struct vma *v, uint32_t page, uint32_t slot,
                   struct page *pg);

#endif
