/* test_kmalloc.c: the kernel heap (mm/kmalloc.c) over the real frame
 * allocator: size classes, slab reuse and release, large runs, the stats,
 * exhaustion, and the panics on bad frees. Each case frees all it took. */
#include <stdbool.h>
#include "mm/frame.h"
#include "mm/kmalloc.h"
#include "unit.h"

#define MiB (1u << 20)
#define SIM_BYTES (8 * MiB)
#define MAX_FRAMES (SIM_BYTES / PAGE_SIZE)

static struct boot_info bi;
static struct page *held[MAX_FRAMES];
static struct kmalloc_stats st;

/* Fresh memory and frame allocator: RAM [0, 640K) and [1M, 8M), the kernel
 * at [1M, 1M+256K). kmalloc's own state lives on from case to case. */
static void setup(void)
{
    static void *mem;
    if (!mem)
        mem = unit_sim_memory(SIM_BYTES);
    memset(mem, 0xA5, SIM_BYTES);
    static const struct mem_region reserved[] = { { MiB, MiB + (256u << 10) } };
    memset(&bi, 0, sizeof bi);
    bi.ram[0] = (struct mem_region){ 0, 640u << 10 };
    bi.ram[1] = (struct mem_region){ MiB, SIM_BYTES };
    bi.nram = 2;
    frame_init(&bi, reserved, 1);
}

/* The leak check: no live object, no slab, no frame held. */
static bool heap_is_empty(void)
{
    static const struct kmalloc_stats zero;
    kmalloc_get_stats(&st);
    return memcmp(&st, &zero, sizeof st) == 0;
}

static bool stats_are(uint32_t used, uint32_t free_bytes, uint32_t pages)
{
    kmalloc_get_stats(&st);
    return st.used_bytes == used && st.free_bytes == free_bytes && st.pages == pages;
}

/* Takes every free frame into held[]; returns how many. */
static uint32_t alloc_all_frames(void)
{
    uint32_t n = 0;
    struct page *pg;
    while ((pg = frame_alloc()) != 0)
        held[n++] = pg;
    return n;
}

/* Enough objects of each size to need two slabs, all live at once: each is
 * 16-byte aligned, in its class, clear of every other, and keeps what was
 * written in it while the others are allocated. */
static void size_classes_aligned_distinct(void)
{
    static const uint32_t sizes[] = { 1, 16, 17, 32, 33, 64, 100, 128, 255, 256,
                                      512, 1000, 1024, 1025, 2048 };
    enum { NSIZES = sizeof sizes / sizeof sizes[0], MAXOBJ = 1100 };
    static unsigned char *obj[MAXOBJ];
    static uint32_t len[MAXOBJ];
    setup();
    CHECK(heap_is_empty());
    uint32_t n = 0, before = frame_free_count();
    for (int s = 0; s < NSIZES; s++) {
        int c = 0;
        while (kmalloc_class_size(c) < sizes[s])
            c++;
        uint32_t count = PAGE_SIZE / kmalloc_class_size(c) + 1;
        kmalloc_get_stats(&st);
        uint32_t in_class = st.objects[c];
        for (uint32_t i = 0; i < count; i++, n++) {
            obj[n] = kmalloc(sizes[s]);
            len[n] = sizes[s];
            CHECK(obj[n] != 0 && ((uintptr_t)obj[n] & 15) == 0);
            memset(obj[n], (int)(n % 251) + 1, len[n]);
        }
        kmalloc_get_stats(&st);
        CHECK(st.objects[c] == in_class + count);
    }
    for (uint32_t i = 0; i < n; i++) {
        for (uint32_t j = 0; j < len[i]; j++)
            CHECK(obj[i][j] == (unsigned char)(i % 251 + 1));
        for (uint32_t k = i + 1; k < n; k++)
            CHECK(obj[i] + len[i] <= obj[k] || obj[k] + len[k] <= obj[i]);
    }
    for (uint32_t i = 0; i < n; i++)
        kfree(obj[i]);
    CHECK(frame_free_count() == before);
    CHECK(heap_is_empty());
}

/* A freed object (not the slab's first) is the next of its class, even
 * for another size in that class. */
