/* swap_map.h: the bookkeeping of swap slots: which are free, how many
 * PTEs hold each (fork duplicates swap entries), and the swap cache, which
 * ties a slot to the frame holding its page while the page is being
 * written or read, or is shared by PTEs of which only some swapped it in.
 * No I/O here (that is mm/swap.c), so the host tests can run it. */
#ifndef MM_SWAP_MAP_H
#define MM_SWAP_MAP_H

#include <stdint.h>

struct page;

/* Sets up nslots slots; slot 0 (the swap header) and the listed bad
 * slots are never used. Returns 0 or -ENOMEM. nslots 0: no swap. */
int swap_map_init(uint32_t nslots, const uint32_t *bad, uint32_t nbad);

/* A free slot (no PTE holds it, no frame is cached for it), or 0 if the
 * swap area is full or absent; from the cluster of 16 slots with the
 * fewest free ones. The caller puts a frame in the swap cache for it
 * (swap_cache_add) before anything else can take it. O(1). */
uint32_t swap_slot_alloc(void);
/* The first of *got (1..want) consecutive free slots: the longest run in
 * the cluster of 16 slots with the most free ones (a wholly free cluster
 * if there is one), so *got <= 16; 0 (*got 0) if none is free. O(1).
 * Like swap_slot_alloc, the slots stay free until the caller puts frames
 * in the swap cache for them. */
uint32_t swap_slot_alloc_run(uint32_t want, uint32_t *got);
/* Is slot a usable slot that no PTE holds and no frame is cached for? */
int swap_slot_is_free(uint32_t slot);

/* A PTE starts / stops holding the swap entry of slot. When the last PTE
 * lets go and no I/O is in progress, the cached frame (if any) leaves the
 * swap cache and the slot is free again. */
void swap_entry_dup(uint32_t slot);
void swap_entry_put(uint32_t slot);
/* How many PTEs hold slot. */
uint32_t swap_entry_count(uint32_t slot);

/* Puts pg in the swap cache for slot (taking a reference on pg). */
void swap_cache_add(uint32_t slot, struct page *pg);
/* The frame cached for slot, or NULL. */
struct page *swap_cache_find(uint32_t slot);
/* Takes pg out of the swap cache (dropping the cache's reference). */
void swap_cache_remove(struct page *pg);
/* If no PTE holds pg's slot any more, no I/O is in progress on pg and no
 * PTE maps pg (a clean page kept in the cache while mapped read-only),
 * drops pg from the cache: the slot becomes free. */
void swap_cache_trim(struct page *pg);
/* Frames in the swap cache: each also holds its slot (/proc/meminfo's
 * SwapCached). */
uint32_t swap_cache_count(void);

uint32_t swap_slots_total(void);        /* usable slots */
uint32_t swap_slots_free(void);

#endif
