/* t_memcalls.c: what mlock, mremap and madvise do to pages that page
 * replacement wants. Boot with a small mem= and a swap disk, and run:
 *   t_memcalls lock MB     locks 1 MiB, then writes MB of heap: the locked
 *                          pages stay resident (/proc/self/pagemap) while
 *                          the heap goes to swap, and Mlocked says 1024 kB
 *   t_memcalls move MB     writes MB, much of it pushed to swap, moves it
 *                          with mremap: every page arrives, swapped or not
 *   t_memcalls free MB     writes MB, then MADV_DONTNEED gives every frame
 *                          and swap slot back: SwapFree as before (but for
 *                          a few of the program's own pages), and the
 *                          pages read as zero
 * Each prints `t_memcalls CASE: ok` when all is well. */
#include "t_common.h"
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>

#define PAGE 4096u
#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

static int failures;

#define EXPECT(cond)                                                        \
    do {                                                                    \
        if (!(cond)) {                                                      \
            printf("  check failed: %s (line %d)\n", #cond, __LINE__);      \
            failures++;                                                     \
        }                                                                   \
    } while (0)

/* Is the page at va resident (pagemap's present bit)? */
static int present(uint32_t va)
{
    uint64_t e = 0;
    int fd = open("/proc/self/pagemap", O_RDONLY);
    lseek(fd, (off_t)(va / PAGE) * 8, SEEK_SET);
    read(fd, &e, 8);
    close(fd);
    return (int)(e >> 63);
}

static uint32_t pattern(uint32_t i)
{
    return i * 2654435761u + 12345;
}

/* Maps and writes mb MiB, one word per page. */
static uint32_t *fill(unsigned mb)
{
    uint32_t len = mb << 20;
    uint32_t *p = mmap(0, len, RW, ANON, -1, 0);
    if (p == MAP_FAILED)
        return 0;
    for (uint32_t i = 0; i < len / 4; i += PAGE / 4)
        p[i] = pattern(i);
    return p;
}

static unsigned long bad_pages(const uint32_t *p, unsigned mb)
{
    unsigned long bad = 0;
    for (uint32_t i = 0; i < (mb << 20) / 4; i += PAGE / 4)
        bad += p[i] != pattern(i);
    return bad;
}

static void case_lock(unsigned mb)
{
    unsigned long before = proc_number("/proc/meminfo", "Mlocked:");
    char *locked = mmap(0, 1u << 20, RW, ANON, -1, 0);
    EXPECT(mlock(locked, 1u << 20) == 0);
    unsigned long with = proc_number("/proc/meminfo", "Mlocked:");
    int resident = 0;
    for (uint32_t off = 0; off < (1u << 20); off += PAGE)
        resident += present((uint32_t)locked + off);
    EXPECT(resident == 256);            /* mlock faulted every page in */
    memset(locked, 'L', 1u << 20);
    unsigned long out = proc_number("/proc/vmstat", "pswpout ");
    uint32_t *heap = fill(mb);
    EXPECT(heap != 0);
    unsigned long pushed = proc_number("/proc/vmstat", "pswpout ") - out;
    resident = 0;
    for (uint32_t off = 0; off < (1u << 20); off += PAGE)
        resident += present((uint32_t)locked + off);
    printf("t_memcalls lock: Mlocked %lu kB -> %lu kB, %lu pages to swap, %d of 256 locked pages resident\n",
           before, with, pushed, resident);
    EXPECT(with - before == 1024);
    EXPECT(pushed > 0);
    EXPECT(resident == 256);
    EXPECT(bad_pages(heap, mb) == 0);
    for (uint32_t off = 0; off < (1u << 20); off += 997)
        EXPECT(locked[off] == 'L');
    EXPECT(munlock(locked, 1u << 20) == 0);
    EXPECT(proc_number("/proc/meminfo", "Mlocked:") == before);
}

static void case_move(unsigned mb)
{
    uint32_t *p = fill(mb);
    EXPECT(p != 0);
    uint32_t len = mb << 20;
    int out = 0;
    for (uint32_t off = 0; off < len; off += PAGE)
        out += !present((uint32_t)p + off);
    uint32_t *q = mremap(p, len, len + (1u << 20), MREMAP_MAYMOVE, 0);
    EXPECT(q != MAP_FAILED && q != p);
    int after = 0;
    for (uint32_t off = 0; off < len; off += PAGE)
        after += !present((uint32_t)q + off);
    printf("t_memcalls move: %u MiB, %d pages out before the move, %d still out after it\n", mb,
           out, after);
    EXPECT(out > 0 && after > 0);       /* swap entries moved as they were */
    EXPECT(bad_pages(q, mb) == 0);
    EXPECT(((char *)q)[len + 5] == 0);
    munmap(q, len + (1u << 20));
}

static void case_free(unsigned mb)
{
    unsigned long swap_free = proc_number("/proc/meminfo", "SwapFree:");
    uint32_t *p = fill(mb);
    EXPECT(p != 0);
    unsigned long during = proc_number("/proc/meminfo", "SwapFree:");
    EXPECT(madvise(p, mb << 20, MADV_DONTNEED) == 0);
    unsigned long after = proc_number("/proc/meminfo", "SwapFree:");
    printf("t_memcalls free: SwapFree %lu kB, %lu kB with %u MiB written, %lu kB after MADV_DONTNEED\n",
           swap_free, during, mb, after);
    EXPECT(during + 8192 < swap_free);  /* most of the 16 MiB went to swap */
    /* All of it came back; the program's own pages (text, stack) may have
     * gone to swap meanwhile, a few at most. */
    EXPECT(after + 64 >= swap_free);
    unsigned long nonzero = 0;
    for (uint32_t i = 0; i < (mb << 20) / 4; i += PAGE / 4)
        nonzero += p[i] != 0;
    EXPECT(nonzero == 0);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        printf("usage: t_memcalls lock|move|free MB\n");
        return 2;
    }
    unsigned mb = (unsigned)atoi(argv[2]);
    if (strcmp(argv[1], "lock") == 0)
        case_lock(mb);
    else if (strcmp(argv[1], "move") == 0)
        case_move(mb);
    else if (strcmp(argv[1], "free") == 0)
        case_free(mb);
    else
        return 2;
    printf("t_memcalls %s: %s\n", argv[1], failures ? "FAILED" : "ok");
    return failures;
}
