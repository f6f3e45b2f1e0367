/* mlock.h: locking pages in memory: mlock, mlock2, munlock, mlockall,
 * munlockall. A locked region (VM_LOCKED) has every page faulted in, and
 * page replacement never evicts a page that a locked region maps. */
#ifndef MM_MLOCK_H
#define MM_MLOCK_H

#include <stdint.h>

struct mm;
struct page;

long sys_mlock(uint32_t addr, uint32_t len);
long sys_mlock2(uint32_t addr, uint32_t len, uint32_t flags);
long sys_munlock(uint32_t addr, uint32_t len);
long sys_mlockall(uint32_t flags);
long sys_munlockall(void);

/* Is pg mapped by a locked region of some process? (Page replacement
 * asks before it evicts pg.) */
int mlock_page_locked(struct page *pg);

/* Pages that locked regions map now, over every process (/proc/meminfo's
 * Mlocked; a frame two processes lock counts twice). */
uint32_t mlock_count_pages(void);

#endif
