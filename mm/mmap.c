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
#include "kernel/rlimit.h"
#include "mm/fault.h"
#include "mm/frame.h"
#include "mm/layout.h"
#include "mm/mm.h"
#include "mm/pgtable.h"
#include "mm/shmem.h"
#include "mm/uaccess.h"
#include "mm/urange.h"
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
    /* Top-down: the highest gap between low and STACK_RESERVED that holds
     * len, placed at the gap's top. One pass over the sorted list, gaps
     * in rising order, the last that fits wins: asking the list again
     * below each region in the way cost O(regions^2) a call, and a
     * program with thousands of regions waited minutes for one mmap. */
    uint32_t best = 0, floor = low;
    for (struct vma *v = mm->vmas;; v = v->next) {
        uint32_t gap_end = v && v->start < STACK_RESERVED ? v->start : STACK_RESERVED;
        if (gap_end > floor && gap_end - floor >= len)
            best = gap_end - len;
        if (!v || v->start >= STACK_RESERVED)
            return best;
        if (v->end > floor)
            floor = v->end;
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

/* The range of a new mapping: at addr exactly (MAP_FIXED; also for
 * MAP_FIXED_NOREPLACE, which fails with -EEXIST where a region is), or
 * wherever there is room, near the hint addr if it is free. Returns 0
 * and the range in *r, or -errno. Nothing is changed. */
static int mmap_place(struct mm *mm, uint32_t addr, uint32_t len, uint32_t flags,
                      struct urange *r)
{
    if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
        int err = urange_check(addr, len, URANGE_ALIGNED | URANGE_MAP_MIN, -ENOMEM, r);
        if (err)
            return err;
        struct vma *v = vma_find_above(mm, r->start);
        if ((flags & MAP_FIXED_NOREPLACE) && v && v->start < r->end)
            return -EEXIST;
        return 0;
    }
    int err = urange_check(0, len, 0, -ENOMEM, r);     /* the length alone */
    if (err)
        return err;
    uint32_t hint = addr < USER_TOP ? PAGE_ROUND_UP(addr) : 0;  /* Linux rounds it up */
    r->start = mmap_find_room(mm, hint, r->end);
    if (!r->start)
        return -ENOMEM;
    r->end += r->start;
    return 0;
}

long sys_mmap2(uint32_t addr, uint32_t len, uint32_t prot, uint32_t flags, int fd,
               uint32_t pgoff)
{
    struct mm *mm = current->mm;
    uint32_t type = flags & MAP_TYPE;
    int anon = (flags & MAP_ANONYMOUS) != 0;
    if (!anon && !fdtable_get(proc_files(), fd))
        return -EBADF;
    /* MAP_SHARED_VALIDATE (both type bits) is for files only. */
    if (len == 0 || (type != MAP_SHARED && type != MAP_PRIVATE &&
                     (anon || type != MAP_SHARED_VALIDATE)))
        return -EINVAL;
    type = type == MAP_PRIVATE ? MAP_PRIVATE : MAP_SHARED;
    struct urange r;
    int err = mmap_place(mm, addr, len, flags, &r);
    if (err)
        return err;
    len = r.end - r.start;
    /* The offset of an anonymous mapping means nothing and is ignored;
     * a file's must fit in our 32-bit file offsets. */
    if (!anon && (pgoff > (0xFFFFFFFFu >> PAGE_SHIFT) || pgoff + (len >> PAGE_SHIFT) < pgoff))
        return pgoff + (len >> PAGE_SHIFT) < pgoff ? -EOVERFLOW : -EINVAL;

    struct inode *ip = 0;
    if (!anon && !(ip = mapped_file(fd, prot, type, &err)))
        return err;
    if (ip && S_ISCHR(ip->mode)) {
        anon = 1;                       /* /dev/zero */
        ip = 0;
    }
    if (!rlimit_vm_ok(mm, len, vm_flags(prot) | (type == MAP_SHARED ? VM_SHARED : 0)))
        return -ENOMEM;                 /* RLIMIT_AS, RLIMIT_DATA */
    struct shm_object *obj = 0;
    if (anon && type == MAP_SHARED && !(obj = shm_create(len >> PAGE_SHIFT, 0)))
        return -ENOMEM;
    if (ip && ip->shm) {
        obj = ip->shm;                  /* a tmpfs file: map its object */
        shm_get(obj);
    }
    if ((flags & MAP_FIXED) && vma_unmap(mm, r.start, r.end) < 0)
        goto nomem;                     /* MAP_FIXED replaces what was there */
    uint32_t vmf = vm_flags(prot) | (type == MAP_SHARED ? VM_SHARED : 0) | mm->def_flags |
                   ((flags & MAP_LOCKED) ? VM_LOCKED : 0);
    uint32_t off = anon ? 0 : pgoff << PAGE_SHIFT, file_len = 0;
    if (ip) {
        file_len = off >= ip->size ? 0 : (ip->size - off < len ? ip->size - off : len);
        vmf |= may_write(ip, type, fdtable_get(proc_files(), fd)->flags);
    }
    struct vma *v = vma_add(mm, r.start, r.end, vmf, ip, off, file_len);
    if (!v)
        goto nomem;
    v->shm = obj;
    v->shm_pgoff = obj && ip ? pgoff : 0;
    vma_verify(mm, "mmap");
    /* Locked or MAP_POPULATE: fault the pages in now (Linux ignores the
     * pages it cannot have here; they fault later like any). */
    if ((vmf & VM_LOCKED) || (flags & (MAP_POPULATE | MAP_NONBLOCK)) == MAP_POPULATE)
        fault_populate(mm, r.start, r.end);
    return r.start;
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
    struct urange r;
    int err = urange_check(addr, len, URANGE_ALIGNED, -EINVAL, &r);
    if (err)
        return err;
    err = vma_unmap(current->mm, r.start, r.end);
    vma_verify(current->mm, "munmap");
    return err;
}

long sys_mprotect(uint32_t addr, uint32_t len, uint32_t prot)
{
    struct urange r;
    prot &= ~(PROT_GROWSDOWN | PROT_GROWSUP);
    int err = urange_check(addr, len, URANGE_ALIGNED | URANGE_EMPTY_OK, -ENOMEM, &r);
    if (err || r.start == r.end)
        return err;
    if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM))
        return -EINVAL;
    err = vma_protect(current->mm, r.start, r.end, vm_flags(prot));
    vma_verify(current->mm, "mprotect");
    return err;
}
