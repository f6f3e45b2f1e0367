/* t_swap.c: memory beyond RAM lives on the swap disk and comes back
 * exactly as it left. Boot with a small mem= and a swap disk, and run one
 * of:
 *   t_swap heap MB       write MB of heap with a per-page pattern, read it
 *                        back twice; pswpout and pswpin must have moved
 *   t_swap fork MB       the same, then two children each rewrite half
 *                        while the parent keeps its copy: all checked
 *   t_swap forkmix MB    MB of heap (much of it in swap), 1 MiB shared
 *                        with MAP_SHARED and 1 MiB only read (the zero
 *                        page): a child and a grandchild (fork of a
 *                        process that is itself half in swap) each write
 *                        their quarter, a shared page and a zero page;
 *                        every copy is checked by everyone
 *   t_swap ra            readahead: two regions of 8 MiB here and 8 MiB in
 *                        a child, all pushed to swap; reading the first
 *                        region in order reads ahead (swap_ra, swap_ra_hit
 *                        grow) but maps nothing: every other page that was
 *                        in swap still is, at the same slot, in the other
 *                        region and in the child; then all is verified
 *   t_swap procs N MB    N processes of MB each, all verified
 *   t_swap io MB         read() into never-touched heap, write() from
 *                        swapped-out pages: the right bytes
 *   t_swap stack KB      recursion grows the stack to KB
 *   t_swap full MB N     N processes of MB each overfill RAM and swap: the
 *                        largest is killed, the others finish intact
 * The case runs in a child; afterwards this process brings its own pages
 * back from swap (the case pushed them out too), and then the swap area
 * must be exactly as free as at the start, and free memory plus the page
 * cache within a few pages of the start (the page cache and the kernel
 * heap's slabs move with what was touched last). */
#include "t_common.h"
#include <fcntl.h>
#include <procfile.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096u

static unsigned long meminfo(const char *key)
{
    return proc_number("/proc/meminfo", key);
}

static unsigned long vmstat(const char *key)
{
    char k[32];
    snprintf(k, sizeof k, "%s ", key);
    return proc_number("/proc/vmstat", k);
}

/* The pattern of page i for owner tag: every word differs. */
static uint32_t pattern(uint32_t tag, uint32_t page, uint32_t word)
{
    return tag * 0x9E3779B1u ^ page * 0x85EBCA6Bu ^ word;
}

static void fill(uint32_t *mem, uint32_t pages, uint32_t first, uint32_t tag)
{
    for (uint32_t p = first; p < pages; p++)
        for (uint32_t w = 0; w < PAGE / 4; w += 64)
            mem[p * (PAGE / 4) + w] = pattern(tag, p, w);
}

/* Returns the number of pages in [first, pages) that do not hold tag's pattern. */
static uint32_t verify(const uint32_t *mem, uint32_t pages, uint32_t first, uint32_t tag)
{
    uint32_t bad = 0;
    for (uint32_t p = first; p < pages; p++)
        for (uint32_t w = 0; w < PAGE / 4; w += 64)
            if (mem[p * (PAGE / 4) + w] != pattern(tag, p, w)) {
                bad++;
                break;
            }
    return bad;
}

static uint32_t *get_heap(uint32_t mb)
{
    uint32_t *mem = sbrk(mb << 20);
    if (mem == (void *)-1) {
        printf("FAIL cannot grow the heap by %u MiB\n", mb);
        exit(1);
    }
    return mem;
}

static int heap_case(uint32_t mb)
{
    uint32_t pages = (mb << 20) / PAGE;
    uint32_t *mem = get_heap(mb);
    unsigned long out0 = vmstat("pswpout"), in0 = vmstat("pswpin");
    fill(mem, pages, 0, 1);
    uint32_t bad1 = verify(mem, pages, 0, 1), bad2 = verify(mem, pages, 0, 1);
    unsigned long out = vmstat("pswpout") - out0, in = vmstat("pswpin") - in0;
    printf("t_swap heap: %u MiB, %u + %u bad pages, pswpout +%lu, pswpin +%lu\n", mb, bad1,
           bad2, out, in);
    return bad1 + bad2 != 0 || out == 0 || in == 0;
}

