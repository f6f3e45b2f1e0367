/* page_data.c: page_zero and page_copy. Both move 32 bits at a time in a
 * loop unrolled eight times. The kernel uses no FPU, MMX or SSE register
 * (-mgeneral-regs-only: user state in them needs no saving on entry), so
 * 32 bits is the widest move there is. Measured under QEMU (TCG), the
 * first-touch fault that clears a page cost 13,100 cycles with the
 * byte-wise `rep stosb` of memset, 5,200 with `rep stosl` and 4,400 with
 * this loop; a copy-on-write fault 8,800 with `rep movsl`, 8,400 here. */
#include "mm/page_data.h"
#include <stdint.h>
#include "mm/layout.h"

void page_zero(void *dst)
{
    uint32_t *d = dst;
    for (uint32_t i = 0; i < PAGE_SIZE / 4; i += 8) {
        d[i + 0] = 0;
        d[i + 1] = 0;
        d[i + 2] = 0;
        d[i + 3] = 0;
        d[i + 4] = 0;
        d[i + 5] = 0;
        d[i + 6] = 0;
        d[i + 7] = 0;
    }
}

void page_copy(void *dst, const void *src)
{
    uint32_t *d = dst;
    const uint32_t *s = src;
    for (uint32_t i = 0; i < PAGE_SIZE / 4; i += 8) {
        uint32_t a = s[i + 0], b = s[i + 1], c = s[i + 2], e = s[i + 3];
        d[i + 0] = a;
        d[i + 1] = b;
        d[i + 2] = c;
        d[i + 3] = e;
        a = s[i + 4], b = s[i + 5], c = s[i + 6], e = s[i + 7];
        d[i + 4] = a;
        d[i + 5] = b;
        d[i + 6] = c;
        d[i + 7] = e;
    }
}
