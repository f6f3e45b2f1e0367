/* swap.h: the swap area: a disk that mkswap formatted, found at boot,
 * written and read in runs of consecutive slots (one disk request each). */
#ifndef MM_SWAP_H
#define MM_SWAP_H

#include <stdint.h>

struct page;

/* Looks at every block device and uses the first whose first page carries
 * the Linux swap signature ("SWAPSPACE2", version 1). Never writes to a
 * disk without it. Prints what it found. */
void swap_init(void);

/* Is there a swap area? */
int swap_enabled(void);

/* Writes / reads pg to / from slot. The caller has set PG_LOCKED on pg;
 * these sleep while the disk works. Return 0 or -EIO. */
int swap_write(uint32_t slot, struct page *pg);
int swap_read(uint32_t slot, struct page *pg);

/* Writes the n pages to the consecutive slots from slot on, in requests of
 * up to SWAP_CLUSTER_MAX pages (one disk command each). The caller has
 * set PG_LOCKED on every page; sleeps. Returns 0 or -EIO (then any of
 * the slots may or may not hold its page). */
#define SWAP_CLUSTER_MAX 16
int swap_write_pages(uint32_t slot, struct page *const *pages, uint32_t n);

/* Reads the consecutive slots from slot on into the n (at most
 * SWAP_CLUSTER_MAX) pages, in one disk request. The caller has set
 * PG_LOCKED on every page; sleeps. Returns 0, -EINVAL, or -EIO (then any
 * of the pages may hold part of its data). */
int swap_read_pages(uint32_t slot, struct page *const *pages, uint32_t n);

/* For /proc/meminfo and /proc/vmstat: slots (pages) in all and free, and
 * pages read from and written to swap since boot. */
void swap_get_stats(uint32_t *total_pages, uint32_t *free_pages);
uint32_t swap_pswpin(void);
uint32_t swap_pswpout(void);

#endif
