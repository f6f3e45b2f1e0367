/* shmem.c: shared memory objects, behind shared anonymous mappings,
 * System V segments and tmpfs files alike. Each page of an object is in
 * one of three states: a hole (never touched: no frame, no slot: reads as
 * zero), in a frame (marked PG_SHM; every process maps this one
 * frame, and read/write copy through it), or in swap (a slot, which the
 * object holds one reference on; no PTE ever holds an object's slot).
 * PTEs that map an object's page hold references on its frame like any
 * mapping; when page replacement evicts the frame it zeroes those PTEs,
 * and the next fault asks the object again (shm_get_page). A page that
 * leaves the object (truncate, the last put) is unmapped from every PTE
 * first, found through the frame's reverse map. Where each page is sits
 * in chunks of SHM_CHUNK pages, made when first needed, so a large sparse
 * object costs little and growing one never moves much. */
#include "mm/shmem.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/string.h"
#include "mm/frame.h"
#include "mm/kmalloc.h"
#include "mm/mm.h"
#include "mm/page_data.h"
#include "mm/pgtable.h"
#include "mm/reclaim.h"
#include "mm/rmap.h"
#include "mm/swap.h"
#include "mm/swap_map.h"

static uint32_t total_frames;           /* frames marked PG_SHM */

/* The chunk holding page i, or NULL: all its pages are holes. */
static struct shm_chunk *chunk_of(const struct shm_object *obj, uint32_t i)
{
    uint32_t c = i / SHM_CHUNK;
    return c < obj->nchunks ? obj->chunks[c] : 0;
}

/* The chunk holding page i, made if missing; NULL when out of memory. */
static struct shm_chunk *chunk_make(struct shm_object *obj, uint32_t i)
{
    uint32_t c = i / SHM_CHUNK;
    if (c >= obj->nchunks) {
        uint32_t n = c + 1 > 2 * obj->nchunks ? c + 1 : 2 * obj->nchunks;
        struct shm_chunk **chunks = kzalloc(n * sizeof chunks[0]);
        if (!chunks)
            return 0;
        if (obj->nchunks)
            memcpy(chunks, obj->chunks, obj->nchunks * sizeof chunks[0]);
        kfree(obj->chunks);
        obj->chunks = chunks;
        obj->nchunks = n;
    }
    if (!obj->chunks[c])
        obj->chunks[c] = kzalloc(sizeof(struct shm_chunk));
    return obj->chunks[c];
}

/* Page i's frame, or NULL. */
static struct page *frame_of(const struct shm_object *obj, uint32_t i)
{
    struct shm_chunk *ch = chunk_of(obj, i);
    return ch ? ch->frames[i % SHM_CHUNK] : 0;
}

/* Page i's swap slot, or 0. */
static uint32_t slot_of(const struct shm_object *obj, uint32_t i)
{
    struct shm_chunk *ch = chunk_of(obj, i);
    return ch ? ch->slots[i % SHM_CHUNK] : 0;
}

struct shm_object *shm_create(uint32_t npages, struct shm_quota *quota)
{
    struct shm_object *obj = kzalloc(sizeof *obj);
    if (!obj)
        return 0;
    obj->refs = 1;
    obj->quota = quota;
    obj->npages = npages;
    return obj;
}

void shm_get(struct shm_object *obj)
{
    obj->refs++;
}

/* Makes pg the frame of page i (whose chunk exists). */
static void hold(struct shm_object *obj, uint32_t i, struct page *pg)
{
    pg->flags |= PG_SHM;
    pg->shm = obj;
    pg->index = i;
    chunk_of(obj, i)->frames[i % SHM_CHUNK] = pg;
    total_frames++;
}

/* Takes frame pg out of its object (its reference is the caller's now). */
static void unhold(struct shm_object *obj, uint32_t i, struct page *pg)
{
    chunk_of(obj, i)->frames[i % SHM_CHUNK] = 0;
    pg->flags &= ~PG_SHM;
    pg->shm = 0;
    total_frames--;
}

/* Counts / uncounts a page that gains / loses its frame or slot. */
static void charge(struct shm_object *obj)
{
    obj->held++;
    if (obj->quota)
        obj->quota->used++;
}

static void uncharge(struct shm_object *obj)
{
    obj->held--;
    if (obj->quota)
        obj->quota->used--;
}

/* Lets go of the object's hold on page i (frame or slot). The frame must
 * not be under I/O; PTEs still mapping it keep it alive as a plain frame. */
static void release_page(struct shm_object *obj, uint32_t i)
{
    struct shm_chunk *ch = chunk_of(obj, i);
    if (!ch)
        return;
    struct page *pg = ch->frames[i % SHM_CHUNK];
    uint32_t slot = ch->slots[i % SHM_CHUNK];
    if (pg) {
        unhold(obj, i, pg);
        page_put(pg);
    }
    if (slot) {
        ch->slots[i % SHM_CHUNK] = 0;
        swap_entry_put(slot);
    }
    if (pg || slot)
        uncharge(obj);
}

/* rmap_walk step of unmap_all: one PTE removed, as munmap would. */
static bool unmap_pte(struct mm *mm, uint32_t va, pte_t *pte, void *arg)
{
    (void)arg;
    pgtable_unmap_one(mm->pgdir, va, pte);
    return true;
}

