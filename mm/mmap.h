/* mmap.h: mapping memory: mmap2, the old mmap, munmap, mprotect, and the
 * placement of new regions (shared with System V shared memory). */
#ifndef MM_MMAP_H
#define MM_MMAP_H

#include <stdint.h>

#define PROT_NONE  0x0
#define PROT_READ  0x1
#define PROT_WRITE 0x2
#define PROT_EXEC  0x4
#define PROT_SEM   0x8          /* accepted, means nothing here */
#define PROT_GROWSDOWN 0x01000000
#define PROT_GROWSUP   0x02000000

#define MAP_SHARED    0x01
#define MAP_PRIVATE   0x02
#define MAP_SHARED_VALIDATE 0x03
#define MAP_TYPE      0x0f
#define MAP_FIXED     0x10
#define MAP_ANONYMOUS 0x20
#define MAP_LOCKED    0x2000
#define MAP_POPULATE  0x8000
#define MAP_NONBLOCK  0x10000
#define MAP_FIXED_NOREPLACE 0x100000

struct mm;

/* A free range of len bytes for a new region: hint if that is page-
 * aligned, free and usable, else the highest free range below the stack's
 * reserved 8 MiB and above the heap. Returns its start, or 0 if there is none. */
uint32_t mmap_find_room(struct mm *mm, uint32_t hint, uint32_t len);

long sys_mmap2(uint32_t addr, uint32_t len, uint32_t prot, uint32_t flags, int fd,
               uint32_t pgoff);
long sys_old_mmap(const void *uargs);
long sys_munmap(uint32_t addr, uint32_t len);
long sys_mprotect(uint32_t addr, uint32_t len, uint32_t prot);
long sys_mremap(uint32_t addr, uint32_t old_len, uint32_t new_len, uint32_t flags,
                uint32_t new_addr);

#endif
