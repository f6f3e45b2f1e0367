/* vmbench.c: what the memory paths cost, in cycles (rdtsc). A benchmark,
 * not a test: `make bench` boots it twice (README.md, "Benchmarks").
 *
 *   vmbench            the fault, fork, munmap and brk rows: each measured
 *                      REPS times in this one boot, printed as best and
 *                      median cycles
 *   vmbench swap MIB   the swap patterns over a working set of MIB MiB:
 *                      first write, sequential rewrite, sequential re-read
 *                      (verified), random touches (verified and rewritten);
 *                      pages per second and bad pages
 *   vmbench -exit      exits at once (what fork+execve runs)
 *
 * The same rows can be measured on Linux i386 with this program's logic:
 * nothing here is specific to this kernel except the /proc/vmstat names. */
#include <procfile.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096u
#define REPS 7

static uint64_t rdtsc(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

/* Sorts the REPS samples (insertion sort: few of them) and prints the
 * row: best (smallest) and median. */
static void report(const char *row, uint64_t *s)
{
    for (int i = 1; i < REPS; i++)
        for (int j = i; j > 0 && s[j - 1] > s[j]; j--) {
            uint64_t t = s[j];
            s[j] = s[j - 1];
            s[j - 1] = t;
        }
    printf("vmbench: %-44s best %10llu median %10llu cycles\n", row,
           (unsigned long long)s[0], (unsigned long long)s[REPS / 2]);
}

static char *map_anon(uint32_t bytes, int flags)
{
    char *p = mmap(0, bytes, PROT_READ | PROT_WRITE, flags | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        printf("vmbench: mmap of %u KiB failed\n", bytes >> 10);
        exit(1);
    }
    return p;
}

static void touch(char *p, uint32_t bytes, char v)
{
    for (uint32_t off = 0; off < bytes; off += PAGE)
        p[off] = v;
}

static void row_getppid(void)
{
    uint64_t s[REPS];
    for (int r = 0; r < REPS; r++) {
        uint64_t t0 = rdtsc();
        for (int i = 0; i < 1000; i++)
            getppid();
        s[r] = (rdtsc() - t0) / 1000;
    }
    report("getppid", s);
}

/* First touch of fresh anonymous pages: a write (a frame is filled), or a
 * read (nothing needs to be stored yet). Per fault. */
static void row_first_touch(int write)
{
    enum { N = 256 };
    uint64_t s[REPS];
    for (int r = 0; r < REPS; r++) {
        volatile char *p = map_anon(N * PAGE, MAP_PRIVATE);
        uint32_t sum = 0;
        uint64_t t0 = rdtsc();
        for (uint32_t i = 0; i < N; i++) {
            if (write)
                p[i * PAGE] = 1;
            else
                sum += p[i * PAGE];
        }
        s[r] = (rdtsc() - t0) / N;
        if (sum)
            printf("vmbench: fresh page not zero\n");
        munmap((void *)p, N * PAGE);
    }
    report(write ? "first write to a fresh page, per fault" : "first read of a fresh page, per fault", s);
}

/* fork + _exit + waitpid with `mib` MiB of written anonymous memory. */
static void row_fork(uint32_t mib)
{
    uint64_t s[REPS];
    char *p = map_anon(mib << 20, MAP_PRIVATE);
    touch(p, mib << 20, 1);
    for (int r = 0; r < REPS; r++) {
        uint64_t t0 = rdtsc();
        pid_t pid = fork();
        if (pid == 0)
            _exit(0);
        int status;
        waitpid(pid, &status, 0);
        s[r] = rdtsc() - t0;
    }
    char row[64];
    snprintf(row, sizeof row, "fork+exit+wait, %u MiB touched", mib);
    report(row, s);
    munmap(p, mib << 20);
}

/* The child writes every page of 4 MiB shared copy-on-write with its
 * parent; it leaves its cycles per page in a shared page. */
static void row_cow(void)
{
    enum { N = 1024 };
    uint64_t s[REPS];
    volatile uint64_t *out = (volatile uint64_t *)map_anon(PAGE, MAP_SHARED);
    char *p = map_anon(N * PAGE, MAP_PRIVATE);
    touch(p, N * PAGE, 1);
    for (int r = 0; r < REPS; r++) {
        pid_t pid = fork();
        if (pid == 0) {
            uint64_t t0 = rdtsc();
            touch(p, N * PAGE, 2);
            *out = (rdtsc() - t0) / N;
            _exit(0);
        }
        int status;
        waitpid(pid, &status, 0);
        s[r] = *out;
    }
    report("copy-on-write fault in the child, per page", s);
    munmap(p, N * PAGE);
    munmap((void *)out, PAGE);
}

static void row_fork_exec(const char *self)
{
    uint64_t s[REPS];
    for (int r = 0; r < REPS; r++) {
        uint64_t t0 = rdtsc();
        pid_t pid = fork();
        if (pid == 0) {
            char *argv[] = { (char *)self, "-exit", 0 };
            char *envp[] = { 0 };
            execve(self, argv, envp);
            _exit(127);
        }
        int status;
        waitpid(pid, &status, 0);
        s[r] = rdtsc() - t0;
    }
    report("fork+execve+wait", s);
}

static void row_munmap(void)
{
    enum { N = 1024 };
    uint64_t s[REPS];
    for (int r = 0; r < REPS; r++) {
        char *p = map_anon(N * PAGE, MAP_PRIVATE);
        touch(p, N * PAGE, 1);
        uint64_t t0 = rdtsc();
        munmap(p, N * PAGE);
        s[r] = (rdtsc() - t0) / N;
    }
    report("munmap of touched pages, per page", s);
}

/* First writes to a region that 1,000 other regions precede in address
 * order (regions are placed top-down, so the one mapped first is last in
 * the sorted list that vma_find walks), against the same with none. */
static void row_many_regions(void)
{
    enum { R = 1000, N = 256 };
    uint64_t s[REPS];
    static char *small[R];
    for (int r = 0; r < REPS; r++) {
        char *p = map_anon(N * PAGE, MAP_PRIVATE);
        for (int i = 0; i < R; i++)     /* alternate protections: never merged */
            small[i] = mmap(0, PAGE, PROT_READ | ((i & 1) ? PROT_WRITE : 0),
                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        uint64_t t0 = rdtsc();
        touch(p, N * PAGE, 1);
        s[r] = (rdtsc() - t0) / N;
        for (int i = 0; i < R; i++)
            munmap(small[i], PAGE);
        munmap(p, N * PAGE);
    }
    report("first write, 1,000 regions before it, per fault", s);
}

static void row_brk(void)
{
    enum { N = 256 };
    uint64_t s[REPS];
    for (int r = 0; r < REPS; r++) {
        uint64_t t0 = rdtsc();
        char *p = sbrk(N * PAGE);
        if (p == (void *)-1) {
            printf("vmbench: sbrk failed\n");
            exit(1);
        }
        touch(p, N * PAGE, 1);
        s[r] = (rdtsc() - t0) / N;
        sbrk(-(int)(N * PAGE));
    }
    report("brk grow and touch, per page", s);
}

/* ---- swap patterns ---- */

static unsigned long vmstat(const char *key)
{
    static char text[4096];
    unsigned long v = 0;
    procfile_read("/proc/vmstat", text, sizeof text);
    procfile_value(text, key, &v);
    return v;
}

/* What page p holds in generation g: both its first and last word. */
static uint32_t expect(uint32_t p, uint32_t g)
{
    return (p * 2654435761u) ^ (g * 0x9E3779B9u) ^ 0x5A5A5A5Au;
}

struct swapset {
    uint32_t *mem;
    uint8_t *gen;               /* the generation each page holds */
    uint32_t pages;
    uint64_t hz;
    uint32_t bad;
};

static void put(struct swapset *w, uint32_t p)
{
    uint32_t *q = w->mem + p * (PAGE / 4);
    uint32_t v = expect(p, ++w->gen[p]);
    q[0] = v;
    q[PAGE / 4 - 1] = v;
}

static void check(struct swapset *w, uint32_t p)
{
    uint32_t *q = w->mem + p * (PAGE / 4);
    uint32_t v = expect(p, w->gen[p]);
    if (q[0] != v || q[PAGE / 4 - 1] != v)
        w->bad++;
}

/* One pattern over the working set; kind: 0 write, 1 read and verify,
 * 2 random: verify and rewrite. Prints pages per second. */
static void pattern(struct swapset *w, const char *name, int kind)
{
    unsigned long in0 = vmstat("pswpin "), out0 = vmstat("pswpout ");
    unsigned long ra0 = vmstat("swap_ra "), hit0 = vmstat("swap_ra_hit ");
    uint32_t bad0 = w->bad, x = 12345;
    uint64_t t0 = rdtsc();
    for (uint32_t i = 0; i < w->pages; i++) {
        uint32_t p = i;
        if (kind == 2) {
            x = x * 1103515245u + 12345u;
            p = (x >> 8) % w->pages;
        }
        if (kind != 0)
            check(w, p);
        if (kind != 1)
            put(w, p);
    }
    uint64_t cycles = rdtsc() - t0;
    uint64_t rate = (uint64_t)w->pages * w->hz / (cycles ? cycles : 1);
    printf("vmbench: swap %-22s %6u pages %8llu pages/s %7llu cycles/page; "
           "pswpin +%lu pswpout +%lu swap_ra +%lu swap_ra_hit +%lu; %u bad\n",
           name, w->pages, (unsigned long long)rate, (unsigned long long)(cycles / w->pages),
           vmstat("pswpin ") - in0, vmstat("pswpout ") - out0, vmstat("swap_ra ") - ra0,
           vmstat("swap_ra_hit ") - hit0, w->bad - bad0);
}

static int swap_bench(uint32_t mib)
{
    struct swapset w = { .pages = mib * 256 };
    /* The TSC's rate: the shortest of five 100 ms sleeps (a loaded host
     * only ever makes a sleep longer). The cycles per page do not need it. */
    struct timespec ts = { 0, 100 * 1000 * 1000 };
    w.hz = ~0ull;
    for (int i = 0; i < 5; i++) {
        uint64_t t0 = rdtsc();
        nanosleep(&ts, NULL);
        uint64_t hz = (rdtsc() - t0) * 10;
        w.hz = hz < w.hz ? hz : w.hz;
    }
    static char text[2048];
    unsigned long free_kb = 0, swap_kb = 0;
    procfile_read("/proc/meminfo", text, sizeof text);
    procfile_value(text, "MemFree:", &free_kb);
    procfile_value(text, "SwapTotal:", &swap_kb);
    printf("vmbench: swap: %lu KiB free, %lu KiB of swap, working set %u MiB, tsc %u MHz\n",
           free_kb, swap_kb, mib, (unsigned)(w.hz / 1000000));
    w.gen = calloc(w.pages, 1);
    w.mem = (uint32_t *)map_anon(w.pages * PAGE, MAP_PRIVATE);
    pattern(&w, "first write", 0);
    pattern(&w, "sequential rewrite", 0);
    pattern(&w, "sequential re-read", 1);
    pattern(&w, "random touches", 2);
    printf("vmbench: swap done, %u bad pages\n", w.bad);
    return w.bad != 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "-exit") == 0)
        return 0;
    if (argc > 2 && strcmp(argv[1], "swap") == 0)
        return swap_bench((uint32_t)atoi(argv[2]));
    row_getppid();
    row_first_touch(1);
    row_first_touch(0);
    row_fork_exec("/bin/vmbench");
    row_fork(1);
    row_fork(64);
    row_cow();
    row_munmap();
    row_brk();
    row_many_regions();
    printf("vmbench: done\n");
    return 0;
}
