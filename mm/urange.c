/* urange.c: the one check of a user range for the memory system calls
 * (see urange.h). The same few lines used to be repeated, slightly
 * differently, in each call; a mistake in one of them (a subtraction that
 * wrapped, a length that rounded up to zero) let a region reach the
 * kernel half or a range end below its start. */
#include "mm/urange.h"
#include "kernel/errno.h"
#include "mm/layout.h"

int urange_check(uint32_t addr, uint32_t len, unsigned how, int beyond, struct urange *r)
{
    int wrap = (how & URANGE_WRAP_EINVAL) ? -EINVAL : beyond;
    if (how & URANGE_ROUND) {
        uint32_t lead = addr & ~PAGE_MASK;
        addr -= lead;
        if (len > 0xFFFFFFFFu - lead)
            return wrap;                /* the bytes run past 4 GiB */
        len += lead;
    }
    if ((how & URANGE_ALIGNED) && (addr & ~PAGE_MASK))
        return -EINVAL;
    if (len == 0) {
        if (!(how & URANGE_EMPTY_OK))
            return -EINVAL;
        r->start = r->end = addr;
        return 0;
    }
    if (len > 0xFFFFFFFFu - (PAGE_SIZE - 1))
        return wrap;                    /* rounds up to 0 */
    len = PAGE_ROUND_UP(len);
    if (len > 0xFFFFFFFFu - addr)
        return wrap;                    /* the end wraps to 4 GiB or past */
    if (addr >= USER_TOP || len > USER_TOP - addr)
        return beyond;                  /* reaches the kernel half */
    if ((how & URANGE_MAP_MIN) && addr < MMAP_MIN_ADDR)
        return -EPERM;                  /* the bottom stays unmapped: NULL faults */
    r->start = addr;
    r->end = addr + len;
    return 0;
}
