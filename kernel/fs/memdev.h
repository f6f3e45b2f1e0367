/* memdev.h: /dev/null, /dev/zero and /dev/urandom (kernel/fs/memdev.c). */
#ifndef KERNEL_MEMDEV_H
#define KERNEL_MEMDEV_H

/* Adds the three devices to /dev (after initrd_init built the tree). */
void memdev_init(void);

#endif
