/* shmem.h: shared memory objects: the pages of a MAP_SHARED|MAP_ANONYMOUS
 * mapping or a System V segment. The object, not any process, owns each
 * page's frame or, once the page went to swap, its slot: every process
 * mapping the object sees the same page, before and after swap. */
#ifndef MM_SHMEM_H
#define MM_SHMEM_H

#include <stdint.h>

struct page;

struct shm_object {
    uint32_t npages;
    uint32_t refs;              /* regions mapping it, +1 for a System V id */
    struct page **frames;       /* the frame of each page, or NULL */
    uint32_t *slots;            /* else the swap slot of each page, or 0 */
};

/* A new object of npages zero pages (none allocated yet), refs 1; NULL
 * when out of memory. */
struct shm_object *shm_create(uint32_t npages);

/* Takes / drops a reference; the last put frees every frame and slot. */
void shm_get(struct shm_object *obj);
void shm_put(struct shm_object *obj);

/* The frame of page index, with a reference for the caller to map: the
 * existing frame, or one read back from swap or zero-filled. May sleep;
 * returns NULL when out of memory, or (retry) when the page is being read
 * or written and the caller should fault again. *retry tells which. */
struct page *shm_get_page(struct shm_object *obj, uint32_t index, int *retry);

/* Page replacement: sends pg (PG_SHM, no PTE maps it any more) to swap
 * and frees it; returns 1 if the frame was freed. May sleep. */
int shm_evict(struct page *pg);

/* Resident pages of obj (for /proc and the tests). */
uint32_t shm_resident(const struct shm_object *obj);

#endif
