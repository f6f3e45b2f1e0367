/* rlimit.h: per-process resource limits (getrlimit, setrlimit, prlimit64)
 * with Linux's resource numbers, and the checks the memory code and the
 * descriptor table make against them. Inherited by fork, kept by exec. */
#ifndef KERNEL_RLIMIT_H
#define KERNEL_RLIMIT_H

#include <stdint.h>

#define RLIMIT_CPU 0
#define RLIMIT_FSIZE 1
#define RLIMIT_DATA 2
#define RLIMIT_STACK 3
#define RLIMIT_CORE 4
#define RLIMIT_RSS 5
#define RLIMIT_NPROC 6
#define RLIMIT_NOFILE 7
#define RLIMIT_MEMLOCK 8
#define RLIMIT_AS 9
#define RLIMIT_LOCKS 10
#define RLIMIT_SIGPENDING 11
#define RLIMIT_MSGQUEUE 12
#define RLIMIT_NICE 13
#define RLIMIT_RTPRIO 14
#define RLIMIT_RTTIME 15
#define RLIM_NLIMITS 16

#define RLIM64_INFINITY (~0ull)

/* Linux's struct rlimit64 (prlimit64), the form kept in struct proc. */
struct rlimit64 {
    uint64_t rlim_cur, rlim_max;
};

struct mm;

/* Fills rlim with the limits the first process starts with (Linux's
 * defaults: an 8 MiB stack, no core files, NOFILE descriptors). */
void rlimit_init(struct rlimit64 *rlim);

/* How many descriptors the current process may have: its RLIMIT_NOFILE
 * soft limit (never more than NOFILE, the table's size). */
int rlimit_fd_limit(void);

/* How far below the top of the user half the current process's stack may
 * grow: its RLIMIT_STACK soft limit, in bytes (clipped to 32 bits). */
uint32_t rlimit_stack_max(void);

/* May mm (the current process's) grow by grow bytes of a region with
 * vm_flags (mm/vma.h)? Checks RLIMIT_AS against all regions, and
 * RLIMIT_DATA against the private writable ones that are not the stack
 * (the heap and anonymous mappings), as Linux counts them. 1 or 0. */
int rlimit_vm_ok(struct mm *mm, uint32_t grow, uint32_t vm_flags);

long sys_getrlimit_old(int resource, uint32_t *urlim);                         /* 76 */
long sys_ugetrlimit(int resource, uint32_t *urlim);                            /* 191 */
long sys_setrlimit(int resource, const uint32_t *urlim);                       /* 75 */
long sys_prlimit64(int pid, int resource, const struct rlimit64 *unew,
                   struct rlimit64 *uold);                                     /* 340 */

#endif