/* Removes every PTE that maps pg (found through its reverse map). */
static void unmap_all(struct page *pg)
{
    rmap_walk(pg, unmap_pte, 0);
}

void shm_punch(struct shm_object *obj, uint32_t index)
{
    struct page *pg;
    while ((pg = frame_of(obj, index)) && (pg->flags & PG_LOCKED))
        sleep_on(pg);                   /* wait for its swap I/O to end */
    if (pg)
        unmap_all(pg);
    release_page(obj, index);
}

void shm_put(struct shm_object *obj)
{
    if (--obj->refs > 0)
        return;
    for (uint32_t c = 0; c < obj->nchunks; c++) {
        for (uint32_t i = 0; obj->chunks[c] && i < SHM_CHUNK; i++)
            release_page(obj, c * SHM_CHUNK + i);
        kfree(obj->chunks[c]);
    }
    kfree(obj->chunks);
    kfree(obj);
}

int shm_resize(struct shm_object *obj, uint32_t npages)
{
    /* Punching may sleep, and a fault may fill a page meanwhile; so the
     * size goes down first: nothing past it is looked up any more. */
    uint32_t old = obj->npages;
    obj->npages = npages;
    for (uint32_t i = npages; i < old; i++)
        if (chunk_of(obj, i))
            shm_punch(obj, i);
    return 0;
}

int shm_is_hole(const struct shm_object *obj, uint32_t index)
{
    return !frame_of(obj, index) && !slot_of(obj, index);
}

/* Reads page index back from its slot into the new frame fresh (already
 * held by obj, locked against other faults while the disk works). Returns
 * 0, or -EIO (the page is dropped from the object: nothing half-read). */
static int swap_in(struct shm_object *obj, uint32_t index, struct page *fresh)
{
    uint32_t slot = slot_of(obj, index);
    fresh->flags |= PG_LOCKED;
    int err = swap_read(slot, fresh);
    fresh->flags &= ~PG_LOCKED;
    wakeup(fresh);
    if (err < 0) {
        printk("shmem: read error on swap slot %u\n", slot);
        release_page(obj, index);
        return -EIO;
    }
    chunk_of(obj, index)->slots[index % SHM_CHUNK] = 0;
    swap_entry_put(slot);               /* the frame holds the page now */
    return 0;
}

struct page *shm_get_page(struct shm_object *obj, uint32_t index, int *status)
{
    *status = SHM_OK;
    if (index >= obj->npages) {
        *status = SHM_NOSPC;            /* cut short by a truncate meanwhile */
        return 0;
    }
    struct page *pg = frame_of(obj, index);
    if (pg && (pg->flags & PG_LOCKED)) {
        sleep_on(pg);                   /* going to or coming from swap */
        *status = SHM_RETRY;
        return 0;
    }
    if (pg) {
        page_get(pg);
        return pg;
    }
    int fresh_page = !slot_of(obj, index);
    if (fresh_page && obj->quota && obj->quota->used >= obj->quota->max) {
        *status = SHM_NOSPC;
        return 0;
    }
    struct page *fresh = page_alloc_user();     /* may sleep */
    if (!fresh) {
        *status = SHM_NOMEM;
        return 0;
    }
    if (index >= obj->npages || frame_of(obj, index) ||
        (fresh_page && slot_of(obj, index))) {  /* changed while we slept */
        frame_free(fresh);
        *status = SHM_RETRY;
        return 0;
    }
    if (!chunk_make(obj, index)) {
        frame_free(fresh);
        *status = SHM_NOMEM;
        return 0;
    }
    if (fresh_page && obj->quota && obj->quota->used >= obj->quota->max) {
        frame_free(fresh);
        *status = SHM_NOSPC;
        return 0;
    }
    hold(obj, index, fresh);
    if (fresh_page) {
        charge(obj);
        page_zero(page_to_virt(fresh));
    } else if (swap_in(obj, index, fresh) < 0) {
        *status = SHM_NOMEM;
        return 0;
    }
    page_get(fresh);
    return fresh;
}

int shm_evict(struct page *pg)
{
    struct shm_object *obj = pg->shm;
    uint32_t i = pg->index;
    uint32_t slot = swap_enabled() ? swap_slot_alloc() : 0;
    if (!slot)
        return 0;
    swap_entry_dup(slot);               /* the object's reference, if all goes well */
    shm_get(obj);                       /* keep the object while we sleep */
    pg->flags |= PG_LOCKED;
    int err = swap_write(slot, pg);
    pg->flags &= ~PG_LOCKED;
    wakeup(pg);
    int freed = 0;
    if (!err && i < obj->npages && frame_of(obj, i) == pg && obj->refs > 1 && !rmap_count(pg)) {
        chunk_of(obj, i)->slots[i % SHM_CHUNK] = slot;
        unhold(obj, i, pg);
        freed = pg->count == 1;
        page_put(pg);
    } else {
        swap_entry_put(slot);           /* failed, mapped again, or nobody wants it */
    }
    shm_put(obj);
    return freed;
}

uint32_t shm_resident(const struct shm_object *obj)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < obj->npages; i++)
        n += frame_of(obj, i) != 0;
    return n;
}

uint32_t shm_total_frames(void)
{
    return total_frames;
}