static void freed_object_reused(void)
{
    setup();
    CHECK(heap_is_empty());
    void *a = kmalloc(64), *b = kmalloc(64), *c = kmalloc(64);
    kfree(b);
    void *d = kmalloc(33);
    CHECK(d == b);
    kfree(a);
    kfree(c);
    kfree(d);
    CHECK(heap_is_empty());
}

/* 17 objects of 256 bytes fill one slab and start a second; the first
 * slab's frame goes back when its last object does, not before. */
static void empty_slab_returns_frame(void)
{
    static void *o[17];
    setup();
    CHECK(heap_is_empty());
    uint32_t before = frame_free_count();
    for (int i = 0; i < 17; i++)
        o[i] = kmalloc(256);
    CHECK(frame_free_count() == before - 2);
    struct page *first = virt_to_page(o[0]);
    for (int i = 0; i < 16; i++)
        CHECK(virt_to_page(o[i]) == first);
    for (int i = 0; i < 15; i++)
        kfree(o[i]);
    CHECK(frame_free_count() == before - 2 && (first->flags & PG_SLAB));
    kfree(o[15]);
    CHECK(frame_free_count() == before - 1);
    CHECK(first->flags & PG_FREE);
    CHECK(stats_are(256, PAGE_SIZE - 256, 1));
    kfree(o[16]);
    CHECK(frame_free_count() == before);
    CHECK(heap_is_empty());
}

static void stats_move_exactly(void)
{
    setup();
    CHECK(heap_is_empty());
    void *a = kmalloc(17);              /* class 32 */
    CHECK(stats_are(32, PAGE_SIZE - 32, 1) && st.objects[1] == 1);
    void *b = kmalloc(2048);            /* class 2048: two per slab */
    CHECK(stats_are(32 + 2048, PAGE_SIZE - 32 + 2048, 2) && st.objects[7] == 1);
    void *c = kmalloc(5000);            /* a run of two frames */
    CHECK(stats_are(32 + 2048 + 8192, PAGE_SIZE - 32 + 2048, 4));
    kfree(b);
    CHECK(stats_are(32 + 8192, PAGE_SIZE - 32, 3) && st.objects[7] == 0);
    kfree(c);
    CHECK(stats_are(32, PAGE_SIZE - 32, 1) && st.objects[1] == 1);
    kfree(a);
    CHECK(heap_is_empty());
}

/* Every third frame free: no room for 3 pages + 1 byte. Freeing two more
 * makes the only run of four, at pfn 1023..1026: kmalloc must take it. */
static void large_alloc_takes_contiguous_run(void)
{
    setup();
    CHECK(heap_is_empty());
    uint32_t n = alloc_all_frames();
    for (uint32_t i = 0; i < n; i++)
        if ((page_to_phys(held[i]) / PAGE_SIZE) % 3 == 0)
            frame_free(held[i]);
    CHECK(kmalloc(3 * PAGE_SIZE + 1) == 0);
    struct page *run = phys_to_page(4 * MiB) - 1;
    frame_free(run + 1);
    frame_free(run + 2);
    uint32_t before = frame_free_count();
    unsigned char *p = kmalloc(3 * PAGE_SIZE + 1);
    CHECK(p == page_to_virt(run));
    CHECK(((uintptr_t)p & ~PAGE_MASK) == 0);
    CHECK(frame_free_count() == before - 4);
    CHECK(stats_are(4 * PAGE_SIZE, 0, 4));
    for (int i = 0; i < 4; i++)
        CHECK(run[i].count == 1 && !(run[i].flags & PG_FREE));
    memset(p, 0x5A, 4 * PAGE_SIZE);
    kfree(p);
    CHECK(frame_free_count() == before);
    for (int i = 0; i < 4; i++)
        CHECK(run[i].flags & PG_FREE);
    CHECK(heap_is_empty());
}

static void kmalloc_zero_returns_null(void)
{
    setup();
    CHECK(heap_is_empty());
    uint32_t before = frame_free_count();
    CHECK(kmalloc(0) == 0);
    CHECK(frame_free_count() == before);
    CHECK(heap_is_empty());
}

