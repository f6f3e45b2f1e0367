/* user_pages_stub.c: page_alloc_user for the host tests of code that
 * takes user pages (the page cache): the frame allocator itself, without
 * the page replacement of mm/reclaim.c, which needs processes and a disk. */
#include "mm/frame.h"
#include "mm/reclaim.h"

struct page *page_alloc_user(void)
{
    return frame_alloc();
}
