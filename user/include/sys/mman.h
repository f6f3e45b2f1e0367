/* sys/mman.h: mapping memory. mmap is a C wrapper over the mmap2 system call
 * (192), whose offset is counted in 4096-byte pages; mremap (163), madvise
 * (219), mincore (218), mlock (150), munlock (151) and msync (144) are the
 * system calls themselves. */
#ifndef _SYS_MMAN_H
#define _SYS_MMAN_H

#include <sys/types.h>

#define PROT_NONE  0
#define PROT_READ  1
#define PROT_WRITE 2
#define PROT_EXEC  4

#define MAP_SHARED    0x01
#define MAP_PRIVATE   0x02
#define MAP_FIXED     0x10
#define MAP_ANONYMOUS 0x20
#define MAP_ANON      MAP_ANONYMOUS

#define MAP_FAILED ((void *)-1)

#define MREMAP_MAYMOVE 1
#define MREMAP_FIXED   2

#define MADV_NORMAL   0
#define MADV_DONTNEED 4

#define MS_ASYNC 1
#define MS_SYNC  4

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t offset);
void *mmap2(void *addr, size_t len, int prot, int flags, int fd, unsigned long pgoff);
int munmap(void *addr, size_t len);
int mprotect(void *addr, size_t len, int prot);
void *mremap(void *addr, size_t old_len, size_t new_len, int flags, void *new_addr);
int madvise(void *addr, size_t len, int advice);
int mincore(void *addr, size_t len, unsigned char *vec);
int mlock(const void *addr, size_t len);
int munlock(const void *addr, size_t len);
int msync(void *addr, size_t len, int flags);

#endif
