/* rmap.c: the reverse-mapping lists of struct page: one small item per
 * (page directory, address) that maps the frame, added and removed by
 * mm/pgtable.c as user PTEs come and go. */
#include "mm/rmap.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "mm/frame.h"
#include "mm/kmalloc.h"

int rmap_add(struct page *pg, pde_t *pgdir, uint32_t va)
{
    struct rmap_item *item = kmalloc(sizeof *item);
    if (!item)
        return -ENOMEM;
    item->pgdir = pgdir;
    item->va = va;
    item->next = pg->rmap;
    pg->rmap = item;
    return 0;
}

void rmap_remove(struct page *pg, pde_t *pgdir, uint32_t va)
{
    for (struct rmap_item **link = &pg->rmap; *link; link = &(*link)->next) {
        struct rmap_item *item = *link;
        if (item->pgdir == pgdir && item->va == va) {
            *link = item->next;
            kfree(item);
            return;
        }
    }
    panic("rmap_remove: frame %p is not mapped at %p in page directory %p",
          (void *)page_to_phys(pg), (void *)va, (void *)pgdir);
}

uint32_t rmap_count(const struct page *pg)
{
    uint32_t n = 0;
    for (const struct rmap_item *item = pg->rmap; item; item = item->next)
        n++;
    return n;
}
