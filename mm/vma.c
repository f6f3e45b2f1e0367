/* vma.c: the list of regions of an address space: lookup, insertion in
 * address order, splitting, unmapping a range, changing the protection of
 * a range, merging, copying for fork, freeing, and the list's invariants
 * (vma_check). A region backed by a shared memory object holds a
 * reference on it, and one backed by a file a reference on its inode. */
#include "mm/vma.h"
#include "kernel/errno.h"
#include "kernel/fs/fs.h"
#include "kernel/printk.h"
#include "mm/frame.h"
#include "mm/kmalloc.h"
#include "mm/layout.h"
#include "mm/mm.h"
#include "mm/pgtable.h"
#include "mm/shmem.h"

/* A walk of the sorted list, after a look at the region found last
 * (mm->vma_cache, Linux's old mmap_cache): faults come in runs on one
 * region, so most lookups end there. Measured under QEMU (vmbench), a
 * first-write fault with 1,000 regions before the faulting one cost
 * 12,600 cycles with the walk alone (about 10 cycles a region) and
 * 3,400 with the cache, as with a few regions. A lookup elsewhere still
 * walks: a balanced tree (Linux's red-black tree, now its maple tree)
 * would make that O(log regions) too, for programs with thousands of
 * mappings; the list is what a student reads in one glance. Every place
 * that frees a region drops it from the cache (vma_free, vma_merge). */
struct vma *vma_find(struct mm *mm, uint32_t addr)
{
    struct vma *c = mm->vma_cache;
    if (c && c->start <= addr && addr < c->end)
        return c;
    for (struct vma *v = mm->vmas; v && v->start <= addr; v = v->next)
        if (addr < v->end)
            return mm->vma_cache = v;
    return 0;
}

struct vma *vma_find_above(struct mm *mm, uint32_t addr)
{
    for (struct vma *v = mm->vmas; v; v = v->next)
        if (v->end > addr)
            return v;
    return 0;
}

struct vma *vma_add(struct mm *mm, uint32_t start, uint32_t end, uint32_t flags,
                    struct inode *file, uint32_t file_off, uint32_t file_len)
{
    if (start >= end || (start | end) & ~PAGE_MASK || end > USER_TOP)
        return 0;
    struct vma **link = &mm->vmas;
    while (*link && (*link)->end <= start)
        link = &(*link)->next;
    if (*link && (*link)->start < end)
        return 0;                       /* overlaps the next region */
    struct vma *v = kmalloc(sizeof *v);
    if (!v)
        return 0;
    v->start = start;
    v->end = end;
    v->flags = flags;
    v->file = file;
    v->file_off = file_off;
    v->file_len = file_len;
    v->shm = 0;
    v->shm_pgoff = 0;
    if (file)
        inode_get(file);
    v->next = *link;
    *link = v;
    return v;
}

/* Frees one region of mm that is already unlinked. */
static void vma_free(struct mm *mm, struct vma *v)
{
    if (mm->vma_cache == v)
        mm->vma_cache = 0;
    if (v->shm)
        shm_put(v->shm);
    if (v->file)
        inode_put(v->file);
    kfree(v);
}

struct vma *vma_split(struct mm *mm, struct vma *v, uint32_t addr)
{
    (void)mm;
    if (addr <= v->start || addr >= v->end || (addr & ~PAGE_MASK))
        panic("vma_split: %p is not inside the region %p-%p", (void *)addr,
              (void *)v->start, (void *)v->end);
    struct vma *w = kmalloc(sizeof *w);
    if (!w)
        return 0;
    uint32_t lead = addr - v->start;
    *w = *v;
    w->start = addr;
    w->file_off = v->file_off + lead;
    w->file_len = v->file_len > lead ? v->file_len - lead : 0;
    w->shm_pgoff = v->shm_pgoff + (lead >> PAGE_SHIFT);
    if (w->shm)
        shm_get(w->shm);
    if (w->file)
        inode_get(w->file);
    v->end = addr;
    if (v->file_len > lead)
        v->file_len = lead;
    v->next = w;
    return w;
}

int vma_unmap(struct mm *mm, uint32_t start, uint32_t end)
{
    if (start >= end)
        return 0;
    /* Tables shared since fork become ours first (mm/pgtable_share.c). */
    if (pgtable_unshare_range(mm->pgdir, start, end - start) < 0)
        return -ENOMEM;
    /* Split the regions that straddle either edge, then drop the inside. */
    struct vma *v = vma_find(mm, start);
    if (v && v->start < start && !vma_split(mm, v, start))
        return -ENOMEM;
    v = vma_find(mm, end - 1);
    if (v && v->end > end && !vma_split(mm, v, end))
        return -ENOMEM;
    struct vma **link = &mm->vmas;
    while (*link) {
        struct vma *w = *link;
        if (w->start >= start && w->end <= end) {
            pgtable_unmap_range(mm->pgdir, w->start, w->end - w->start);
            *link = w->next;
            vma_free(mm, w);
        } else {
            link = &w->next;
        }
    }
    return 0;
}

/* Can w be appended to v (touching, same flags, both plain anonymous
 * memory; heap pieces merge with heap pieces, the stack never)? */
static int mergeable(const struct vma *v, const struct vma *w)
{
    return v->end == w->start && v->flags == w->flags && !v->file && !w->file &&
           !v->shm && !w->shm && !(v->flags & VM_GROWSDOWN);
}

void vma_merge(struct mm *mm, uint32_t start, uint32_t end)
{
    for (struct vma *v = mm->vmas; v && v->start <= end;) {
        struct vma *w = v->next;
        if (w && v->end >= start && w->start <= end && mergeable(v, w)) {
            v->end = w->end;            /* w has no backing to let go of */
            v->next = w->next;
            if (mm->vma_cache == w)
                mm->vma_cache = v;
            kfree(w);
            continue;
        }
        v = w;
    }
}

