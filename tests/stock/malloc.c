/* malloc.c: glibc's allocator on this kernel: small blocks from the heap
 * (brk), blocks above the mmap threshold (128 KiB) in their own mappings
 * (mmap2, munmap), realloc growing and shrinking both kinds with the
 * contents kept, calloc's zeros, free and reuse, and many blocks at once.
 * Every block is filled with a pattern and checked before it is freed. */
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "check.h"

static void fill(unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)(seed + i * 7 + (i >> 12));
}

static int intact(const unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != (unsigned char)(seed + i * 7 + (i >> 12)))
            return 0;
    return 1;
}

static void test_small(void)
{
    void *brk0 = sbrk(0);
    unsigned char *p = malloc(100);
    CHECK("malloc(100)", p != NULL);
    fill(p, 100, 1);
    CHECK("a small block comes from the heap above the program",
          (uintptr_t)p < 0x40000000u && (void *)p >= brk0 - 0x100000);
    p = realloc(p, 5000);
    CHECK("realloc grows, keeping the contents", p && intact(p, 100, 1));
    fill(p, 5000, 2);
    p = realloc(p, 10);
    CHECK("realloc shrinks, keeping the contents", p && intact(p, 10, 2));
    free(p);
    int *z = calloc(1000, sizeof *z);
    int zero = z != NULL;
    for (int i = 0; zero && i < 1000; i++)
        zero = z[i] == 0;
    CHECK("calloc gives zeros", zero);
    free(z);
}

static void test_large(void)
{
    size_t n = 1 << 20;                 /* 1 MiB: far above the threshold */
    unsigned char *p = malloc(n);
    CHECK("malloc(1 MiB)", p != NULL);
    if (!p)
        return;
    void *brk_now = sbrk(0);
    CHECK("a large block is not in the heap (its own mapping)", (void *)p > brk_now);
    fill(p, n, 3);
    CHECK("1 MiB written and read back", intact(p, n, 3));
    p = realloc(p, 3 * n);
    CHECK("realloc of a mapped block to 3 MiB keeps it", p && intact(p, n, 3));
    fill(p, 3 * n, 4);
    p = realloc(p, 200 << 10);
    CHECK("realloc shrinks it to 200 KiB", p && intact(p, 200 << 10, 4));
    free(p);
    unsigned char *q = malloc(129 << 10);           /* just above 128 KiB */
    CHECK("malloc(129 KiB)", q != NULL);
    if (q) {
        fill(q, 129 << 10, 5);
        CHECK("129 KiB intact", intact(q, 129 << 10, 5));
    }
    free(q);
}

#define NBLOCKS 500

static void test_many(void)
{
    static unsigned char *blocks[NBLOCKS];
    static size_t sizes[NBLOCKS];
    int ok = 1;
    for (int round = 0; round < 4; round++) {
        for (int i = 0; i < NBLOCKS; i++) {
            sizes[i] = (size_t)((i * 7919 + round * 104729) % 3000) + 1;
            if (i % 100 == 7)
                sizes[i] += 150 << 10;              /* a few mapped ones */
            blocks[i] = malloc(sizes[i]);
            if (!blocks[i]) {
                ok = 0;
                break;
            }
            fill(blocks[i], sizes[i], (unsigned)i);
        }
        for (int i = 0; ok && i < NBLOCKS; i += 2) {     /* free half, check the rest */
            ok = intact(blocks[i], sizes[i], (unsigned)i);
            free(blocks[i]);
        }
        for (int i = 1; ok && i < NBLOCKS; i += 2) {
            ok = intact(blocks[i], sizes[i], (unsigned)i);
            free(blocks[i]);
        }
    }
    CHECK("500 blocks of mixed sizes, 4 rounds, all intact", ok);
    struct mallinfo2 mi = mallinfo2();
    CHECK("everything freed (no mapped blocks left)", mi.hblks == 0);
}

int main(void)
{
    test_small();
    test_large();
    test_many();
    return check_done("malloc");
}
