/* swap_readahead.c: swap-in readahead. A process that goes through its
 * memory in order faults on one swapped page after another, and reading
 * each with its own disk request costs far more than the data: so the
 * fault that reads a page also reads the neighbours that will fault next.
 *
 * Which neighbours: pages of the same region of the same process (their
 * PTEs hold swap entries) within the aligned window around the fault (up
 * to SWAP_CLUSTER_MAX pages, as window_pages says), whose slots extend the faulting slot's run of
 * consecutive slots, so that one request reads them all. Reclaim writes
 * what it evicts in such runs, so pages evicted together come back
 * together. Nothing of another region or process is read, and nothing is
 * mapped here: the pages wait in the swap cache, unmapped, for their own
 * faults (counted as swap_ra_hit), or for page replacement, which drops
 * them without a write (their copy on disk is good). Readahead takes only
 * frames that are free (fault_swap_in makes room first), never the
 * kernel's reserve. Linux reads ahead
 * around the faulting address the same way (its VMA-based readahead). */
#include "mm/swap_readahead.h"
#include "kernel/sched.h"
#include "mm/frame.h"
#include "mm/layout.h"
#include "mm/mm.h"
#include "mm/pgtable.h"
#include "mm/reclaim.h"
#include "mm/swap.h"
#include "mm/swap_map.h"
#include "mm/vma.h"

uint32_t swap_ra, swap_ra_hit;

/* How far to read ahead adapts to how useful it was, as in Linux
 * (swapin_nr_pages): hits since the last swap-in read, plus two, rounded
 * up to a power of two, at most SWAP_CLUSTER_MAX; with no hit, one page
 * unless this slot follows the last one read (sequential); and never
 * less than half the last window, so that it shrinks gently. Random
 * access thus reads one page per fault, sequential access sixteen. */
static uint32_t recent_hits, last_window = 1, last_slot;

void swap_readahead_hit(void)
{
    swap_ra_hit++;
    recent_hits++;
}

static uint32_t window_pages(uint32_t slot)
{
    uint32_t pages = recent_hits + 2;
    recent_hits = 0;
    if (pages == 2) {
        if (slot != last_slot + 1 && slot + 1 != last_slot)
            pages = 1;
    } else {
        uint32_t up = 4;
        while (up < pages)
            up <<= 1;
        pages = up;
    }
    if (pages > SWAP_CLUSTER_MAX)
        pages = SWAP_CLUSTER_MAX;
    if (pages < last_window / 2)
        pages = last_window / 2;
    last_window = pages;
    last_slot = slot;
    return pages;
}

/* The slot that the PTE of va holds, if it is a swap entry not in the swap
 * cache; else 0. */
static uint32_t uncached_slot(struct mm *mm, uint32_t va)
{
    pte_t *pte = pgtable_walk(mm->pgdir, va, false);
    if (!pte || !pte_is_swap(*pte))
        return 0;
    uint32_t slot = pte_swap_slot(*pte);
    return swap_cache_find(slot) ? 0 : slot;
}

/* Does a page of [lo, hi) in mm hold a swap entry of `slot`? */
static int window_holds(struct mm *mm, uint32_t lo, uint32_t hi, uint32_t slot)
{
    for (uint32_t va = lo; va < hi; va += PAGE_SIZE)
        if (uncached_slot(mm, va) == slot)
            return 1;
    return 0;
}

int swap_readahead(struct mm *mm, const struct vma *v, uint32_t page, uint32_t slot,
                   struct page *pg)
{
    const uint32_t max = window_pages(slot), span = max * PAGE_SIZE;
    uint32_t lo = page - page % span, hi = lo + span;
    lo = lo < v->start ? v->start : lo;
    hi = hi > v->end ? v->end : hi;
    /* The run around slot: extend down, then up, while the window holds
     * the next slot and a frame is free without eviction. */
    uint32_t first = slot, n = 1;
    struct page *pages[SWAP_CLUSTER_MAX];
    while (n < max && first > 1 && window_holds(mm, lo, hi, first - 1))
        first--, n++;
    while (n < max && window_holds(mm, lo, hi, first + n))
        n++;
    /* Frames for the neighbours, as many as are free; with fewer, a
     * shorter run that still holds slot, ahead of it where it can. */
    struct page *spare[SWAP_CLUSTER_MAX];
    uint32_t k = 0;
    while (k + 1 < n && frame_free_count() > RECLAIM_RESERVE + SWAP_CLUSTER_MAX &&
           (spare[k] = frame_alloc()) != 0)
        k++;
    if (k + 1 < n) {
        uint32_t start = slot + k + 1 <= first + n ? slot : first + n - (k + 1);
        first = start;
        n = k + 1;
    }
    uint32_t got = 0;
    for (uint32_t s = first; s < first + n; s++) {
        struct page *f = s == slot ? pg : spare[--k];
        swap_cache_add(s, f);
        f->flags |= PG_LOCKED | (s == slot ? 0 : PG_READAHEAD);
        pages[got++] = f;
    }
    int err = swap_read_pages(pages[0]->index, pages, got);
    for (uint32_t i = 0; i < got; i++) {
        struct page *f = pages[i];
        f->flags &= ~PG_LOCKED;
        if (err < 0) {
            f->flags &= ~PG_READAHEAD;
            swap_cache_remove(f);           /* nobody may map what was not read */
        }
        wakeup(f);
        swap_ra += err == 0 && f != pg;
        page_put(f);                        /* the cache keeps it, if read */
        if (err == 0)
            swap_cache_trim(f);             /* its PTE may have gone meanwhile */
    }
    return err;
}