/* The PTE bits of a present page of v after its protection changed
 * (PROT_NONE clears the user bit, so that any access faults): a
 * private page that might be shared (copy-on-write, a page-cache frame,
 * count above one) stays read-only and copy-on-write even when v becomes
 * writable; the first write copies it or takes it over. */
static pte_t protected_pte(const struct vma *v, pte_t e)
{
    e &= ~PTE_WRITE;
    if (!(v->flags & (VM_READ | VM_WRITE | VM_EXEC)))
        return e & ~PTE_USER;           /* PROT_NONE: even reads fault */
    e |= PTE_USER;
    if (!(v->flags & VM_WRITE))
        return e;
    if (v->flags & VM_SHARED)
        return e | PTE_WRITE;
    struct page *pg = phys_to_page(PTE_FRAME(e));
    if ((e & PTE_COW) || !pg || (pg->flags & (PG_FILECACHE | PG_SHM)) || pg->count > 1)
        return e | PTE_COW;
    return e | PTE_WRITE;
}

/* Is every page of [start, end) in a region? Returns 0 or -ENOMEM; with
 * no_shared_write, -EACCES if a shared file mapping that cannot become
 * writable (opened read-only, or on the read-only root) is among them. */
static int range_mapped(struct mm *mm, uint32_t start, uint32_t end, int no_shared_write)
{
    for (uint32_t a = start; a < end;) {
        struct vma *v = vma_find(mm, a);
        if (!v)
            return -ENOMEM;
        if (no_shared_write && v->file && (v->flags & VM_SHARED) && !(v->flags & VM_MAYWRITE))
            return -EACCES;
        a = v->end;
    }
    return 0;
}

int vma_change_flags(struct mm *mm, uint32_t start, uint32_t end, uint32_t clear, uint32_t set)
{
    int err = range_mapped(mm, start, end, 0);
    if (err)
        return err;
    struct vma *v = vma_find(mm, start);
    if (v->start < start && !(v = vma_split(mm, v, start)))
        return -ENOMEM;
    struct vma *last = vma_find(mm, end - 1);
    if (last->end > end && !vma_split(mm, last, end))
        return -ENOMEM;                 /* the first split changed nothing visible */
    for (; v && v->start < end; v = v->next)
        v->flags = (v->flags & ~clear) | set;
    vma_merge(mm, start, end);
    return 0;
}

int vma_protect(struct mm *mm, uint32_t start, uint32_t end, uint32_t prot)
{
    const uint32_t perms = VM_READ | VM_WRITE | VM_EXEC;
    int err = range_mapped(mm, start, end, prot & VM_WRITE);
    if (!err && pgtable_unshare_range(mm->pgdir, start, end - start) < 0)
        err = -ENOMEM;                  /* tables shared since fork become ours first */
    if (!err)
        err = vma_change_flags(mm, start, end, perms, prot & perms);
    if (err)
        return err;
    for (uint32_t a = start; a < end; a += PAGE_SIZE) {
        pte_t *pte = pgtable_walk(mm->pgdir, a, false);
        if (pte && pte_present(*pte))
            pgtable_set(mm->pgdir, a, pte, protected_pte(vma_find(mm, a), *pte));
    }
    return 0;
}

void vma_remove(struct mm *mm, struct vma *v)
{
    for (struct vma **link = &mm->vmas; *link; link = &(*link)->next) {
        if (*link == v) {
            *link = v->next;
            vma_free(mm, v);
            return;
        }
    }
}

int vma_copy_all(struct mm *dst, const struct mm *src)
{
    struct vma **tail = &dst->vmas;
    for (const struct vma *s = src->vmas; s; s = s->next) {
        struct vma *v = kmalloc(sizeof *v);
        if (!v) {
            vma_free_all(dst);
            return -ENOMEM;
        }
        *v = *s;
        v->next = 0;
        v->flags &= ~VM_LOCKED;         /* locks are not inherited */
        if (v->shm)
            shm_get(v->shm);
        if (v->file)
            inode_get(v->file);
        *tail = v;
        tail = &v->next;
    }
    return 0;
}

void vma_free_all(struct mm *mm)
{
    while (mm->vmas) {
        struct vma *v = mm->vmas;
        mm->vmas = v->next;
        vma_free(mm, v);
    }
}

void vma_perms(const struct vma *v, char out[5])
{
    out[0] = (v->flags & VM_READ) ? 'r' : '-';
    out[1] = (v->flags & VM_WRITE) ? 'w' : '-';
    out[2] = (v->flags & VM_EXEC) ? 'x' : '-';
    out[3] = (v->flags & VM_SHARED) ? 's' : 'p';
    out[4] = '\0';
}

const char *vma_check(const struct mm *mm)
{
    uint32_t prev_end = 0;
    for (const struct vma *v = mm->vmas; v; v = v->next) {
        if ((v->start | v->end) & ~PAGE_MASK)
            return "a region is not page-aligned";
        if (v->start >= v->end)
            return "a region is empty or ends below its start";
        if (v->end > USER_TOP)
            return "a region reaches the kernel half";
        if (v->start < prev_end)
            return "regions overlap or are out of order";
        if (v->shm && !v->file &&
            v->shm_pgoff + ((v->end - v->start) >> PAGE_SHIFT) > v->shm->npages)
            return "a region runs past the end of its shared memory object";
        prev_end = v->end;
    }
    return 0;
}

void vma_verify(const struct mm *mm, const char *after)
{
    const char *broken = vma_check(mm);
    if (broken)
        panic("regions after %s: %s", after, broken);
}
