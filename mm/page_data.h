/* page_data.h: clearing and copying whole 4 KiB frames, the two jobs that
 * dominate a first-touch fault and a copy-on-write fault. Kept apart from
 * memset/memcpy (kernel/string.c), which serve any size and alignment. */
#ifndef MM_PAGE_DATA_H
#define MM_PAGE_DATA_H

/* Fills the page-aligned 4 KiB at dst with zeros. */
void page_zero(void *dst);

/* Copies the page-aligned 4 KiB at src to the page-aligned 4 KiB at dst
 * (the two do not overlap). */
void page_copy(void *dst, const void *src);

#endif
