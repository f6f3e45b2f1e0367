/* mem_edges.c: Linux's answers to memory calls where qemu-user (which
 * answers mmap, mprotect, mremap, madvise, msync and mlock for the
 * programs it runs, largely by itself) gives others, so this program's
 * verdict is not compared with a host run: MAP_FIXED_NOREPLACE, mprotect
 * of length 0 or over a hole, mremap of length 0 or of an unmapped range,
 * madvise, msync, mlock and munlock over unmapped pages, unknown advice,
 * mlock2, mlockall and munlockall, and /proc/meminfo's Mlocked. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"

#define P 4096u
#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

static char *map(size_t len)
{
    return mmap(0, len, RW, ANON, -1, 0);
}

/* p and its neighbour pages: [p, p+P) mapped, [p+P, p+2P) a hole,
 * [p+2P, p+3P) mapped, all three bytes 'h'. */
static char *with_hole(void)
{
    char *p = map(3 * P);
    memset(p, 'h', 3 * P);
    munmap(p + P, P);
    return p;
}

static int resident(const char *p)
{
    unsigned char v = 0;
    return mincore((void *)p, P, &v) == 0 && (v & 1);
}

/* /proc/meminfo's value for key, in kB, or -1. */
static long meminfo(const char *key)
{
    FILE *f = fopen("/proc/meminfo", "r");
    char line[128];
    long v = -1;
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, key, strlen(key)) == 0)
            v = strtol(line + strlen(key), 0, 10);
    if (f)
        fclose(f);
    return v;
}

static void test_mmap_mprotect_mremap(void)
{
    char *p = map(3 * P);
    memset(p, 'a', 3 * P);
    errno = 0;
    CHECK("MAP_FIXED_NOREPLACE over a mapping is EEXIST",
          mmap(p + P, P, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0) == MAP_FAILED && errno == EEXIST);
    CHECK("EEXIST left the mapping alone", p[P] == 'a');
    munmap(p + 2 * P, P);
    CHECK("MAP_FIXED_NOREPLACE on free room maps there",
          mmap(p + 2 * P, P, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0) == p + 2 * P);
    munmap(p, 3 * P);

    p = with_hole();
    CHECK("mprotect of length 0 succeeds", mprotect(p, 0, PROT_READ) == 0);
    errno = 0;
    CHECK("mprotect over a hole is ENOMEM", mprotect(p, 3 * P, PROT_READ) == -1 && errno == ENOMEM);
    p[0] = 'w';
    CHECK("the first page is still writable", p[0] == 'w');
    errno = 0;
    CHECK("mremap to length 0 is EINVAL", mremap(p, P, 0, MREMAP_MAYMOVE) == MAP_FAILED &&
          errno == EINVAL);
    errno = 0;
    CHECK("mremap growing an unmapped range is EFAULT",
          mremap(p + P, P, 2 * P, MREMAP_MAYMOVE) == MAP_FAILED && errno == EFAULT);
    errno = 0;
    CHECK("mremap growing across a hole is EFAULT",
          mremap(p, 3 * P, 4 * P, MREMAP_MAYMOVE) == MAP_FAILED && errno == EFAULT);
    munmap(p, 3 * P);
}

static void test_madvise_msync(void)
{
    char *p = with_hole();
    errno = 0;
    CHECK("unknown advice is EINVAL", madvise(p, P, 999) == -1 && errno == EINVAL);
    errno = 0;
    CHECK("madvise over a hole is ENOMEM", madvise(p, 3 * P, MADV_DONTNEED) == -1 && errno == ENOMEM);
    CHECK("but the mapped pages were advised", p[0] == 0 && p[2 * P] == 0);
    errno = 0;
    CHECK("madvise of an unmapped page is ENOMEM",
          madvise(p + P, P, MADV_NORMAL) == -1 && errno == ENOMEM);
    errno = 0;
    CHECK("madvise with a length wrapping past 4 GiB is EINVAL",
          madvise(p, 0xFFFFFFFFu, MADV_NORMAL) == -1 && errno == EINVAL);
    CHECK("MADV_FREE on private anonymous memory", madvise(p, P, MADV_FREE) == 0);
    errno = 0;
    CHECK("msync over a hole is ENOMEM", msync(p, 3 * P, MS_SYNC) == -1 && errno == ENOMEM);
    munmap(p, 3 * P);
}

static void test_mlock(void)
{
    char *p = with_hole();
    errno = 0;
    CHECK("mlock over a hole is ENOMEM", mlock(p, 3 * P) == -1 && errno == ENOMEM);
    errno = 0;
    CHECK("munlock over a hole is ENOMEM", munlock(p, 3 * P) == -1 && errno == ENOMEM);
    munmap(p, 3 * P);

    p = map(4 * P);
    errno = 0;
    CHECK("mlock2 with unknown flags is EINVAL", mlock2(p, P, 0x10) == -1 && errno == EINVAL);
    CHECK("mlock2 MLOCK_ONFAULT leaves pages out", mlock2(p, 2 * P, MLOCK_ONFAULT) == 0 &&
          !resident(p));
    CHECK("mlock2 with no flags faults them in", mlock2(p + 2 * P, 2 * P, 0) == 0 &&
          resident(p + 3 * P));
    munlock(p, 4 * P);
    munmap(p, 4 * P);

    errno = 0;
    CHECK("mlockall(0) is EINVAL", mlockall(0) == -1 && errno == EINVAL);
    errno = 0;
    CHECK("mlockall(MCL_ONFAULT) alone is EINVAL", mlockall(MCL_ONFAULT) == -1 && errno == EINVAL);
    CHECK("mlockall(MCL_CURRENT|MCL_FUTURE)", mlockall(MCL_CURRENT | MCL_FUTURE) == 0);
    p = map(2 * P);
    CHECK("a new mapping after MCL_FUTURE is faulted in", resident(p) && resident(p + P));
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        char *c = map(P);
        _exit(resident(c) ? 1 : 0);     /* locks are not inherited */
    }
    int status = -1;
    waitpid(pid, &status, 0);
    CHECK("a child does not inherit MCL_FUTURE", WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK("munlockall", munlockall() == 0);
    char *q = map(P);
    CHECK("after munlockall a new mapping is not faulted in", !resident(q));
    munmap(p, 2 * P);
    munmap(q, P);
}

/* Mlocked in /proc/meminfo counts the pages locked regions map. */
static void test_meminfo(void)
{
    char *p = map(64 * P);
    long before = meminfo("Mlocked:");
    mlock(p, 64 * P);
    long locked = meminfo("Mlocked:");
    munlock(p, 64 * P);
    long after = meminfo("Mlocked:");
    printf("Mlocked: %ld kB, %ld kB with 256 kB locked, %ld kB after munlock\n", before, locked,
           after);
    CHECK("Mlocked counts 64 locked pages", before >= 0 && locked - before == 256);
    CHECK("Mlocked falls back after munlock", after == before);
    munmap(p, 64 * P);
}

int main(void)
{
    test_mmap_mprotect_mremap();
    test_madvise_msync();
    test_mlock();
    test_meminfo();
    return check_done("mem_edges");
}
