/* rmap.c: reverse mapping without a record per mapping. Each frame counts
 * the user PTEs that map it (struct page's mapcount); to find them, we
 * look where they can be:
 *   - a page-cache frame (file, index): in every region that maps that
 *     file over that page, at the address the region puts it;
 *   - a shared-memory frame (object, index): likewise, in every region
 *     attached to the object;
 *   - an anonymous frame: at the one address it has in every address
 *     space that maps it (pg->va), since fork, which is how anonymous
 *     frames come to be shared, keeps addresses.
 * in each address space in turn (the list below), stopping once mapcount
 * PTEs are found.
 *
 * Why not a list of (page directory, address) items per frame, which is
 * what this file kept before: fork of a process with 64 MiB of memory
 * allocated 16,384 items and exit freed them, a large part of fork's
 * cost; and an item per mapping is memory the kernel needs exactly when
 * it is short of it. Looking the PTEs up costs a walk over the address
 * spaces instead, paid only by page replacement, which is rare and slow
 * anyway (a disk write per page). Linux finds anonymous PTEs through its
 * anon_vma objects and file PTEs through the file's i_mmap tree, built for
 * thousands of processes; with NPROC processes a list is enough. */
#include "mm/rmap.h"
#include "kernel/printk.h"
#include "mm/frame.h"
#include "mm/layout.h"
#include "mm/mm.h"
#include "mm/pgtable.h"
#include "mm/vma.h"

static struct mm *all_mms;      /* every address space, through mm->rmap_next */

void rmap_add_mm(struct mm *mm)
{
    mm->rmap_next = all_mms;
    all_mms = mm;
}

void rmap_remove_mm(struct mm *mm)
{
    for (struct mm **link = &all_mms; *link; link = &(*link)->rmap_next)
        if (*link == mm) {
            *link = mm->rmap_next;
            return;
        }
}

static bool anonymous(const struct page *pg)
{
    return !(pg->flags & (PG_FILECACHE | PG_SHM));
}

void rmap_bad(const struct page *pg, uint32_t va)
{
    if (pg->mapcount == 0)
        panic("rmap_remove: frame %p is mapped nowhere", (void *)page_to_phys(pg));
    panic("rmap_add: anonymous frame %p mapped at %p and at %p", (void *)page_to_phys(pg),
          (void *)pg->va, (void *)va);
}

bool rmap_movable(const struct page *pg)
{
    return !anonymous(pg) || (pg->mapcount == 1 && !(pg->flags & PG_SWAPCACHE));
}

void rmap_move(struct page *pg, uint32_t new_va)
{
    if (!anonymous(pg))
        return;                         /* found through its region, which moved too */
    if (!rmap_movable(pg))
        panic("rmap_move: anonymous frame %p is shared, it cannot move to %p",
              (void *)page_to_phys(pg), (void *)new_va);
    pg->va = new_va;
}

/* The address at which region v would map pg, or 0 if it cannot. */
static uint32_t address_in(const struct vma *v, const struct page *pg)
{
    uint32_t rel;
    if (pg->flags & PG_FILECACHE) {
        if (v->file != pg->file || pg->index < v->file_off >> PAGE_SHIFT)
            return 0;
        rel = (pg->index << PAGE_SHIFT) - v->file_off;
        if (rel >= v->file_len)
            return 0;
    } else {
        if (v->shm != pg->shm || pg->index < v->shm_pgoff)
            return 0;
        rel = (pg->index - v->shm_pgoff) << PAGE_SHIFT;
    }
    return rel < v->end - v->start ? v->start + rel : 0;
}

/* Calls fn if mm maps pg at va; counts it in *seen. False: stop. */
static bool visit(struct page *pg, struct mm *mm, uint32_t va, rmap_fn fn, void *arg,
                  uint32_t *seen)
{
    pte_t *pte = pgtable_walk(mm->pgdir, va, false);
    if (!pte || !pte_present(*pte) || PTE_FRAME(*pte) != page_to_phys(pg))
        return true;
    (*seen)++;
    return fn(mm, va, pte, arg);
}

void rmap_walk(struct page *pg, rmap_fn fn, void *arg)
{
    uint32_t want = pg->mapcount, seen = 0;
    for (struct mm *mm = all_mms; mm && seen < want; mm = mm->rmap_next) {
        if (anonymous(pg)) {
            if (!visit(pg, mm, pg->va, fn, arg, &seen))
                return;
            continue;
        }
        for (struct vma *v = mm->vmas; v && seen < want; v = v->next) {
            uint32_t va = address_in(v, pg);
            if (va && !visit(pg, mm, va, fn, arg, &seen))
                return;
        }
    }
    if (seen < want)
        panic("rmap_walk: frame %p counts %u mappings, only %u found",
              (void *)page_to_phys(pg), want, seen);
}
