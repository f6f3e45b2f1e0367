/* vma.c: the list of regions of an address space: lookup, insertion in
 * address order, copying for fork, freeing. */
#include "mm/vma.h"
#include "kernel/errno.h"
#include "mm/kmalloc.h"
#include "mm/layout.h"
#include "mm/mm.h"

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
    v->next = *link;
    *link = v;
    return v;
}

void vma_remove(struct mm *mm, struct vma *v)
{
    for (struct vma **link = &mm->vmas; *link; link = &(*link)->next) {
        if (*link == v) {
            *link = v->next;
            kfree(v);
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
        kfree(v);
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
