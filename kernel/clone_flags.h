/* clone_flags.h: the flags of clone(2) (Linux's values) and which sets of
 * them this kernel supports (kernel/clone_flags.c, host-tested). */
#ifndef KERNEL_CLONE_FLAGS_H
#define KERNEL_CLONE_FLAGS_H

#include <stdint.h>

#define CSIGNAL              0x000000FFu   /* the signal sent to the parent at exit */
#define CLONE_VM             0x00000100u   /* share the address space */
#define CLONE_FS             0x00000200u   /* share cwd, root, umask */
#define CLONE_FILES          0x00000400u   /* share the descriptor table */
#define CLONE_SIGHAND        0x00000800u   /* share signal handlers */
#define CLONE_PIDFD          0x00001000u   /* return a pidfd */
#define CLONE_PTRACE         0x00002000u
#define CLONE_VFORK          0x00004000u   /* parent sleeps until the child execs or exits */
#define CLONE_PARENT         0x00008000u   /* the child is a sibling, not a child */
#define CLONE_THREAD         0x00010000u   /* same thread group */
#define CLONE_NEWNS          0x00020000u
#define CLONE_SYSVSEM        0x00040000u
#define CLONE_SETTLS         0x00080000u   /* the child's TLS descriptor (a struct user_desc) */
#define CLONE_PARENT_SETTID  0x00100000u   /* store the child's tid in the parent */
#define CLONE_CHILD_CLEARTID 0x00200000u   /* clear (and wake) the child's tid word at exit */
#define CLONE_DETACHED       0x00400000u   /* ignored, as by Linux */
#define CLONE_UNTRACED       0x00800000u
#define CLONE_CHILD_SETTID   0x01000000u   /* store the child's tid in the child */
#define CLONE_NEWCGROUP      0x02000000u
#define CLONE_NEWUTS         0x04000000u
#define CLONE_NEWIPC         0x08000000u
#define CLONE_NEWUSER        0x10000000u
#define CLONE_NEWPID         0x20000000u
#define CLONE_NEWNET         0x40000000u
#define CLONE_IO             0x80000000u

/* Returns 0 if clone can do what flags ask, else -EINVAL: the
 * combinations Linux itself refuses, and what needs more than one thread
 * per process or shared tables this kernel does not have (CLONE_THREAD,
 * CLONE_SIGHAND, CLONE_FILES, CLONE_FS, CLONE_VM without CLONE_VFORK,
 * namespaces, pidfds). */
int clone_flags_check(uint32_t flags);

#endif
