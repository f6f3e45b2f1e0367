/* kmalloc.c: the kernel heap. Small objects (16..2048 bytes, eight power-
 * of-two classes) come from slabs: one frame holding objects of one class,
 * with a free list threaded through the free objects; slabs with room are
 * on their class's list, and an empty slab goes back to the frame
 * allocator. Larger objects are runs of contiguous frames. The struct page
 * of each frame says which kind it is, so kfree needs no size. */
#include "mm/kmalloc.h"
#ifndef HOST_TEST
#include "mm/reclaim.h"
#endif
#include "kernel/printk.h"
#include "kernel/string.h"
#include "mm/frame.h"

struct free_object {
    struct free_object *next;
    uint32_t magic;             /* FREE_MAGIC while on a free list */
};

#define FREE_MAGIC 0xF4EEF4EEu

/* Slabs of each class that have at least one free object (circular lists
 * through struct page's next/prev). */
static struct page partial[KMALLOC_CLASSES];
static struct kmalloc_stats stats;

static int class_of(size_t size)
{
    int c = 0;
    while (kmalloc_class_size(c) < size)
        c++;
    return c;
}

static void slab_link(int c, struct page *pg)
{
    struct page *head = &partial[c];
    if (!head->next)
        head->next = head->prev = head;
    pg->next = head->next;
    pg->prev = head;
    head->next->prev = pg;
    head->next = pg;
}

static void slab_unlink(struct page *pg)
{
    pg->prev->next = pg->next;
    pg->next->prev = pg->prev;
    pg->next = pg->prev = 0;
}

/* Takes a new frame and cuts it into free objects of class c. */
static struct page *slab_grow(int c)
{
    struct page *pg = frame_alloc();
    if (!pg)
        return 0;
    pg->flags |= PG_SLAB;
    pg->slab_class = (uint16_t)c;
    pg->slab_inuse = 0;
    pg->slab_free = 0;
    uint32_t size = kmalloc_class_size(c);
    char *base = page_to_virt(pg);
    for (uint32_t off = PAGE_SIZE; off >= size; off -= size) {
        struct free_object *o = (struct free_object *)(base + off - size);
        o->next = pg->slab_free;
        o->magic = FREE_MAGIC;
        pg->slab_free = o;
    }
    slab_link(c, pg);
    stats.pages++;
    stats.free_bytes += PAGE_SIZE / size * size;
    return pg;
}

static void *kmalloc_small(size_t size)
{
    int c = class_of(size);
    struct page *pg = partial[c].next;
    if (!pg || pg == &partial[c])
        pg = slab_grow(c);
    if (!pg)
        return 0;
    struct free_object *o = pg->slab_free;
    pg->slab_free = o->next;
    o->magic = 0;
    pg->slab_inuse++;
    if (!pg->slab_free)
        slab_unlink(pg);        /* full: off the partial list */
    stats.objects[c]++;
    stats.used_bytes += kmalloc_class_size(c);
    stats.free_bytes -= kmalloc_class_size(c);
    return o;
}

static void *kmalloc_large(size_t size)
{
    uint32_t n = (uint32_t)(PAGE_ROUND_UP(size) >> PAGE_SHIFT);
    struct page *pg = n == 1 ? frame_alloc() : frame_alloc_run(n);
    if (!pg)
        return 0;
    pg->flags |= PG_KMALLOC_RUN;
    pg->run_pages = n;
    stats.pages += n;
    stats.used_bytes += n * PAGE_SIZE;
    return page_to_virt(pg);
}

void *kmalloc(size_t size)
{
    if (size == 0 || size > KERNEL_MAP_MAX)
        return 0;
    return size <= KMALLOC_MAX_SMALL ? kmalloc_small(size) : kmalloc_large(size);
}

void *kzalloc(size_t size)
{
    void *p = kmalloc(size);
    if (p)
        memset(p, 0, size);
    return p;
}

static void kfree_small(struct page *pg, void *p)
{
    int c = pg->slab_class;
    uint32_t size = kmalloc_class_size(c);
    uint32_t off = (uint32_t)((char *)p - (char *)page_to_virt(pg));
    if (off % size)
        panic("kfree: %p is not the start of a %u-byte object", p, size);
    struct free_object *o = p;
    if (o->magic == FREE_MAGIC) {       /* looks free already: make sure */
        for (struct free_object *f = pg->slab_free; f; f = f->next)
            if (f == o)
                panic("kfree: %p freed twice", p);
    }
    o->next = pg->slab_free;
    o->magic = FREE_MAGIC;
    if (!pg->slab_free)
        slab_link(c, pg);       /* was full: has room again */
    pg->slab_free = o;
    pg->slab_inuse--;
    stats.objects[c]--;
    stats.used_bytes -= size;
    stats.free_bytes += size;
    if (pg->slab_inuse == 0) {
        slab_unlink(pg);
        pg->flags &= ~PG_SLAB;
        stats.pages--;
        stats.free_bytes -= PAGE_SIZE / size * size;
        frame_free(pg);
    }
}

void kfree(void *p)
{
    if (!p)
        return;
    struct page *pg = virt_to_page(p);
    if (pg && (pg->flags & PG_SLAB)) {
        kfree_small(pg, p);
    } else if (pg && (pg->flags & PG_KMALLOC_RUN) && ((uintptr_t)p & ~PAGE_MASK) == 0) {
        uint32_t n = pg->run_pages;
        pg->flags &= ~PG_KMALLOC_RUN;
        for (uint32_t i = 0; i < n; i++)
            frame_free(pg + i);
        stats.pages -= n;
        stats.used_bytes -= n * PAGE_SIZE;
    } else {
        panic("kfree: %p was not returned by kmalloc (or is already free)", p);
    }
}

void kmalloc_get_stats(struct kmalloc_stats *st)
{
    *st = stats;
}

#ifndef HOST_TEST
/* When memory is full of user pages (a tmpfs file fills RAM and stays),
 * free frames are few and scattered. Page replacement frees some, and as
 * its clock hand sweeps the frame table in address order, a few rounds
 * free a run. */
void *kmalloc_wait(size_t size)
{
    void *p = kmalloc(size);
    for (int tries = 0; !p && size > PAGE_SIZE && tries < 8; tries++) {
        reclaim_pages(RECLAIM_BATCH + (uint32_t)(PAGE_ROUND_UP(size) >> PAGE_SHIFT));
        p = kmalloc(size);
    }
    return p;
}
#endif
