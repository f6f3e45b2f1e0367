/* mmap.c: mmap2, mmap, munmap and mprotect with Linux's flags and errors.
 * A mapping is a region (mm/vma.c): anonymous private (zero-filled on
 * touch, copy-on-write across fork), anonymous shared (a shared memory
 * object, mm/shmem.c), or a file, private (copy-on-write over the page
 * cache) or shared read-only (the page cache's own frames). A tmpfs file
 * is a shared memory object already: its mappings use the object, shared
 * (writable when the file is open for reading and writing) or private
 * (copy-on-write over its frames). /dev/zero maps anonymous memory, shared
 * or private as asked. Nothing is
 * mapped until touched. Without MAP_FIXED, regions go top-down below the
 * stack's reserved 8 MiB and above the heap. */
#include "mm/mmap.h"
#include "kernel/errno.h"
#include "kernel/fs/file.h"
#include "kernel/fs/fs.h"
#include "kernel/proc.h"
#include "mm/frame.h"
#include "mm/layout.h"
#include "mm/mm.h"
#include "mm/pgtable.h"
#include "mm/shmem.h"
#include "mm/uaccess.h"
#include "mm/vma.h"

/* Where the heap may still grow: regions go above its end. */
static uint32_t heap_end(struct mm *mm)
{
    uint32_t end = PAGE_ROUND_UP(mm->brk);
    for (struct vma *v = mm->vmas; v; v = v->next)
        if ((v->flags & VM_HEAP) || v->end <= mm->brk_start)
            end = v->end > end ? v->end : end;
    return end;
}

/* Is [start, start+len) free of regions, and inside the mmap area? */
static int room_at(struct mm *mm, uint32_t start, uint32_t len, uint32_t low)
{
    if (start < low || start > STACK_RESERVED || len > STACK_RESERVED - start)
        return 0;
    struct vma *v = vma_find_above(mm, start);
    return !v || v->start >= start + len;
}

uint32_t mmap_find_room(struct mm *mm, uint32_t hint, uint32_t len)
{
    uint32_t low = heap_end(mm);
    if (hint && !(hint & ~PAGE_MASK) && room_at(mm, hint, len, low))
        return hint;
    /* Top-down: try just below each region, from the highest gap down. */
    uint32_t top = STACK_RESERVED;
    for (;;) {
        if (top < low + len)
            return 0;
        uint32_t start = top - len;
        struct vma *clash = vma_find_above(mm, start);
        if (!clash || clash->start >= top)
            return start;
        top = clash->start;             /* below the region in the way */
    }
}

/* VM_* flags for a mapping's protection. */
static uint32_t vm_flags(uint32_t prot)
{
    return ((prot & PROT_READ) ? VM_READ : 0) | ((prot & PROT_WRITE) ? VM_WRITE : 0) |
           ((prot & PROT_EXEC) ? VM_EXEC : 0);
}

/* Checks a file mapping and returns its inode, or an error through *err.
 * A shared writable mapping needs a file open for reading and writing, on
 * a file system that can be written (tmpfs). */
static struct inode *mapped_file(int fd, uint32_t prot, uint32_t flags, int *err)
{
    struct file *f = fdtable_get(proc_files(), fd);
    if (!f) {
        *err = -EBADF;
        return 0;
    }
    if (S_ISCHR(f->ip->mode) && f->ip->rdev == DEV_ZERO)
        return f->ip;                   /* anonymous memory, below */
    if (!S_ISREG(f->ip->mode) || (f->ip->ops && !f->ip->shm)) {
        *err = -ENODEV;                 /* directories, devices, /proc */
        return 0;
    }
    if ((f->flags & O_ACCMODE) == O_WRONLY ||
        ((flags & MAP_TYPE) == MAP_SHARED && (prot & PROT_WRITE) &&
         ((f->flags & O_ACCMODE) != O_RDWR || !f->ip->shm))) {
        *err = -EACCES;                 /* not open for writing, or the read-only root */
        return 0;
    }
    return f->ip;
}

/* May a shared mapping of file ip, open with open_flags, become writable
 * later (mprotect)? */
static uint32_t may_write(const struct inode *ip, uint32_t type, int open_flags)
{
    return type == MAP_SHARED && ip->shm && (open_flags & O_ACCMODE) == O_RDWR ? VM_MAYWRITE : 0;
}

