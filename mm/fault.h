/* fault.h: the page-fault handler, entered from trap_dispatch for #PF. */
#ifndef MM_FAULT_H
#define MM_FAULT_H

#include <stdint.h>

struct trapframe;

/* The page-fault error code the CPU pushes. */
#define FAULT_PRESENT 0x1       /* 0: page not present; 1: protection */
#define FAULT_WRITE   0x2
#define FAULT_USER    0x4       /* the access came from ring 3 */

/* Decides a page fault (see the table in fault.c). Returns when the access
 * may be retried (or, in a user-access loop, resumes at its -EFAULT
 * fix-up); kills the process for a bad user access; never returns for a
 * kernel bug (panic with diagnosis). */
void fault_handle(struct trapframe *tf);

struct mm;

/* Faults in every page of [start, end) (page-aligned) of mm, the current
 * address space, as a touch would: for mlock, MAP_POPULATE, MAP_LOCKED
 * and MADV_POPULATE_*. Private writable pages get their own frame (a
 * write fault); regions with no access are skipped. May sleep. Returns
 * 0, -ENOMEM (a page in no region, or no memory), -EFAULT (the page
 * cannot be had: past the end of a shared file, a swap read error) or
 * -EINTR (the process was killed meanwhile). */
int fault_populate(struct mm *mm, uint32_t start, uint32_t end);

/* Counters for /proc/vmstat and the tests. */
struct fault_stats {
    uint32_t faults;            /* every page fault */
    uint32_t kernel_bugs;       /* kernel faults outside the user-access loops */
    uint32_t zero_fill;         /* pages filled with zeros on first touch
                                   (or on the first write after the zero page) */
    uint32_t zero_page;         /* first reads that mapped the zero page */
    uint32_t file_fill;         /* pages filled from a file on first touch */
    uint32_t cow_copy;          /* copy-on-write faults that copied the page */
    uint32_t cow_reuse;         /* ... that took the page over (count 1) */
    uint32_t swap_in;           /* pages read back from swap */
    uint32_t signals;           /* faults that became SIGSEGV or SIGBUS for a process */
};
extern struct fault_stats fault_stats;

#endif
