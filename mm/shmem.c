/* shmem.c: shared memory objects. Each page of an object is in one of
 * three states: never touched (no frame, no slot: reads as zero), in a
 * frame (frames[i], marked PG_SHM; every process maps this one frame), or
 * in swap (slots[i], which the object holds one reference on). PTEs that
 * map an object's page hold references on its frame like any mapping;
 * when page replacement evicts the frame it zeroes those PTEs, and the
 * next fault asks the object again (shm_get_page). */
#include "mm/shmem.h"
#include "kernel/printk.h"
#include "kernel/sched.h"
#include "kernel/string.h"
#include "mm/frame.h"
#include "mm/kmalloc.h"
#include "mm/reclaim.h"
#include "mm/swap.h"
#include "mm/swap_map.h"

struct shm_object *shm_create(uint32_t npages)
{
    struct shm_object *obj = kzalloc(sizeof *obj);
    if (!obj)
        return 0;
    obj->frames = kzalloc(npages * sizeof obj->frames[0]);
    obj->slots = kzalloc(npages * sizeof obj->slots[0]);
    if (!obj->frames || !obj->slots) {
        kfree(obj->frames);
        kfree(obj->slots);
        kfree(obj);
        return 0;
    }
    obj->npages = npages;
    obj->refs = 1;
    return obj;
}

void shm_get(struct shm_object *obj)
{
    obj->refs++;
}

/* Lets go of the object's hold on page i (frame or slot). */
static void release_page(struct shm_object *obj, uint32_t i)
{
    struct page *pg = obj->frames[i];
    if (pg) {
        obj->frames[i] = 0;
        pg->flags &= ~PG_SHM;
        pg->shm = 0;
        page_put(pg);
    }
    if (obj->slots[i]) {
        swap_entry_put(obj->slots[i]);
        obj->slots[i] = 0;
    }
}

void shm_put(struct shm_object *obj)
{
    if (--obj->refs > 0)
        return;
    for (uint32_t i = 0; i < obj->npages; i++)
        release_page(obj, i);
    kfree(obj->frames);
    kfree(obj->slots);
    kfree(obj);
}

/* Makes pg the frame of page i. */
static void hold(struct shm_object *obj, uint32_t i, struct page *pg)
{
    pg->flags |= PG_SHM;
    pg->shm = obj;
    pg->index = i;
    obj->frames[i] = pg;
}

struct page *shm_get_page(struct shm_object *obj, uint32_t index, int *retry)
{
    *retry = 0;
    struct page *pg = obj->frames[index];
    if (pg && (pg->flags & PG_LOCKED)) {
        sleep_on(pg);                   /* going to or coming from swap */
        *retry = 1;
        return 0;
    }
    if (pg) {
        page_get(pg);
        return pg;
    }
    struct page *fresh = page_alloc_user();     /* may sleep */
    if (!fresh)
        return 0;
    if (obj->frames[index]) {           /* filled while we slept */
        frame_free(fresh);
        *retry = 1;
        return 0;
    }
    hold(obj, index, fresh);
    uint32_t slot = obj->slots[index];
    if (!slot) {
        memset(page_to_virt(fresh), 0, PAGE_SIZE);
    } else {
        fresh->flags |= PG_LOCKED;
        int err = swap_read(slot, fresh);
        fresh->flags &= ~PG_LOCKED;
        wakeup(fresh);
        if (err < 0) {
            printk("shmem: read error on swap slot %u\n", slot);
            release_page(obj, index);   /* keeps nothing half-read */
            return 0;
        }
        obj->slots[index] = 0;
        swap_entry_put(slot);           /* the frame holds the page now */
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
    if (!err && obj->frames[i] == pg && obj->refs > 1) {
        obj->slots[i] = slot;
        obj->frames[i] = 0;
        pg->flags &= ~PG_SHM;
        pg->shm = 0;
        freed = pg->count == 1;
        page_put(pg);
    } else {
        swap_entry_put(slot);           /* failed, or nobody wants the object */
    }
    shm_put(obj);
    return freed;
}

uint32_t shm_resident(const struct shm_object *obj)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < obj->npages; i++)
        n += obj->frames[i] != 0;
    return n;
}
