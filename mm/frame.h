/* frame.h: physical frames. One struct page per 4 KiB frame of RAM, the
 * free list, and reference counting (page_get/page_put). */
#ifndef MM_FRAME_H
#define MM_FRAME_H

#include <stdint.h>
#include "kernel/bootinfo.h"
#include "mm/layout.h"

struct inode;
struct shm_object;

struct page {
    uint32_t count;             /* references: mappings, caches, kernel holds */
    uint16_t flags;             /* PG_* */
    uint16_t slab_class;        /* kmalloc: size class index of a slab page */
    struct page *next, *prev;   /* free list, or kmalloc's slab list */
    union {
        void *slab_free;        /* kmalloc: first free object in this slab */
        uint32_t run_pages;     /* kmalloc: length of a multi-frame run (head) */
        struct inode *file;     /* page cache: the file this page holds */
        struct shm_object *shm; /* shared memory: the object this page holds */
    };
    union {
        uint32_t slab_inuse;    /* kmalloc: objects allocated in this slab */
        uint32_t index;         /* page cache, shared memory: page number in
                                   the file or object; swap cache: the slot */
    };
    uint32_t mapcount;          /* user PTEs that map this frame (mm/rmap.c) */
    uint32_t va;                /* anonymous: the user address it is mapped at */
};

enum {
    PG_FREE = 1 << 0,           /* on the free list */
    PG_RESERVED = 1 << 1,       /* not RAM we manage (hole, kernel, module) */
    PG_PGTABLE = 1 << 2,        /* a page table or page directory */
    PG_SLAB = 1 << 3,           /* kmalloc small objects */
    PG_KMALLOC_RUN = 1 << 4,    /* kmalloc large object (first frame of run) */
    PG_FILECACHE = 1 << 5,      /* in the page cache of a file (mm/filemap.c) */
    PG_SWAPCACHE = 1 << 6,      /* in the swap cache: holds slot `index` */
    PG_LOCKED = 1 << 7,         /* being read from or written to swap, or
                                   chosen for it (mm/reclaim.c) */
    PG_SHM = 1 << 8,            /* held by a shared memory object (mm/shmem.c) */
    PG_SWAPBAD = 1 << 9,        /* in the swap cache, but writing it failed:
                                   the frame is the only good copy */
    PG_ZERO = 1 << 10,          /* the shared zero page (mm/zero_page.c) */
    PG_READAHEAD = 1 << 11,     /* in the swap cache, read ahead, not yet
                                   faulted on (mm/swap_readahead.c) */
};

extern struct page *frame_table;
extern uint32_t frame_max_pfn;          /* frame_table covers [0, frame_max_pfn) */

/* Builds the frame table for the usable RAM in bi->ram (below
 * KERNEL_MAP_MAX) and frees every frame except the first MiB, the ranges in
 * `reserved` (the kernel image, the modules) and the table itself, which is
 * placed in the first free room that fits. Panics if there is none. */
void frame_init(const struct boot_info *bi, const struct mem_region *reserved, int nreserved);

/* Returns a free frame with count 1, or NULL when none is left. O(1). */
struct page *frame_alloc(void);

/* Returns n >= 1 physically contiguous frames (the first's struct page;
 * each frame has count 1), or NULL (also for n = 0). Scans: for rare large
 * allocations only. */
struct page *frame_alloc_run(uint32_t n);

/* Frees a frame its only holder owns (count 1). Panics on a frame that is
 * already free, still referenced by others, or not managed RAM. */
void frame_free(struct page *pg);

/* Out of line for page_get and page_put: page_bad panics, saying what is
 * wrong with pg (not managed RAM, free, or no reference to drop);
 * page_release frees a frame whose count reached zero. */
void page_bad(struct page *pg, const char *what);
void page_release(struct page *pg);

/* Is pg a frame of managed RAM that is in use? */
static inline int page_in_use(const struct page *pg)
{
    return (uint32_t)(pg - frame_table) < frame_max_pfn && !(pg->flags & (PG_FREE | PG_RESERVED));
}

/* Takes and drops one reference; page_put frees the frame at zero. Inline:
 * fork and exit do this for every page of a process. */
static inline void page_get(struct page *pg)
{
    if (!page_in_use(pg))
        page_bad(pg, "page_get");
    pg->count++;
}

static inline void page_put(struct page *pg)
{
    if (!page_in_use(pg) || pg->count == 0)
        page_bad(pg, "page_put");
    if (--pg->count == 0)
        page_release(pg);
}

uint32_t frame_free_count(void);
uint32_t frame_total_count(void);

static inline uint32_t page_to_phys(const struct page *pg)
{
    return (uint32_t)(pg - frame_table) << PAGE_SHIFT;
}

/* NULL for a physical address outside the frame table. */
static inline struct page *phys_to_page(uint32_t phys)
{
    uint32_t pfn = phys >> PAGE_SHIFT;
    return pfn < frame_max_pfn ? &frame_table[pfn] : 0;
}

static inline void *page_to_virt(const struct page *pg)
{
    return phys_to_virt(page_to_phys(pg));
}

static inline struct page *virt_to_page(const void *v)
{
    return phys_to_page(virt_to_phys(v));
}

#endif
