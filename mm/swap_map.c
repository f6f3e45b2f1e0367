/* swap_map.c: swap slot accounting and the swap cache. For each slot: the
 * number of PTEs holding its swap entry, and the frame cached for it (or
 * NULL). A slot is free when both are zero and it is not reserved.
 *
 * Finding free slots: the slots are grouped in clusters of CLUSTER (16,
 * what reclaim writes in one request). Each cluster counts its free slots,
 * and sits in the list (bucket) of the clusters with that many free slots.
 * A run for swap-out comes from the cluster with the most free slots (a
 * wholly free one if there is any): found in O(CLUSTER) whatever the size
 * of the disk and however fragmented it is, where a scan of the slot map
 * would cost O(slots) per eviction once random frees have left no long
 * run. A single slot comes from the cluster with the fewest, which keeps
 * whole clusters for runs. (Linux keeps free and partly free swap
 * clusters in lists for the same reason.) */
#include "mm/swap_map.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/string.h"
#include "mm/frame.h"
#include "mm/kmalloc.h"

#define SLOT_RESERVED 0xFFFF    /* the header and bad slots */
#define CLUSTER 16              /* slots per cluster */
#define NONE 0xFFFFFFFFu        /* the end of a bucket list */

static uint16_t *counts;        /* PTEs per slot, or SLOT_RESERVED */
static struct page **cache;     /* the frame cached for each slot */
static uint32_t nslots, nusable, nfree;
static uint32_t ncached;                /* frames in the swap cache */

/* Clusters: cluster c holds slots [c * CLUSTER, (c + 1) * CLUSTER). */
static uint8_t *cfree;          /* free slots of each cluster */
static uint32_t *cnext, *cprev; /* its neighbours in its bucket's list */
static uint32_t bucket[CLUSTER + 1];    /* first cluster with k free slots */

static void bucket_insert(uint32_t c)
{
    uint32_t k = cfree[c];
    cprev[c] = NONE;
    cnext[c] = bucket[k];
    if (bucket[k] != NONE)
        cprev[bucket[k]] = c;
    bucket[k] = c;
}

static void bucket_remove(uint32_t c)
{
    if (cprev[c] != NONE)
        cnext[cprev[c]] = cnext[c];
    else
        bucket[cfree[c]] = cnext[c];
    if (cnext[c] != NONE)
        cprev[cnext[c]] = cprev[c];
}

/* A slot became free (delta +1) or stopped being free (-1). */
static void slot_changed(uint32_t slot, int delta)
{
    uint32_t c = slot / CLUSTER;
    bucket_remove(c);
    cfree[c] = (uint8_t)(cfree[c] + delta);
    bucket_insert(c);
    nfree += delta;
}

static void free_arrays(void)
{
    kfree(counts);
    kfree(cache);
    kfree(cfree);
    kfree(cnext);
    kfree(cprev);
    counts = 0;
    cache = 0;
    cfree = 0;
    cnext = cprev = 0;
}

static int slot_is_free(uint32_t slot)
{
    return counts[slot] == 0 && !cache[slot];
}

int swap_map_init(uint32_t n, const uint32_t *bad, uint32_t nbad)
{
    free_arrays();
    nslots = nusable = nfree = 0;
    if (n < 2)
        return 0;
    uint32_t nclusters = (n + CLUSTER - 1) / CLUSTER;
    counts = kzalloc(n * sizeof counts[0]);
    cache = kzalloc(n * sizeof cache[0]);
    cfree = kzalloc(nclusters * sizeof cfree[0]);
    cnext = kmalloc(nclusters * sizeof cnext[0]);
    cprev = kmalloc(nclusters * sizeof cprev[0]);
    if (!counts || !cache || !cfree || !cnext || !cprev) {
        free_arrays();
        return -ENOMEM;
    }
    nslots = n;
    counts[0] = SLOT_RESERVED;
    nusable = n - 1;
    for (uint32_t i = 0; i < nbad; i++) {
        if (bad[i] > 0 && bad[i] < n && counts[bad[i]] != SLOT_RESERVED) {
            counts[bad[i]] = SLOT_RESERVED;
            nusable--;
        }
    }
    nfree = nusable;
    for (uint32_t k = 0; k <= CLUSTER; k++)
        bucket[k] = NONE;
    for (uint32_t slot = 0; slot < n; slot++)
        cfree[slot / CLUSTER] += counts[slot] == 0;
    for (uint32_t c = 0; c < nclusters; c++)
        bucket_insert(c);
    return 0;
}

