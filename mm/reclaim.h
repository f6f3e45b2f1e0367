/* reclaim.h: page replacement and running out of memory. */
#ifndef MM_RECLAIM_H
#define MM_RECLAIM_H

#include <stdint.h>

struct page;

/* A frame for a user page (count 1). When free frames run low it first
 * evicts pages (which may sleep while swap is written); when nothing can
 * be evicted it kills the process using the most memory (saying so on the
 * console) and waits for it to go. Returns NULL only when the process to
 * kill is the caller, which must then die. The last RECLAIM_RESERVE
 * frames are kept for the kernel (page tables, kernel heap). */
struct page *page_alloc_user(void);

/* Evicts up to want pages with the clock (second chance) algorithm;
 * returns how many frames it freed. May sleep. */
uint32_t reclaim_pages(uint32_t want);

#define RECLAIM_RESERVE 24      /* frames only the kernel may take */
#define RECLAIM_LOW 48          /* below this many free frames, evict */
#define RECLAIM_BATCH 32        /* pages evicted per round */
#define RECLAIM_MIN_EVICTABLE 16        /* fewer pages that could be evicted,
                                           and memory counts as exhausted */

struct reclaim_stats {
    uint32_t scanned;           /* frames the clock hand passed */
    uint32_t evicted_file;      /* clean file pages dropped */
    uint32_t evicted_anon;      /* anonymous pages sent to swap */
    uint32_t oom_kills;
};
extern struct reclaim_stats reclaim_stats;

#endif
