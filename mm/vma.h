/* vma.h: struct vma, one region of an address space: its range, its
 * protection, and what backs its pages (nothing: zero-fill; or a file and
 * offset, the rest of the region zero-filled). The regions of a struct mm
 * are kept sorted by address in a singly linked list. */
#ifndef MM_VMA_H
#define MM_VMA_H

#include <stdint.h>

struct inode;
struct mm;
struct shm_object;

/* Protection (the access the region allows). */
#define VM_READ  0x1
#define VM_WRITE 0x2
#define VM_EXEC  0x4
/* Kinds and flags. */
#define VM_SHARED    0x10       /* writes are seen by every mapper */
#define VM_GROWSDOWN 0x20       /* the stack: grows down on faults below it */
#define VM_HEAP      0x40       /* the brk heap */
#define VM_SYSV      0x80       /* a System V shared memory attachment */
#define VM_MAYWRITE  0x100      /* shared file mapping that mprotect may make writable */
#define VM_LOCKED    0x200      /* mlock: pages faulted in, never evicted */

struct vma {
    uint32_t start, end;        /* page-aligned, [start, end) */
    uint32_t flags;             /* VM_* */
    struct inode *file;         /* backing file, or NULL (the region holds a
                                   reference on it: inode_get) */
    uint32_t file_off;          /* file offset of `start` (page-aligned) */
    uint32_t file_len;          /* bytes from `start` that come from the file;
                                   the rest of the region reads as zero */
    struct shm_object *shm;     /* shared memory object (shared anonymous,
                                   System V, a tmpfs file), or NULL */
    uint32_t shm_pgoff;         /* the object's page number at `start` */
    struct vma *next;
};

/* Returns the region containing addr, or NULL. */
struct vma *vma_find(struct mm *mm, uint32_t addr);

/* Returns the first region that ends above addr (it may start above addr),
 * or NULL: the region a growing stack or heap would run into. */
struct vma *vma_find_above(struct mm *mm, uint32_t addr);

/* Adds the region [start, end) with flags, backed by file (may be NULL).
 * Returns it, or NULL if it is empty, not page-aligned, reaches the kernel
 * half, overlaps another region, or no memory is left. The system calls
 * check their ranges first (mm/urange.c); this refusal is the last line. */
struct vma *vma_add(struct mm *mm, uint32_t start, uint32_t end, uint32_t flags,
                    struct inode *file, uint32_t file_off, uint32_t file_len);

/* Unlinks and frees region v of mm (its pages must be unmapped first). */
void vma_remove(struct mm *mm, struct vma *v);

/* Splits v at addr (page-aligned, strictly inside v: panics otherwise): v
 * keeps [start, addr), a new region after it gets [addr, end) with the
 * same backing at the right offset. Returns the new region, or NULL when
 * out of memory. */
struct vma *vma_split(struct mm *mm, struct vma *v, uint32_t addr);

/* Removes every region, or part of one, in [start, end) (page-aligned,
 * start <= end <= USER_TOP) and unmaps its pages (frames and swap slots
 * released); holes are skipped. Returns 0 or -ENOMEM (a region could not
 * be split; nothing was unmapped). */
int vma_unmap(struct mm *mm, uint32_t start, uint32_t end);

/* mprotect's edit: gives every page of [start, end) (page-aligned, start <
 * end <= USER_TOP) the protection prot (VM_READ|VM_WRITE|VM_EXEC),
 * splitting regions at the edges, changing the present PTEs, and merging
 * what then matches. Returns 0; -ENOMEM if a page of the range is in no
 * region or a split found no memory; -EACCES if a shared file mapping
 * would become writable. On an error nothing changed. */
int vma_protect(struct mm *mm, uint32_t start, uint32_t end, uint32_t prot);

/* Sets the flags of every page of [start, end) (page-aligned, start < end
 * <= USER_TOP) to (flags & ~clear) | set, splitting regions at the edges
 * and merging what then matches. Returns 0, or -ENOMEM (a page in no
 * region, or no memory for a split) with nothing changed. */
int vma_change_flags(struct mm *mm, uint32_t start, uint32_t end, uint32_t clear, uint32_t set);

/* Merges the regions that touch [start, end] with their neighbours where
 * they touch and have the same flags and no backing (anonymous private
 * memory and heap pieces; never the stack). */
void vma_merge(struct mm *mm, uint32_t start, uint32_t end);

/* The invariants of mm's region list: sorted, no overlap, no empty or
 * unaligned region, none reaching the kernel half, none past the end of
 * its shared anonymous or System V object (those never change size; a
 * tmpfs file may, and its pages past the end give SIGBUS). Returns NULL when they hold, else what broke. */
const char *vma_check(const struct mm *mm);

/* Panics, naming the system call `after` and what broke, when vma_check
 * fails: called after every system call that edits regions. */
void vma_verify(const struct mm *mm, const char *after);

/* Copies every region of src into dst (fork); the copies are not locked
 * (mlock is not inherited). Returns 0 or -ENOMEM (dst's regions are then
 * freed). */
int vma_copy_all(struct mm *dst, const struct mm *src);

/* Frees every region of mm (the pages are unmapped by the caller). */
void vma_free_all(struct mm *mm);

/* "r-xp"-style protection string of a region (4 characters + NUL). */
void vma_perms(const struct vma *v, char out[5]);

#endif