/* The first of the longest run of free slots in cluster c; *len its length. */
static uint32_t longest_run(uint32_t c, uint32_t *len)
{
    uint32_t best = 0, best_len = 0, run = 0;
    uint32_t end = (c + 1) * CLUSTER < nslots ? (c + 1) * CLUSTER : nslots;
    for (uint32_t slot = c * CLUSTER; slot < end; slot++) {
        run = slot_is_free(slot) ? run + 1 : 0;
        if (run > best_len) {
            best_len = run;
            best = slot + 1 - run;
        }
    }
    *len = best_len;
    return best;
}

uint32_t swap_slot_alloc(void)
{
    for (uint32_t k = 1; k <= CLUSTER; k++) {
        if (bucket[k] == NONE)
            continue;
        uint32_t len;
        return longest_run(bucket[k], &len);
    }
    return 0;
}

uint32_t swap_slot_alloc_run(uint32_t want, uint32_t *got)
{
    *got = 0;
    if (want == 0)
        return 0;
    for (uint32_t k = CLUSTER; k >= 1; k--) {
        if (bucket[k] == NONE)
            continue;
        uint32_t len, first = longest_run(bucket[k], &len);
        *got = len < want ? len : want;
        return first;
    }
    return 0;
}

int swap_slot_is_free(uint32_t slot)
{
    return slot > 0 && slot < nslots && slot_is_free(slot);
}

static void check_slot(uint32_t slot, const char *what)
{
    if (slot == 0 || slot >= nslots || counts[slot] == SLOT_RESERVED)
        panic("%s: bad swap slot %u", what, slot);
}

void swap_entry_dup(uint32_t slot)
{
    check_slot(slot, "swap_entry_dup");
    if (slot_is_free(slot))
        slot_changed(slot, -1);
    counts[slot]++;
}

void swap_entry_put(uint32_t slot)
{
    check_slot(slot, "swap_entry_put");
    if (counts[slot] == 0)
        panic("swap_entry_put: slot %u has no reference to drop", slot);
    counts[slot]--;
    if (cache[slot])
        swap_cache_trim(cache[slot]);
    else if (counts[slot] == 0)
        slot_changed(slot, +1);
}

uint32_t swap_entry_count(uint32_t slot)
{
    check_slot(slot, "swap_entry_count");
    return counts[slot];
}

void swap_cache_add(uint32_t slot, struct page *pg)
{
    check_slot(slot, "swap_cache_add");
    if (cache[slot])
        panic("swap_cache_add: slot %u already caches a frame", slot);
    if (slot_is_free(slot))
        slot_changed(slot, -1);
    cache[slot] = pg;
    ncached++;
    pg->flags |= PG_SWAPCACHE;
    pg->index = slot;
    page_get(pg);
}

struct page *swap_cache_find(uint32_t slot)
{
    check_slot(slot, "swap_cache_find");
    return cache[slot];
}

void swap_cache_remove(struct page *pg)
{
    uint32_t slot = pg->index;
    if (!(pg->flags & PG_SWAPCACHE) || cache[slot] != pg)
        panic("swap_cache_remove: frame %p is not in the swap cache", (void *)page_to_phys(pg));
    cache[slot] = 0;
    ncached--;
    pg->flags &= ~(PG_SWAPCACHE | PG_SWAPBAD | PG_READAHEAD);
    if (counts[slot] == 0)
        slot_changed(slot, +1);
    page_put(pg);
}

void swap_cache_trim(struct page *pg)
{
    if (counts[pg->index] == 0 && !(pg->flags & PG_LOCKED) && !pg->mapcount)
        swap_cache_remove(pg);
}

uint32_t swap_cache_count(void)
{
    return ncached;
}

uint32_t swap_slots_total(void)
{
    return nusable;
}

uint32_t swap_slots_free(void)
{
    return nfree;
}
