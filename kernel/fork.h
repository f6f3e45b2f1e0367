/* fork.h: making processes: fork, vfork, clone, and the thread-id words
 * that clone and set_tid_address set up (kernel/fork.c). */
#ifndef KERNEL_FORK_H
#define KERNEL_FORK_H

#include <stdint.h>

struct proc;
struct mm;
struct user_desc;

/* The first kernel code a new process runs (from proc_alloc's first
 * context, before trap_return): CLONE_CHILD_SETTID's store of its tid,
 * done in its own address space. */
void fork_child_start(void);

/* p is leaving its address space (exit, or exec replacing it); the mm is
 * still current. Clears CLONE_CHILD_CLEARTID's word when the mm is
 * shared with another process (a vfork child's), as Linux does. */
void fork_clear_child_tid(struct proc *p);

/* p no longer uses mm (p->mm already changed): destroys it, unless p
 * borrowed it from its vfork parent; and wakes a parent waiting in vfork. */
void fork_mm_put(struct proc *p, struct mm *mm);

/* System calls (Linux i386 numbers in kernel/syscall.c). */
long sys_fork(void);
long sys_vfork(void);
long sys_clone(uint32_t flags, uint32_t newsp, int *parent_tid, struct user_desc *tls,
               int *child_tid);
long sys_clone3(void);
long sys_set_tid_address(int *tidptr);
long sys_set_robust_list(void *head, uint32_t len);
long sys_gettid(void);
long sys_rseq(void);

#endif
