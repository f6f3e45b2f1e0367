/* rusage.c: getrusage's page-fault counts, the textbook's measure of
 * demand paging: touching N fresh pages costs at least N minor faults and
 * no major one; a child's faults reach the parent through wait4's rusage
 * and RUSAGE_CHILDREN once it has been waited for; CPU time shows in
 * ru_utime + ru_stime. */
#define _GNU_SOURCE
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

#define PAGES 200

static long usage_us(const struct rusage *r)
{
    return (r->ru_utime.tv_sec + r->ru_stime.tv_sec) * 1000000L + r->ru_utime.tv_usec +
           r->ru_stime.tv_usec;
}

/* Maps PAGES fresh pages and writes one byte in each. */
static void touch_pages(void)
{
    char *p = mmap(0, PAGES * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (int i = 0; i < PAGES; i++)
        p[i * 4096] = 1;
}

static void self(void)
{
    struct rusage a, b;
    CHECK("getrusage(RUSAGE_SELF)", getrusage(RUSAGE_SELF, &a) == 0);
    touch_pages();
    getrusage(RUSAGE_SELF, &b);
    printf("minflt %ld -> %ld, majflt %ld -> %ld\n", a.ru_minflt, b.ru_minflt, a.ru_majflt, b.ru_majflt);
    CHECK("touching 200 fresh pages: at least 200 minor faults", b.ru_minflt - a.ru_minflt >= PAGES);
    /* Fresh anonymous pages are never read from a disk. A host that runs
     * this through qemu-i386 may count a major fault or two of the
     * emulator's own (its code read back from disk): allowed for. */
    CHECK("... and (almost) no major fault", b.ru_majflt - a.ru_majflt < 3);
    getrusage(RUSAGE_SELF, &a);
    getrusage(RUSAGE_SELF, &b);
    CHECK("no touch, (almost) no fault", b.ru_minflt - a.ru_minflt < 5);
    struct timespec t0, t1;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
    volatile unsigned x = 0;
    do {
        for (int i = 0; i < 10000; i++)
            x += i;
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
    } while ((t1.tv_sec - t0.tv_sec) * 1000000000L + t1.tv_nsec - t0.tv_nsec < 200000000L);
    getrusage(RUSAGE_SELF, &b);
    printf("CPU time %ld us -> %ld us\n", usage_us(&a), usage_us(&b));
    CHECK("200 ms of CPU shows in ru_utime + ru_stime", usage_us(&b) - usage_us(&a) >= 150000);
    errno = 0;
    CHECK("getrusage(7) is EINVAL", getrusage(7, &a) == -1 && errno == EINVAL);
}

static void children(void)
{
    struct rusage a, b, w, s0, s1;
    getrusage(RUSAGE_CHILDREN, &a);
    getrusage(RUSAGE_SELF, &s0);
    fflush(stdout);
    pid_t c = fork();
    if (c == 0) {
        touch_pages();
        _exit(0);
    }
    int status;
    CHECK("wait4 with rusage", wait4(c, &status, 0, &w) == c && WIFEXITED(status));
    getrusage(RUSAGE_CHILDREN, &b);
    printf("child: wait4 minflt %ld, RUSAGE_CHILDREN minflt %ld -> %ld\n", w.ru_minflt,
           a.ru_minflt, b.ru_minflt);
    CHECK("wait4's rusage counts the child's 200 faults", w.ru_minflt >= PAGES);
    CHECK("RUSAGE_CHILDREN grew by them once waited for", b.ru_minflt - a.ru_minflt >= PAGES);
    getrusage(RUSAGE_SELF, &s1);
    CHECK("a child's faults are not the parent's", s1.ru_minflt - s0.ru_minflt < PAGES);
}

int main(void)
{
    self();
    children();
    return check_done("rusage");
}
