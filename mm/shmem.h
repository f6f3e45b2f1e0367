/* shmem.h: shared memory objects: the pages of a MAP_SHARED|MAP_ANONYMOUS
 * mapping, a System V segment, or a tmpfs file (kernel/fs/tmpfs.c): one
 * kind of object for all three, as Linux's shmem. The object, not any
 * process, owns each page's frame or, once the page went to swap, its
 * slot: every process mapping the object, and read and write on a tmpfs
 * file, see the same page, before and after swap. */
#ifndef MM_SHMEM_H
#define MM_SHMEM_H

#include <stdint.h>

struct page;

/* A limit on the pages a group of objects may hold (a tmpfs's size=). */
struct shm_quota {
    uint32_t used, max;         /* pages held (in frames or swap), the limit */
};

/* Where the pages of SHM_CHUNK consecutive indexes are: one frame-sized
 * block, made when one of them is first given a frame. */
#define SHM_CHUNK 512
struct shm_chunk {
    struct page *frames[SHM_CHUNK];     /* the frame of each page, or NULL */
    uint32_t slots[SHM_CHUNK];          /* else its swap slot, or 0 */
};

struct shm_object {
    uint32_t npages;            /* pages: the object's size */
    uint32_t refs;              /* regions mapping it, +1 for a System V id
                                   or a tmpfs inode */
    uint32_t held;              /* pages that have a frame or a slot */
    struct shm_quota *quota;    /* tmpfs: its limit; NULL: none */
    uint32_t nchunks;           /* room in chunks[] */
    struct shm_chunk **chunks;  /* chunk i covers pages from i * SHM_CHUNK; NULL:
                                   all holes */
};

/* What shm_get_page did when it returns NULL. */
enum shm_status { SHM_OK, SHM_RETRY, SHM_NOMEM, SHM_NOSPC };

/* A new object of npages zero pages (none allocated yet), refs 1, charged
 * to quota (may be NULL); NULL when out of memory. */
struct shm_object *shm_create(uint32_t npages, struct shm_quota *quota);

/* Takes / drops a reference; the last put frees every frame and slot. */
void shm_get(struct shm_object *obj);
void shm_put(struct shm_object *obj);

/* The frame of page index (< npages), with a reference for the caller: the
 * existing frame, or one read back from swap or zero-filled. May sleep.
 * NULL with *status SHM_RETRY when the page was being read or written or
 * changed while we slept (fault again / look again), SHM_NOMEM when no
 * frame is left, SHM_NOSPC when a new page would pass the quota. */
struct page *shm_get_page(struct shm_object *obj, uint32_t index, int *status);

/* Is page index a hole (never written: no frame, no slot)? Reading a hole
 * gives zeros without allocating. */
int shm_is_hole(const struct shm_object *obj, uint32_t index);

/* Sets obj's size to npages: growing adds holes; shrinking drops every
 * page at npages or beyond, frame or slot, after unmapping the PTEs that
 * map its frame. Returns 0. May sleep (waits for a page under swap I/O). */
int shm_resize(struct shm_object *obj, uint32_t npages);

/* Makes page index of obj a hole again, dropping its frame (unmapped from
 * every PTE) or its slot. May sleep. */
void shm_punch(struct shm_object *obj, uint32_t index);

/* Page replacement: sends pg (PG_SHM, no PTE maps it any more) to swap
 * and frees it; returns 1 if the frame was freed. May sleep. */
int shm_evict(struct page *pg);

/* Resident pages of obj (for /proc and the tests). */
uint32_t shm_resident(const struct shm_object *obj);

/* Frames held by every object now: /proc/meminfo's Shmem. */
uint32_t shm_total_frames(void);

#endif