static int fork_case(uint32_t mb)
{
    uint32_t pages = (mb << 20) / PAGE;
    uint32_t *mem = get_heap(mb);
    fill(mem, pages, 0, 7);
    pid_t kids[2];
    for (int c = 0; c < 2; c++) {
        kids[c] = fork();
        if (kids[c] == 0) {
            /* Rewrite my half; the other half must still be the parent's. */
            uint32_t lo = c ? pages / 2 : 0, hi = c ? pages : pages / 2;
            uint32_t other_lo = c ? 0 : pages / 2, other_hi = c ? pages / 2 : pages;
            fill(mem, hi, lo, 100 + c);
            uint32_t bad = verify(mem, hi, lo, 100 + c) + verify(mem, other_hi, other_lo, 7);
            exit(bad ? 1 : 0);
        }
    }
    int failed = 0;
    for (int c = 0; c < 2; c++) {
        int status;
        waitpid(kids[c], &status, 0);
        failed += !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    uint32_t bad = verify(mem, pages, 0, 7);
    printf("t_swap fork: %u MiB, children failed %d, parent bad pages %u, pswpout %lu\n", mb,
           failed, bad, vmstat("pswpout"));
    return failed || bad;
}

/* What a forkmix process checks: the heap holds tag 7 except in the
 * quarters [mine_lo, mine_hi), which hold `mine`; the zero region reads
 * zero except its page `dirty` (if < 256), which holds `mine`. */
static uint32_t mix_verify(const uint32_t *heap, uint32_t pages, uint32_t mine_lo,
                           uint32_t mine_hi, uint32_t mine, const uint32_t *zero, uint32_t dirty)
{
    uint32_t bad = verify(heap, mine_lo, 0, 7) + verify(heap, pages, mine_hi, 7);
    if (mine_hi > mine_lo)
        bad += verify(heap, mine_hi, mine_lo, mine);
    for (uint32_t p = 0; p < 256; p++)
        for (uint32_t w = 0; w < PAGE / 4; w += 64)
            if (zero[p * (PAGE / 4) + w] != (p == dirty ? pattern(mine, p, w) : 0)) {
                bad++;
                break;
            }
    return bad;
}

/* One forkmix generation: writes quarter q of the heap, zero page q and
 * shared page q with tag 300 + q, checks everything, and (q == 1) forks
 * the next generation first. Returns 0 if all was right. */
static int mix_child(uint32_t *heap, uint32_t pages, uint32_t *shared, uint32_t *zero,
                      uint32_t q)
{
    int failed = 0;
    if (q == 1) {
        pid_t grandchild = fork();
        if (grandchild == 0)
            exit(mix_child(heap, pages, shared, zero, 2));
        int status;
        waitpid(grandchild, &status, 0);
        failed = !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    uint32_t lo = pages / 4 * q, hi = pages / 4 * (q + 1), tag = 300 + q;
    uint32_t bad = mix_verify(heap, pages, 0, 0, 0, zero, 256);    /* as inherited */
    fill(heap, hi, lo, tag);
    fill(zero, q + 1, q, tag);
    fill(shared, q + 1, q, tag);
    bad += mix_verify(heap, pages, lo, hi, tag, zero, q);
    bad += verify(shared, q + 1, q, tag);
    return bad || failed;
}

static int forkmix_case(uint32_t mb)
{
    uint32_t pages = (mb << 20) / PAGE;
    uint32_t *heap = get_heap(mb);
    uint32_t *shared = mmap(0, 1 << 20, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    uint32_t *zero = mmap(0, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (shared == MAP_FAILED || zero == MAP_FAILED)
        return 1;
    fill(shared, 256, 0, 50);
    fill(heap, pages, 0, 7);
    uint32_t bad = mix_verify(heap, pages, 0, 0, 0, zero, 256);   /* maps the zero page */
    unsigned long out0 = vmstat("pswpout");
    pid_t child = fork();
    if (child == 0)
        exit(mix_child(heap, pages, shared, zero, 1));
    int status;
    waitpid(child, &status, 0);
    int failed = !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    bad += mix_verify(heap, pages, 0, 0, 0, zero, 256);
    for (uint32_t q = 0; q < 4; q++)    /* the children's shared pages are seen */
        bad += verify(shared, q + 1, q, q == 1 || q == 2 ? 300 + q : 50);
    printf("t_swap forkmix: %u MiB, generations failed %d, parent bad pages %u, pswpout +%lu\n",
           mb, failed, bad, vmstat("pswpout") - out0);
    return failed || bad;
}

#define RA_PAGES 2048                   /* 8 MiB */
#define PM_SWAP_BIT (1ull << 62)

/* The pagemap entries of n pages from va in process pid, into e. */
static int pagemap_read(pid_t pid, const void *va, uint64_t *e, uint32_t n)
{
    char path[48];
    snprintf(path, sizeof path, "/proc/%d/pagemap", pid);
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    int ok = lseek(fd, (off_t)((uint32_t)va / PAGE) * 8, SEEK_SET) >= 0 &&
             read(fd, e, n * 8) == (long)(n * 8);
    close(fd);
    return ok ? 0 : -1;
}

/* Pages that were in swap (before) and are not at the same slot now. */
static uint32_t moved(const uint64_t *before, const uint64_t *now, uint32_t from, uint32_t n)
{
    uint32_t m = 0;
    for (uint32_t i = from; i < n; i++)
        m += (before[i] & PM_SWAP_BIT) && before[i] != now[i];
    return m;
}

static int ra_case(void)
{
    static uint64_t b1[RA_PAGES], b2[RA_PAGES], bc[RA_PAGES], now[RA_PAGES];
    volatile uint32_t *flag = mmap(0, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    uint32_t *r1 = mmap(0, RA_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    /* PROT_EXEC too: a region of its own, never merged with r1. */
    uint32_t *r2 = mmap(0, RA_PAGES * PAGE, PROT_READ | PROT_WRITE | PROT_EXEC,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (flag == MAP_FAILED || r1 == MAP_FAILED || r2 == MAP_FAILED)
        return 1;
    *flag = 0;
    pid_t child = fork();
    if (child == 0) {
        uint32_t *mine = get_heap(RA_PAGES * PAGE >> 20);
        fill(mine, RA_PAGES, 0, 21);
        *flag = 1;
        while (*flag != 2)
            sched_yield();
        exit(verify(mine, RA_PAGES, 0, 21) ? 1 : 0);
    }
    while (*flag != 1)
        sched_yield();
    fill(r2, RA_PAGES, 0, 12);
    fill(r1, RA_PAGES, 0, 11);
    fill(r2, RA_PAGES, 0, 12);          /* pushes r1's pages out after r2's */
    int err = pagemap_read(getpid(), r1, b1, RA_PAGES) | pagemap_read(getpid(), r2, b2, RA_PAGES);
    err |= pagemap_read(child, (void *)((uint32_t)sbrk(0)), bc, 1);    /* readable at all */
    uint32_t *child_heap = 0;
    { /* The child's heap starts where ours ended when it forked. */
        static char maps[4096];
        char path[48];
        snprintf(path, sizeof path, "/proc/%d/maps", child);
        procfile_read(path, maps, sizeof maps);
        char *h = strstr(maps, "[heap]");
        while (h && h > maps && h[-1] != '\n')
            h--;
        child_heap = h ? (uint32_t *)strtoul(h, 0, 16) : 0;
    }
    err |= !child_heap || pagemap_read(child, child_heap, bc, RA_PAGES);
    unsigned long ra0 = vmstat("swap_ra"), hit0 = vmstat("swap_ra_hit");
    uint32_t swapped = 0;
    for (uint32_t i = 0; i < RA_PAGES; i++)
        swapped += (b1[i] & PM_SWAP_BIT) != 0;
    uint32_t upto = 256;                /* read the first MiB of r1, in order */
    uint32_t bad = verify(r1, upto, 0, 11);
    unsigned long ra = vmstat("swap_ra") - ra0, hit = vmstat("swap_ra_hit") - hit0;
    uint32_t m1 = 0, m2 = 0, mc = 0;
    if (!pagemap_read(getpid(), r1, now, RA_PAGES))
        m1 = moved(b1, now, upto, RA_PAGES);
    if (!pagemap_read(getpid(), r2, now, RA_PAGES))
        m2 = moved(b2, now, 0, RA_PAGES);
    if (!pagemap_read(child, child_heap, now, RA_PAGES))
        mc = moved(bc, now, 0, RA_PAGES);
    bad += verify(r1, RA_PAGES, 0, 11) + verify(r2, RA_PAGES, 0, 12);
    *flag = 2;
    int status;
    waitpid(child, &status, 0);
    int child_ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    printf("t_swap ra: %u of %u pages in swap; swap_ra +%lu, swap_ra_hit +%lu; mapped or moved "
           "by readahead: %u here, %u in the other region, %u in the child; bad pages %u, "
           "child %s\n", swapped, RA_PAGES, ra, hit, m1, m2, mc, bad, child_ok ? "ok" : "bad");
    return err || swapped < RA_PAGES / 2 || !ra || !hit || m1 || m2 || mc || bad || !child_ok;
}

/* N children of mb each fill, wait a little, verify twice. */
static int procs_case(int n, uint32_t mb)
{
    pid_t kids[16];
    for (int i = 0; i < n && i < 16; i++) {
        kids[i] = fork();
        if (kids[i] == 0) {
            uint32_t pages = (mb << 20) / PAGE;
            uint32_t *mem = get_heap(mb);
            fill(mem, pages, 0, 200 + i);
            sched_yield();
            uint32_t bad = verify(mem, pages, 0, 200 + i) + verify(mem, pages, 0, 200 + i);
            exit(bad ? 1 : 0);
        }
    }
    int failed = 0;
    for (int i = 0; i < n; i++) {
        int status;
        waitpid(kids[i], &status, 0);
        failed += !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    printf("t_swap procs: %d x %u MiB, %d failed, pswpout %lu, pswpin %lu\n", n, mb, failed,
           vmstat("pswpout"), vmstat("pswpin"));
    return failed;
}

static int io_case(uint32_t mb)
{
    uint32_t pages = (mb << 20) / PAGE;
    /* read() into a never-touched heap page: the kernel faults it in. */
    char *fresh = (char *)get_heap(1);
    int fd = open("/tests/t_swap", O_RDONLY);
    char expect[64];
    int r1 = (int)read(fd, fresh + 100, 64);
    lseek(fd, 0, SEEK_SET);
    read(fd, expect, 64);
    close(fd);
    int ok_read = r1 == 64 && memcmp(fresh + 100, expect, 64) == 0 && fresh[0] == 0;
    /* write() from a page that went to swap: the kernel swaps it in. */
    uint32_t *mem = get_heap(mb);
    fill(mem, pages, 0, 5);
    static char line[80];
    snprintf(line, sizeof line, "t_swap io: first word %08x\n", mem[0]);
    char *victim = (char *)mem + 5;     /* page 0: long evicted by now */
    memcpy(victim, line, strlen(line));
    fill(mem, pages, 1, 6);             /* push page 0 out again */
    unsigned long in0 = vmstat("pswpin");
    int w = (int)write(1, victim, strlen(line));
    int ok_write = w == (int)strlen(line) && vmstat("pswpin") > in0;
    printf("t_swap io: read into untouched heap %s, write from swapped page %s\n",
           ok_read ? "ok" : "WRONG", ok_write ? "ok" : "WRONG");
    return !ok_read || !ok_write;
}

static uint32_t deepest;

/* Recurses, about 1 KiB a frame, until the stack reaches down to floor. */
static uint32_t recurse(uint32_t depth, uintptr_t floor)
{
    volatile char frame[1000];
    frame[0] = (char)depth;
    frame[999] = (char)depth;
    uintptr_t here = (uintptr_t)frame;
    if (!deepest || here < deepest)
        deepest = here;
    if (here <= floor)
        return frame[0];
    return recurse(depth + 1, floor) + frame[999];
}

static int stack_case(uint32_t kb)
{
    uintptr_t top = (uintptr_t)&kb;
    recurse(0, top - kb * 1024);
    uint32_t grown = (uint32_t)(top - deepest) / 1024;
    printf("t_swap stack: grew by %u KiB\n", grown);
    return grown < kb;
}

static int full_case(uint32_t mb, int n)
{
    pid_t kids[16];
    for (int i = 0; i < n && i < 16; i++) {
        kids[i] = fork();
        if (kids[i] == 0) {
            /* The last child is the largest and fills first: when memory
             * and swap run out, it is the one to kill. */
            uint32_t size = i == n - 1 ? mb * 3 : mb;
            if (i != n - 1)
                sleep(1);
            uint32_t pages = (size << 20) / PAGE;
            uint32_t *mem = get_heap(size);
            fill(mem, pages, 0, 300 + i);
            if (i == n - 1)
                sleep(3);               /* hold it while the others fill */
            uint32_t bad = verify(mem, pages, 0, 300 + i);
            exit(bad ? 1 : 0);
        }
    }
    int ok = 0, killed = 0;
    for (int i = 0; i < n; i++) {
        int status;
        waitpid(kids[i], &status, 0);
        if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
            ok++;
        else if (WIFSIGNALED(status) && WTERMSIG(status) == 9 && i == n - 1)
            killed++;
        else
            printf("t_swap full: child %d status 0x%x\n", i, status);
    }
    printf("t_swap full: %d finished intact, largest killed: %s\n", ok, killed ? "yes" : "no");
    return ok != n - 1 || killed != 1;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    touch_own_pages();                  /* as at the end: every page of ours resident */
    unsigned long free0 = meminfo("MemFree:") + meminfo("Cached:"), swap0 = meminfo("SwapFree:");
    int a = argc > 2 ? atoi(argv[2]) : 16, b = argc > 3 ? atoi(argv[3]) : 4;
    int failed;
    pid_t pid = fork();                 /* the case runs in a child: its exit frees all */
    if (pid == 0) {
        if (!strcmp(argv[1], "heap"))
            exit(heap_case(a));
        if (!strcmp(argv[1], "fork"))
            exit(fork_case(a));
        if (!strcmp(argv[1], "ra"))
            exit(ra_case());
        if (!strcmp(argv[1], "forkmix"))
            exit(forkmix_case(a));
        if (!strcmp(argv[1], "procs"))
            exit(procs_case(a, b));
        if (!strcmp(argv[1], "io"))
            exit(io_case(a));
        if (!strcmp(argv[1], "stack"))
            exit(stack_case(a));
        if (!strcmp(argv[1], "full"))
            exit(full_case(a, b));
        exit(2);
    }
    int status;
    waitpid(pid, &status, 0);
    failed = !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    touch_own_pages();
    unsigned long free1 = meminfo("MemFree:") + meminfo("Cached:"), swap1 = meminfo("SwapFree:");
    printf("t_swap: MemFree+Cached %lu -> %lu kB, SwapFree %lu -> %lu kB\n", free0, free1,
           swap0, swap1);
    if (swap1 != swap0 || free1 + 32 < free0) {
        printf("FAIL memory or swap not back where it started\n");
        failed = 1;
    }
    printf("t_swap %s: %s\n", argv[1], failed ? "FAILED" : "ok");
    return failed;
}
