/* vma.c: the list of regions of an address space: lookup, insertion in
 * address order, splitting, unmapping a range, merging, copying for fork,
 * freeing. A region backed by a shared memory object holds a reference on
 * it, and one backed by a file a reference on its inode. */
#include "mm/vma.h"
#include "kernel/errno.h"
#include "kernel/fs/fs.h"
#include "mm/kmalloc.h"
#include "mm/layout.h"
#include "mm/mm.h"
#include "mm/pgtable.h"
#include "mm/shmem.h"

struct vma *vma_find(struct mm *mm, uint32_t addr)
{
    for (struct vma *v = mm->vmas; v && v->start <= addr; v = v->next)
        if (addr < v->end)
            return v;
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
    if (start >= end || (start | end) & ~PAGE_MASK)
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

/* Frees one region that is already unlinked. */
static void vma_free(struct vma *v)
{
    if (v->shm)
        shm_put(v->shm);
    if (v->file)
        inode_put(v->file);
    kfree(v);
}

struct vma *vma_split(struct mm *mm, struct vma *v, uint32_t addr)
{
    (void)mm;
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
            vma_free(w);
        } else {
            link = &w->next;
        }
    }
    return 0;
}

/* Can w be appended to v (touching, same flags, both plain anonymous)? */
static int mergeable(const struct vma *v, const struct vma *w)
{
    return v->end == w->start && v->flags == w->flags && !v->file && !w->file &&
           !v->shm && !w->shm && !(v->flags & (VM_HEAP | VM_GROWSDOWN));
}

void vma_merge(struct mm *mm, struct vma *v)
{
    struct vma *prev = 0;
    for (struct vma *w = mm->vmas; w && w != v; w = w->next)
        prev = w;
    if (prev && mergeable(prev, v)) {
        prev->end = v->end;
        prev->next = v->next;
        kfree(v);
        v = prev;
    }
    struct vma *next = v->next;
    if (next && mergeable(v, next)) {
        v->end = next->end;
        v->next = next->next;
        kfree(next);
    }
}

void vma_remove(struct mm *mm, struct vma *v)
{
    for (struct vma **link = &mm->vmas; *link; link = &(*link)->next) {
        if (*link == v) {
            *link = v->next;
            vma_free(v);
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
        vma_free(v);
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
