/* kmalloc.h: the kernel heap, for kernel objects of any size. */
#ifndef MM_KMALLOC_H
#define MM_KMALLOC_H

#include <stddef.h>
#include <stdint.h>

#define KMALLOC_MIN 16
#define KMALLOC_MAX_SMALL 2048
#define KMALLOC_CLASSES 8       /* 16, 32, ..., 2048 */

/* Returns size bytes, 16-byte aligned (a page-aligned run of frames above
 * KMALLOC_MAX_SMALL), uninitialised; NULL when memory is exhausted or size
 * is 0. */
void *kmalloc(size_t size);

/* kmalloc for a caller that may sleep: when no run of free frames is
 * large enough, evicts user pages (mm/reclaim.c) and tries again. */
void *kmalloc_wait(size_t size);
/* kmalloc, zeroed. */
void *kzalloc(size_t size);
/* Frees what kmalloc returned; NULL is ignored. Panics on a pointer that
 * kmalloc did not return or that is already free. */
void kfree(void *p);

struct kmalloc_stats {
    uint32_t used_bytes;        /* in live objects (rounded to their class) */
    uint32_t free_bytes;        /* free objects inside slab pages */
    uint32_t pages;             /* frames the heap holds */
    uint32_t objects[KMALLOC_CLASSES];     /* live objects per class */
};
void kmalloc_get_stats(struct kmalloc_stats *st);

/* The object size of class i (16 << i). */
static inline uint32_t kmalloc_class_size(int i) { return KMALLOC_MIN << i; }

#endif
