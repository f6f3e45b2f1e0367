/* swapbench.c: how fast pages go to swap and come back. With a working
 * set of 4x the machine's RAM, a sequential pass and a random pass each
 * write every page, then read every page back and verify it. Prints pages
 * per second written to and read from swap (pswpout and pswpin from
 * /proc/vmstat over the pass, seconds from rdtsc calibrated against
 * nanosleep) and the fault counters. A benchmark, not a test. */
#include <procfile.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096u

static uint64_t rdtsc(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

static unsigned long proc_value(const char *path, const char *key)
{
    static char text[2048];
    unsigned long v = 0;
    procfile_read(path, text, sizeof text);
    procfile_value(text, key, &v);
    return v;
}

/* One pass in the order given by next(i): write all, then verify all. */
static int pass(const char *name, uint32_t *mem, uint32_t pages, uint64_t hz, int random)
{
    unsigned long out0 = proc_value("/proc/vmstat", "pswpout "), in0 = proc_value("/proc/vmstat", "pswpin ");
    uint64_t t0 = rdtsc();
    uint32_t x = 12345, bad = 0;
    for (int verify = 0; verify < 2; verify++) {
        for (uint32_t i = 0; i < pages; i++) {
            uint32_t p = i;
            if (random) {
                x = x * 1103515245u + 12345u;
                p = (x >> 8) % pages;
            }
            uint32_t *w = mem + p * (PAGE / 4);
            if (!verify)
                w[0] = w[1023] = p ^ 0xA5A5A5A5u;
            else if (w[0] != w[1023] || (w[0] != (p ^ 0xA5A5A5A5u) && w[0] != 0))
                bad++;
        }
        x = 12345;
    }
    double secs = (double)(rdtsc() - t0) / (double)hz;
    unsigned long out = proc_value("/proc/vmstat", "pswpout ") - out0;
    unsigned long in = proc_value("/proc/vmstat", "pswpin ") - in0;
    printf("swapbench: %-10s %6u pages, %4u.%02u s: %6lu written (%lu pages/s), %6lu read (%lu pages/s), %u bad\n",
           name, pages, (unsigned)secs, (unsigned)(secs * 100) % 100, out,
           (unsigned long)(out / secs), in, (unsigned long)(in / secs), bad);
    return bad != 0;
}

int main(void)
{
    struct timespec ts = { 0, 200 * 1000 * 1000 };
    uint64_t t0 = rdtsc();
    nanosleep(&ts, NULL);
    uint64_t hz = (rdtsc() - t0) * 5;
    unsigned long ram_kb = proc_value("/proc/meminfo", "MemTotal:");
    uint32_t pages = (uint32_t)(ram_kb * 4 / 4);        /* 4x RAM, in pages */
    printf("swapbench: RAM %lu KiB, working set %u pages (%u MiB), tsc %u MHz\n", ram_kb,
           pages, pages / 256, (unsigned)(hz / 1000000));
    uint32_t *mem = sbrk(pages * PAGE);
    if (mem == (void *)-1) {
        printf("swapbench: cannot grow the heap\n");
        return 1;
    }
    int bad = pass("sequential", mem, pages, hz, 0) + pass("random", mem, pages, hz, 1);
    printf("swapbench: pgfault %lu, pgmajfault %lu, zero_fill %lu, pswpin %lu, pswpout %lu\n",
           proc_value("/proc/vmstat", "pgfault "), proc_value("/proc/vmstat", "pgmajfault "),
           proc_value("/proc/vmstat", "zero_fill "), proc_value("/proc/vmstat", "pswpin "),
           proc_value("/proc/vmstat", "pswpout "));
    return bad;
}
