/* madvise.h: calls about the pages of mapped ranges that leave the
 * regions as they are: madvise (advice, and MADV_DONTNEED's freeing),
 * mincore (which pages are resident) and msync. */
#ifndef MM_MADVISE_H
#define MM_MADVISE_H

#include <stdint.h>

long sys_madvise(uint32_t addr, uint32_t len, int advice);
long sys_mincore(uint32_t addr, uint32_t len, uint8_t *uvec);
long sys_msync(uint32_t addr, uint32_t len, int flags);

#endif