/* With no frame left, only a slab that still has room can serve. */
static void exhausted_returns_null(void)
{
    setup();
    CHECK(heap_is_empty());
    void *keep = kmalloc(16);
    alloc_all_frames();
    void *more = kmalloc(16);
    CHECK(more != 0);
    CHECK(kmalloc(32) == 0);
    CHECK(kmalloc(PAGE_SIZE) == 0);
    CHECK(kmalloc(5000) == 0);
    CHECK(stats_are(32, PAGE_SIZE - 32, 1) && st.objects[0] == 2);
    kfree(keep);
    kfree(more);
    CHECK(frame_free_count() == 1);
    CHECK(heap_is_empty());
}

static void kfree_null_is_noop(void)
{
    setup();
    CHECK(heap_is_empty());
    void *a = kmalloc(100);
    uint32_t before = frame_free_count();
    kfree(0);
    CHECK(frame_free_count() == before);
    CHECK(stats_are(128, PAGE_SIZE - 128, 1) && st.objects[3] == 1);
    kfree(a);
    CHECK(heap_is_empty());
}

static void kfree_middle_of_object_panics(void)
{
    setup();
    CHECK(heap_is_empty());
    char *p = kmalloc(64), *big = kmalloc(2 * PAGE_SIZE);
    CHECK_PANICS(kfree(p + 16), "not the start");
    CHECK_PANICS(kfree(p + 1), "not the start");
    CHECK_PANICS(kfree(big + 16), "not returned by kmalloc");
    CHECK_PANICS(kfree(big + PAGE_SIZE), "not returned by kmalloc");
    CHECK(stats_are(64 + 2 * PAGE_SIZE, PAGE_SIZE - 64, 3) && st.objects[2] == 1);
    kfree(p);
    kfree(big);
    CHECK(heap_is_empty());
}

/* In a slab that lives on, the second kfree finds the object on the free
 * list; once the slab or run is gone, the frame is free. */
static void double_kfree_panics(void)
{
    setup();
    CHECK(heap_is_empty());
    void *a = kmalloc(128), *b = kmalloc(128);
    kfree(a);
    CHECK_PANICS(kfree(a), "twice");
    CHECK(stats_are(128, PAGE_SIZE - 128, 1) && st.objects[3] == 1);
    void *x = kmalloc(128), *y = kmalloc(128);
    CHECK(x == a && y != a);            /* on the free list once */
    kfree(x);
    kfree(y);
    kfree(b);
    CHECK(heap_is_empty());

    void *last = kmalloc(128), *big = kmalloc(2 * PAGE_SIZE);
    kfree(last);
    kfree(big);
    CHECK_PANICS(kfree(last), "already free");
    CHECK_PANICS(kfree(big), "already free");
    CHECK(heap_is_empty());
}

static void kfree_foreign_pointer_panics(void)
{
    setup();
    CHECK(heap_is_empty());
    struct page *pg = frame_alloc();
    uint32_t before = frame_free_count();
    CHECK_PANICS(kfree(page_to_virt(pg)), "not returned by kmalloc");
    CHECK_PANICS(kfree(phys_to_virt(MiB)), "not returned by kmalloc");    /* kernel */
    CHECK_PANICS(kfree(phys_to_virt(0x8000)), "not returned by kmalloc"); /* low */
    CHECK(pg->count == 1 && frame_free_count() == before);
    CHECK(heap_is_empty());
}

static const struct unit_case cases[] = {
    { "size_classes_aligned_distinct", size_classes_aligned_distinct },
    { "freed_object_reused", freed_object_reused },
    { "empty_slab_returns_frame", empty_slab_returns_frame },
    { "stats_move_exactly", stats_move_exactly },
    { "large_alloc_takes_contiguous_run", large_alloc_takes_contiguous_run },
    { "kmalloc_zero_returns_null", kmalloc_zero_returns_null },
    { "exhausted_returns_null", exhausted_returns_null },
    { "kfree_null_is_noop", kfree_null_is_noop },
    { "kfree_middle_of_object_panics", kfree_middle_of_object_panics },
    { "double_kfree_panics", double_kfree_panics },
    { "kfree_foreign_pointer_panics", kfree_foreign_pointer_panics },
};

UNIT_SUITE(cases)
