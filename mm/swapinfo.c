/* swapinfo.c: the swap numbers /proc shows, for a kernel with no swap area
 * yet: all zero. The swap area (mm/swap.c, when it arrives) fills these in
 * from its slot map and its counters, and this file goes. */
#include "mm/swapinfo.h"

void swap_get_stats(uint32_t *total_pages, uint32_t *free_pages)
{
    *total_pages = 0;
    *free_pages = 0;
}

uint32_t swap_pswpin(void)
{
    return 0;
}

uint32_t swap_pswpout(void)
{
    return 0;
}
