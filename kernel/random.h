/* random.h: random bytes for getrandom(2). */
#ifndef KERNEL_RANDOM_H
#define KERNEL_RANDOM_H

#include <stdint.h>

/* The next 64 random bits. */
uint64_t random_u64(void);

long sys_getrandom(void *ubuf, uint32_t count, uint32_t flags);         /* 355 */

#endif
