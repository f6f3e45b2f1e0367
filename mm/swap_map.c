/* swap_map.c: swap slot accounting and the swap cache. For each slot: the
 * number of PTEs holding its swap entry, and the frame cached for it (or
 * NULL). A slot is free when both are zero and it is not reserved. */
#include "mm/swap_map.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/string.h"
#include "mm/frame.h"
#include "mm/kmalloc.h"

#define SLOT_RESERVED 0xFFFF    /* the header and bad slots */

static uint16_t *counts;        /* PTEs per slot, or SLOT_RESERVED */
static struct page **cache;     /* the frame cached for each slot */
static uint32_t nslots, nusable, nfree, cursor;

int swap_map_init(uint32_t n, const uint32_t *bad, uint32_t nbad)
{
    kfree(counts);
    kfree(cache);
    counts = 0;
    cache = 0;
    nslots = nusable = nfree = 0;
    if (n < 2)
        return 0;
    counts = kzalloc(n * sizeof counts[0]);
    cache = kzalloc(n * sizeof cache[0]);
    if (!counts || !cache) {
        kfree(counts);
        kfree(cache);
        counts = 0;
        cache = 0;
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
    cursor = 1;
    return 0;
}

static int slot_is_free(uint32_t slot)
{
    return counts[slot] == 0 && !cache[slot];
}

uint32_t swap_slot_alloc(void)
{
    if (nfree == 0)
        return 0;
    for (uint32_t i = 0; i < nslots; i++) {
        uint32_t slot = cursor;
        cursor = cursor + 1 < nslots ? cursor + 1 : 1;
        if (slot_is_free(slot))
            return slot;
    }
    return 0;
}

uint32_t swap_slot_alloc_run(uint32_t want, uint32_t *got)
{
    uint32_t best = 0, best_len = 0, len = 0, slot = cursor;
    *got = 0;
    if (nfree == 0 || want == 0)
        return 0;
    for (uint32_t i = 0; i < nslots && best_len < want; i++) {
        len = slot_is_free(slot) ? len + 1 : 0;
        if (len > best_len) {
            best_len = len;
            best = slot + 1 - len;
        }
        if (++slot == nslots) {
            slot = 1;                   /* a run does not wrap around */
            len = 0;
        }
    }
    if (best_len == 0)
        return 0;
    cursor = best + best_len < nslots ? best + best_len : 1;
    *got = best_len;
    return best;
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
        nfree--;
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
        nfree++;
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
        nfree--;
    cache[slot] = pg;
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
    pg->flags &= ~(PG_SWAPCACHE | PG_SWAPBAD);
    if (counts[slot] == 0)
        nfree++;
    page_put(pg);
}

void swap_cache_trim(struct page *pg)
{
    if (counts[pg->index] == 0 && !(pg->flags & PG_LOCKED))
        swap_cache_remove(pg);
}

uint32_t swap_slots_total(void)
{
    return nusable;
}

uint32_t swap_slots_free(void)
{
    return nfree;
}