long sys_mmap2(uint32_t addr, uint32_t len, uint32_t prot, uint32_t flags, int fd,
               uint32_t pgoff)
{
    struct mm *mm = current->mm;
    uint32_t type = flags & MAP_TYPE;
    if (len == 0 || (type != MAP_SHARED && type != MAP_PRIVATE))
        return -EINVAL;
    if ((flags & MAP_FIXED) && (addr & ~PAGE_MASK))
        return -EINVAL;
    if (len > USER_TOP || prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC))
        return len > USER_TOP ? -ENOMEM : -EINVAL;
    len = PAGE_ROUND_UP(len);
    if (pgoff > (0xFFFFFFFFu >> PAGE_SHIFT))
        return -EINVAL;

    int err = 0;
    struct inode *ip = 0;
    if (!(flags & MAP_ANONYMOUS) && !(ip = mapped_file(fd, prot, flags, &err)))
        return err;
    if (ip && S_ISCHR(ip->mode)) {
        flags |= MAP_ANONYMOUS;         /* /dev/zero */
        ip = 0;
    }

    uint32_t start;
    if (flags & MAP_FIXED) {
        if (addr < USER_BASE)
            return -EPERM;              /* the bottom stays unmapped: NULL faults */
        if (len > USER_TOP - addr)
            return -ENOMEM;
        start = addr;
    } else {
        start = mmap_find_room(mm, PAGE_ROUND_DOWN(addr), len);
        if (!start)
            return -ENOMEM;
    }

    struct shm_object *obj = 0;
    if ((flags & MAP_ANONYMOUS) && type == MAP_SHARED && !(obj = shm_create(len >> PAGE_SHIFT, 0)))
        return -ENOMEM;
    if (ip && ip->shm) {
        obj = ip->shm;                  /* a tmpfs file: map its object */
        shm_get(obj);
    }
    if ((flags & MAP_FIXED) && vma_unmap(mm, start, start + len) < 0)
        goto nomem;
    uint32_t vmf = vm_flags(prot) | (type == MAP_SHARED ? VM_SHARED : 0);
    uint32_t off = pgoff << PAGE_SHIFT, file_len = 0;
    if (ip)
        file_len = off >= ip->size ? 0 : (ip->size - off < len ? ip->size - off : len);
    if (ip) {
        struct file *f = fdtable_get(proc_files(), fd);
        vmf |= may_write(ip, type, f->flags);
    }
    struct vma *v = vma_add(mm, start, start + len, vmf, ip, off, file_len);
    if (!v)
        goto nomem;
    v->shm = obj;
    v->shm_pgoff = obj && ip ? pgoff : 0;
    return start;
nomem:
    if (obj)
        shm_put(obj);
    return -ENOMEM;
}

struct mmap_arg_struct {
    uint32_t addr, len, prot, flags;
    int32_t fd;
    uint32_t offset;
};

long sys_old_mmap(const void *uargs)
{
    struct mmap_arg_struct a;
    if (copy_from_user(&a, uargs, sizeof a) < 0)
        return -EFAULT;
    if (a.offset & ~PAGE_MASK)
        return -EINVAL;
    return sys_mmap2(a.addr, a.len, a.prot, a.flags, a.fd, a.offset >> PAGE_SHIFT);
}

long sys_munmap(uint32_t addr, uint32_t len)
{
    if ((addr & ~PAGE_MASK) || len == 0 || addr >= USER_TOP || len > USER_TOP - addr)
        return -EINVAL;
    return vma_unmap(current->mm, addr, addr + PAGE_ROUND_UP(len));
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

long sys_mprotect(uint32_t addr, uint32_t len, uint32_t prot)
{
    struct mm *mm = current->mm;
    if ((addr & ~PAGE_MASK) || prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC))
        return -EINVAL;
    uint32_t end = addr + PAGE_ROUND_UP(len);
    if (end < addr || end > USER_TOP)
        return -ENOMEM;
    if (len == 0)
        return 0;
    /* Every page must be mapped, and a shared file cannot become writable. */
    for (uint32_t a = addr; a < end;) {
        struct vma *v = vma_find(mm, a);
        if (!v)
            return -ENOMEM;
        if ((prot & PROT_WRITE) && v->file && (v->flags & VM_SHARED) &&
            !(v->flags & VM_MAYWRITE))
            return -EACCES;
        a = v->end;
    }
    struct vma *v = vma_find(mm, addr);
    if (v->start < addr && !(v = vma_split(mm, v, addr)))
        return -ENOMEM;
    struct vma *last = vma_find(mm, end - 1);
    if (last->end > end && !vma_split(mm, last, end))
        return -ENOMEM;
    for (v = vma_find(mm, addr); v && v->start < end; v = v->next) {
        v->flags = (v->flags & ~(VM_READ | VM_WRITE | VM_EXEC)) | vm_flags(prot);
        for (uint32_t a = v->start; a < v->end; a += PAGE_SIZE) {
            pte_t *pte = pgtable_walk(mm->pgdir, a, false);
            if (pte && pte_present(*pte))
                pgtable_set(mm->pgdir, a, pte, protected_pte(v, *pte));
        }
    }
    vma_merge(mm, vma_find(mm, addr));
    if (end < USER_TOP && vma_find(mm, end))
        vma_merge(mm, vma_find(mm, end));
    return 0;
}
