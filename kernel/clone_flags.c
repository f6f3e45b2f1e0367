/* clone_flags.c: which clone(2) flag sets are supported. A process here
 * has one thread and its own tables, so clone can make what fork, vfork
 * and posix_spawn need: a copy of the caller (glibc's fork: SIGCHLD |
 * CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID), or a child that borrows the
 * caller's address space while the caller sleeps (vfork and posix_spawn:
 * CLONE_VM | CLONE_VFORK | SIGCHLD), with the thread-id and TLS options.
 * Pure logic: also the host unit test tests/unit/test_clone_flags.c. */
#include "kernel/clone_flags.h"
#include "kernel/errno.h"

/* What clone accepts and honours (or, like Linux, ignores). */
#define SUPPORTED (CSIGNAL | CLONE_VM | CLONE_VFORK | CLONE_PARENT | CLONE_SETTLS | \
                   CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID | \
                   CLONE_DETACHED | CLONE_UNTRACED | CLONE_PTRACE | CLONE_SYSVSEM | CLONE_IO)

int clone_flags_check(uint32_t flags)
{
    /* Combinations Linux refuses with EINVAL. */
    if ((flags & (CLONE_NEWNS | CLONE_FS)) == (CLONE_NEWNS | CLONE_FS))
        return -EINVAL;
    if ((flags & (CLONE_NEWUSER | CLONE_FS)) == (CLONE_NEWUSER | CLONE_FS))
        return -EINVAL;
    if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
        return -EINVAL;
    if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
        return -EINVAL;
    if ((flags & CLONE_PIDFD) && (flags & CLONE_DETACHED))
        return -EINVAL;
    /* What needs sharing this kernel does not have. */
    if (flags & ~SUPPORTED)
        return -EINVAL;
    /* A shared address space only while the parent sleeps (vfork): two
     * processes running in one mm would need reference-counted mms. */
    if ((flags & CLONE_VM) && !(flags & CLONE_VFORK))
        return -EINVAL;
    return 0;
}
