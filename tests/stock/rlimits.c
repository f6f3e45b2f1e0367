/* rlimits.c: the memory limits at work: RLIMIT_AS makes a large malloc
 * (and mmap) fail with ENOMEM while small ones still work, RLIMIT_DATA
 * stops brk, RLIMIT_STACK stops the stack's growth (the child dies of
 * SIGSEGV), and fork passes limits on. Each case runs in a child.
 * (Under qemu-user these limits are accepted but not applied, so this
 * program has no host reference.) */
#define _GNU_SOURCE
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"

#define MiB (1024 * 1024)

/* Runs fn in a child; returns its wait status. */
static int in_child(int (*fn)(void))
{
    fflush(stdout);
    pid_t c = fork();
    if (c == 0)
        _exit(fn());
    int status = -1;
    waitpid(c, &status, 0);
    return status;
}

static int limit(int resource, rlim_t bytes)
{
    struct rlimit r;
    getrlimit(resource, &r);
    r.rlim_cur = bytes;
    return setrlimit(resource, &r);
}

static int address_space(void)
{
    if (limit(RLIMIT_AS, 64 * MiB) < 0)
        return 10;
    errno = 0;
    void *big = malloc(128 * MiB);
    int e = errno;
    CHECK("RLIMIT_AS 64 MiB: malloc(128 MiB) fails with ENOMEM", big == NULL && e == ENOMEM);
    void *m = mmap(0, 128 * MiB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK("RLIMIT_AS 64 MiB: mmap(128 MiB) fails with ENOMEM", m == MAP_FAILED && errno == ENOMEM);
    char *small = malloc(1 * MiB);
    CHECK("RLIMIT_AS 64 MiB: malloc(1 MiB) still works", small != NULL);
    if (small)
        memset(small, 1, MiB);
    return check_failed;
}

static int data_size(void)
{
    if (limit(RLIMIT_DATA, 8 * MiB) < 0)
        return 10;
    void *start = sbrk(0);
    errno = 0;
    CHECK("RLIMIT_DATA 8 MiB: sbrk(16 MiB) fails with ENOMEM",
          sbrk(16 * MiB) == (void *)-1 && errno == ENOMEM);
    CHECK("RLIMIT_DATA 8 MiB: the break did not move", sbrk(0) == start);
    CHECK("RLIMIT_DATA 8 MiB: sbrk(1 MiB) works", sbrk(1 * MiB) == start);
    return check_failed;
}

/* Uses about depth KiB of stack. */
static int recurse(int depth)
{
    volatile char page[1024];
    page[0] = (char)depth;
    if (depth == 0)
        return 0;
    return recurse(depth - 1) + page[0];
}

static int deep_stack(void)
{
    return recurse(2048) == 12345;             /* 2 MiB; the sum is never 12345 */
}

static int small_stack(void)
{
    if (limit(RLIMIT_STACK, 1 * MiB) < 0)
        return 10;
    return deep_stack();
}

static int inherited(void)
{
    struct rlimit r;
    getrlimit(RLIMIT_AS, &r);
    return r.rlim_cur == 96 * MiB ? 0 : 1;
}

int main(void)
{
    int st = in_child(address_space);
    CHECK("RLIMIT_AS child", WIFEXITED(st) && WEXITSTATUS(st) == 0);
    st = in_child(data_size);
    CHECK("RLIMIT_DATA child", WIFEXITED(st) && WEXITSTATUS(st) == 0);
    st = in_child(deep_stack);
    CHECK("2 MiB of stack with the default limit", WIFEXITED(st) && WEXITSTATUS(st) == 0);
    st = in_child(small_stack);
    CHECK("2 MiB of stack with RLIMIT_STACK 1 MiB: SIGSEGV", WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
    struct rlimit r;
    getrlimit(RLIMIT_AS, &r);
    limit(RLIMIT_AS, 96 * MiB);
    st = in_child(inherited);
    CHECK("fork passes RLIMIT_AS on", WIFEXITED(st) && WEXITSTATUS(st) == 0);
    setrlimit(RLIMIT_AS, &r);
    return check_done("rlimits");
}
