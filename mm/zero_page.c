/* zero_page.c: the shared zero page. A first touch of anonymous private
 * memory that only reads does not need a frame of its own: mm/fault.c maps
 * this one frame of zeros instead, read-only (and copy-on-write when the
 * region is writable), so reading a large untouched array costs neither
 * frames nor the clearing of them. The first write to such a page is a
 * copy-on-write fault: mm/cow.c gives the page a private cleared frame.
 *
 * The frame carries PG_ZERO. Its count is the kernel's own reference plus
 * one per PTE that maps it (mapping takes one, unmapping drops one), so it
 * never reaches zero and is never freed; it is in no reverse map, so page
 * replacement never chooses it (nothing to swap: it is all zeros); no PTE
 * ever maps it writable, so it stays zero. */
#include "mm/zero_page.h"
#include "kernel/printk.h"
#include "mm/page_data.h"

struct page *zero_page;

void zero_page_init(void)
{
    struct page *pg = frame_alloc();
    if (!pg)
        panic("zero_page_init: no frame for the zero page");
    page_zero(page_to_virt(pg));
    pg->flags |= PG_ZERO;
    zero_page = pg;
}

uint32_t zero_page_mapped(void)
{
    return zero_page ? zero_page->count - 1 : 0;
}
