/* swapinfo.h: what the swap area reports to /proc (meminfo's SwapTotal and
 * SwapFree, vmstat's pswpin and pswpout). mm/swapinfo.c answers for a
 * kernel without a swap area; the swap code takes these over. */
#ifndef MM_SWAPINFO_H
#define MM_SWAPINFO_H

#include <stdint.h>

/* Slots (pages) of the swap area in *total_pages, unused ones in
 * *free_pages; 0 and 0 without a swap area. */
void swap_get_stats(uint32_t *total_pages, uint32_t *free_pages);

/* Pages read back from swap since boot. */
uint32_t swap_pswpin(void);

/* Pages written out to swap since boot. */
uint32_t swap_pswpout(void);

#endif
