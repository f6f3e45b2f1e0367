/* urange.h: the range rule of the memory system calls. Every call that
 * takes a user address and length (mmap, munmap, mprotect, mremap, brk,
 * shmat, madvise, mincore, mlock, munlock, msync) checks them here, once,
 * before it looks at a region or a page table, and gets Linux's errno. */
#ifndef MM_URANGE_H
#define MM_URANGE_H

#include <stdint.h>

/* A checked range: page-aligned, [start, end), start < end <= USER_TOP,
 * or empty (start == end) when the call allows a length of zero. */
struct urange {
    uint32_t start, end;
};

/* How a call treats its arguments (or-ed together). */
#define URANGE_ALIGNED  0x1     /* addr must be page-aligned, else -EINVAL */
#define URANGE_ROUND    0x2     /* round addr down, the length up to cover
                                   the same bytes (mlock, munlock) */
#define URANGE_EMPTY_OK 0x4     /* length 0 is a successful no-op, else -EINVAL */
#define URANGE_MAP_MIN  0x8     /* start at or above MMAP_MIN_ADDR, else -EPERM
                                   (a new mapping at a fixed address) */
#define URANGE_WRAP_EINVAL 0x10 /* a range that wraps past 4 GiB is -EINVAL,
                                   one that only reaches the kernel half
                                   `beyond` (shmat, madvise, mlock) */

/* Checks the user range of addr and len for a system call: alignment
 * (-EINVAL), a zero length (-EINVAL or an empty range), then the length
 * rounded up to whole pages: if that wraps past 4 GiB or the range
 * reaches the kernel half (0xC0000000), returns `beyond` (each call's
 * own errno: -ENOMEM for most, -EINVAL for munmap and madvise). On
 * success fills *r and returns 0. Touches nothing. */
int urange_check(uint32_t addr, uint32_t len, unsigned how, int beyond, struct urange *r);

#endif
