/* test_clone_flags.c: which clone(2) flag sets kernel/clone_flags.c lets
 * through: the sets glibc and musl use for fork, vfork and posix_spawn
 * with the thread-id and TLS options; the combinations Linux refuses; and
 * what would need threads or shared tables. */
#include "kernel/clone_flags.h"
#include "kernel/errno.h"
#include "unit.h"

#define SIGCHLD 17

static void test_library_sets(void)
{
    /* glibc's fork */
    CHECK(clone_flags_check(CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD) == 0);
    /* musl's fork, and fork(2) itself */
    CHECK(clone_flags_check(SIGCHLD) == 0);
    /* vfork(2), glibc's and musl's posix_spawn */
    CHECK(clone_flags_check(CLONE_VM | CLONE_VFORK | SIGCHLD) == 0);
    CHECK(clone_flags_check(CLONE_VM | CLONE_VFORK) == 0);
    /* the thread-id and TLS options on either */
    uint32_t opts = CLONE_PARENT_SETTID | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | CLONE_SETTLS;
    CHECK(clone_flags_check(opts | SIGCHLD) == 0);
    CHECK(clone_flags_check(opts | CLONE_VM | CLONE_VFORK | SIGCHLD) == 0);
    /* flags Linux ignores or that change nothing here */
    CHECK(clone_flags_check(CLONE_DETACHED | CLONE_UNTRACED | CLONE_IO | CLONE_SYSVSEM | SIGCHLD) == 0);
    CHECK(clone_flags_check(CLONE_PARENT | SIGCHLD) == 0);
    CHECK(clone_flags_check(CLONE_VFORK | SIGCHLD) == 0);     /* vfork with a copy */
    CHECK(clone_flags_check(0) == 0);                         /* no exit signal */
    CHECK(clone_flags_check(0xFF) == 0);                      /* any exit signal number */
}

static void test_linux_refuses(void)
{
    CHECK(clone_flags_check(CLONE_THREAD | SIGCHLD) == -EINVAL);
    CHECK(clone_flags_check(CLONE_SIGHAND | SIGCHLD) == -EINVAL);
    CHECK(clone_flags_check(CLONE_NEWNS | CLONE_FS) == -EINVAL);
    CHECK(clone_flags_check(CLONE_NEWUSER | CLONE_FS) == -EINVAL);
    CHECK(clone_flags_check(CLONE_PIDFD | CLONE_DETACHED) == -EINVAL);
}

static void test_unsupported(void)
{
    /* what pthread_create asks for */
    CHECK(clone_flags_check(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD |
                            CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID |
                            CLONE_CHILD_CLEARTID) == -EINVAL);
    CHECK(clone_flags_check(CLONE_VM | CLONE_SIGHAND | CLONE_VFORK) == -EINVAL);
    CHECK(clone_flags_check(CLONE_VM | SIGCHLD) == -EINVAL);  /* a shared mm, both running */
    CHECK(clone_flags_check(CLONE_FILES | SIGCHLD) == -EINVAL);
    CHECK(clone_flags_check(CLONE_FS | SIGCHLD) == -EINVAL);
    CHECK(clone_flags_check(CLONE_PIDFD | SIGCHLD) == -EINVAL);
    uint32_t ns[] = { CLONE_NEWNS, CLONE_NEWCGROUP, CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWUSER,
                      CLONE_NEWPID, CLONE_NEWNET };
    for (unsigned i = 0; i < sizeof ns / sizeof ns[0]; i++)
        CHECK(clone_flags_check(ns[i] | SIGCHLD) == -EINVAL);
}

static const struct unit_case cases[] = {
    { "clone_flags_library_sets", test_library_sets },
    { "clone_flags_linux_refuses", test_linux_refuses },
    { "clone_flags_unsupported", test_unsupported },
};

UNIT_SUITE(cases)
