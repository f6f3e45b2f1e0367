/* zero_page.h: the one shared frame of zeros that every read of untouched
 * anonymous memory maps (Linux's ZERO_PAGE). */
#ifndef MM_ZERO_PAGE_H
#define MM_ZERO_PAGE_H

#include <stdbool.h>
#include <stdint.h>
#include "mm/frame.h"

extern struct page *zero_page;

/* Takes a frame for the zero page and clears it; panics if there is none
 * (right after frame_init there always is). */
void zero_page_init(void);

static inline bool page_is_zero(const struct page *pg)
{
    return pg->flags & PG_ZERO;
}

/* How many PTEs map the zero page now (its count less the kernel's own
 * reference): for /proc/vmstat's nr_zero_page. */
uint32_t zero_page_mapped(void);

#endif
