/* test_filemap.c: the page cache (mm/filemap.c) over initrd files: one
 * frame per file page however often it is asked for, the file's bytes in
 * it and zeros past the end, the reference counts of the cache and its
 * callers, the pages it refuses, running out of frames, and every frame
 * returned when the tree is freed. */
#include <stdio.h>
#include "kernel/errno.h"
#include "kernel/fs/fs.h"
#include "mm/filemap.h"
#include "mm/frame.h"
#include "mm/kmalloc.h"
#include "newc.h"
#include "unit.h"

#define MiB (1u << 20)
#define SIM_BYTES (8 * MiB)

/* ---- an archive holding "big" (5000 bytes), "even" (8192), "empty" ---- */

static uint8_t big[5000], even[8192];

static uint32_t frames_at_start;

/* Simulated memory (once) and a fresh tree from the archive. */
static void setup(void)
{
    static struct boot_info bi;
    if (!frames_at_start) {
        unit_sim_memory(SIM_BYTES);
        bi.ram[0].base = MiB;
        bi.ram[0].end = SIM_BYTES;
        bi.nram = 1;
        frame_init(&bi, 0, 0);
        frames_at_start = frame_free_count();
        for (uint32_t i = 0; i < sizeof big; i++)
            big[i] = (uint8_t)(i * 7 + 1);      /* no zero bytes at the end */
        for (uint32_t i = 0; i < sizeof even; i++)
            even[i] = (uint8_t)(i ^ 0x5A);
        ar_reset();
        ar_entry("big", S_IFREG | 0755, big, sizeof big);
        ar_entry("even", S_IFREG | 0644, even, sizeof even);
        ar_entry("empty", S_IFREG | 0644, "", 0);
        ar_dir("dir", 0755);
        ar_trailer();
    }
    initrd_init(ar, ar_len);
}

static uint32_t cached(void)
{
    uint32_t pages;
    filemap_stats(&pages);
    return pages;
}

/* Frees the tree (and so the caches); true when every frame and heap byte
 * came back and the cache is empty. */
static int no_leaks(void)
{
    struct kmalloc_stats st;
    fs_free();
    kmalloc_get_stats(&st);
    return st.used_bytes == 0 && st.pages == 0 && frame_free_count() == frames_at_start &&
           cached() == 0;
}

/* ---- cases ---- */

static void same_frame_twice(void)
{
    setup();
    struct inode *ip = fs_lookup("/big");
    struct page *a = filemap_get_page(ip, 0);
    struct page *b = filemap_get_page(ip, 0);
    CHECK(a != NULL && a == b);
    CHECK(a->count == 3);                   /* the cache and two callers */
    CHECK(cached() == 1);
    struct page *c = filemap_get_page(ip, 1);
    CHECK(c != NULL && c != a && c->count == 2 && cached() == 2);
    page_put(a);
    page_put(b);
    page_put(c);
    CHECK(a->count == 1 && c->count == 1);  /* the cache still holds them */
    CHECK(filemap_get_page(ip, 0) == a && a->count == 2);
    page_put(a);
    CHECK(no_leaks());
}

static void contents_and_zero_tail(void)
{
    setup();
    struct inode *ip = fs_lookup("/big");
    struct page *p0 = filemap_get_page(ip, 0), *p1 = filemap_get_page(ip, 1);
    CHECK(p0 && p1);
    const uint8_t *v0 = page_to_virt(p0), *v1 = page_to_virt(p1);
    CHECK(memcmp(v0, big, PAGE_SIZE) == 0);
    CHECK(memcmp(v1, big + PAGE_SIZE, sizeof big - PAGE_SIZE) == 0);
    /* Simulated RAM starts as 0xA5 garbage: the tail must have been zeroed. */
    for (uint32_t i = sizeof big - PAGE_SIZE; i < PAGE_SIZE; i++)
        CHECK(v1[i] == 0);
    struct inode *ev = fs_lookup("/even");
    struct page *e1 = filemap_get_page(ev, 1);
    CHECK(e1 && memcmp(page_to_virt(e1), even + PAGE_SIZE, PAGE_SIZE) == 0);
    page_put(p0);
    page_put(p1);
    page_put(e1);
    CHECK(no_leaks());
}

/* Pages past the file's last page, of an empty file, of a directory: NULL,
 * and nothing allocated for them. */
static void pages_refused(void)
{
    setup();
    uint32_t before = frame_free_count();
    CHECK(filemap_get_page(fs_lookup("/big"), 2) == NULL);
    CHECK(filemap_get_page(fs_lookup("/even"), 2) == NULL);
    CHECK(filemap_get_page(fs_lookup("/empty"), 0) == NULL);
    CHECK(filemap_get_page(fs_lookup("/dir"), 0) == NULL);
    CHECK(filemap_get_page(fs_lookup("/dev/console"), 0) == NULL);
    CHECK(filemap_get_page(fs_lookup("/big"), 0xFFFFFFFFu) == NULL);
    CHECK(cached() == 0);
    CHECK(frame_free_count() == before);        /* not even a cache array */
    CHECK(no_leaks());
}

/* A frame still mapped (a caller's reference) outlives the cache; it is
 * freed by the caller's last page_put. */
static void release_leaves_callers_frames(void)
{
    setup();
    struct inode *ip = fs_lookup("/even");
    struct page *pg = filemap_get_page(ip, 0);
    CHECK(pg && pg->count == 2);
    uint32_t free_before = frame_free_count();
    filemap_release(ip);
    CHECK(ip->cache == NULL && cached() == 0);
    CHECK(pg->count == 1 && !(pg->flags & PG_FREE));
    CHECK(frame_free_count() >= free_before);   /* only the array's slab, if any */
    page_put(pg);
    CHECK(pg->flags & PG_FREE);
    /* The cache starts again after a release. */
    struct page *again = filemap_get_page(ip, 0);
    CHECK(again && memcmp(page_to_virt(again), even, PAGE_SIZE) == 0);
    page_put(again);
    CHECK(no_leaks());
}

static void out_of_frames(void)
{
    static struct page *held[SIM_BYTES / PAGE_SIZE];
    uint32_t n = 0;
    setup();
    struct inode *ip = fs_lookup("/big");
    struct page *p0 = filemap_get_page(ip, 0);      /* makes the cache array */
    CHECK(p0 != NULL);
    while ((held[n] = frame_alloc()) != NULL)
        n++;
    CHECK(filemap_get_page(ip, 1) == NULL);
    CHECK(ip->cache != NULL && cached() == 1);
    while (n > 0)
        frame_free(held[--n]);
    struct page *p1 = filemap_get_page(ip, 1);
    CHECK(p1 != NULL && p1->count == 2 && cached() == 2);
    page_put(p0);
    page_put(p1);
    CHECK(no_leaks());
}

static const struct unit_case cases[] = {
    { "same_frame_twice", same_frame_twice },
    { "contents_and_zero_tail", contents_and_zero_tail },
    { "pages_refused", pages_refused },
    { "release_leaves_callers_frames", release_leaves_callers_frames },
    { "out_of_frames", out_of_frames },
};

UNIT_SUITE(cases)
