/* test_frame.c: the physical frame allocator (mm/frame.c): what frame_init
 * manages and what it keeps back, frame_alloc/frame_free (LIFO, exhaustion),
 * reference counts, contiguous runs, and the panics on broken invariants. */
#include "mm/frame.h"
#include "unit.h"

#define MiB (1u << 20)
#define KiB (1u << 10)
#define SIM_BYTES (8 * MiB)
#define MAX_FRAMES (SIM_BYTES / PAGE_SIZE)

/* The layout of most cases: RAM [0, 640K) and [1M, 8M), the kernel image at
 * [1M, 1M+256K). The table (2048 struct pages) goes right after the image. */
#define KERNEL_END (MiB + 256 * KiB)
#define TABLE_PAGES (PAGE_ROUND_UP(MAX_FRAMES * (uint32_t)sizeof(struct page)) / PAGE_SIZE)
/* 7 MiB above 1 MiB = 1792 frames, less 64 for the image, less the table
 * (12 frames with i386's 24-byte struct page): 1716. */
#define EXPECTED_FREE ((7 * MiB - 256 * KiB) / PAGE_SIZE - TABLE_PAGES)

static const struct mem_region std_ram[] = { { 0, 640 * KiB }, { MiB, SIM_BYTES } };
static const struct mem_region std_reserved[] = { { MiB, KERNEL_END } };

static struct boot_info bi;
static struct page *held[MAX_FRAMES];

/* Fresh simulated memory (garbage-filled) and a fresh allocator over it. */
static void setup(const struct mem_region *ram, int nram,
                  const struct mem_region *reserved, int nreserved)
{
    static void *mem;
    if (!mem)
        mem = unit_sim_memory(SIM_BYTES);
    memset(mem, 0xA5, SIM_BYTES);
    memset(&bi, 0, sizeof bi);
    for (int i = 0; i < nram; i++)
        bi.ram[i] = ram[i];
    bi.nram = nram;
    frame_init(&bi, reserved, nreserved);
}

static void setup_std(void)
{
    setup(std_ram, 2, std_reserved, 1);
}

/* Takes every free frame into held[]; returns how many. */
static uint32_t alloc_all(void)
{
    uint32_t n = 0;
    struct page *pg;
    while (n < MAX_FRAMES && (pg = frame_alloc()) != 0)
        held[n++] = pg;
    return n;
}

static uint32_t table_phys(void)
{
    return virt_to_phys(frame_table);
}

static void init_counts(void)
{
    setup_std();
    CHECK(frame_max_pfn == MAX_FRAMES);
    CHECK(frame_total_count() == EXPECTED_FREE);
    CHECK(frame_free_count() == EXPECTED_FREE);
    CHECK(table_phys() == KERNEL_END);
}

/* Every frame handed out is managed RAM: at or above 1 MiB, outside the
 * kernel image and the frame table, and handed out once. */
static void alloc_avoids_low_and_reserved(void)
{
    static uint8_t seen[MAX_FRAMES];
    setup_std();
    memset(seen, 0, sizeof seen);
    uint32_t n = alloc_all();
    CHECK(n == EXPECTED_FREE);
    uint32_t t = table_phys();
    for (uint32_t i = 0; i < n; i++) {
        uint32_t phys = page_to_phys(held[i]);
        CHECK(phys >= MiB && phys < SIM_BYTES);
        CHECK(phys >= KERNEL_END);
        CHECK(phys < t || phys >= t + TABLE_PAGES * PAGE_SIZE);
        CHECK(held[i]->count == 1 && !(held[i]->flags & PG_FREE));
        CHECK(!seen[phys / PAGE_SIZE]);
        seen[phys / PAGE_SIZE] = 1;
    }
}

static void exhaustion_returns_null(void)
{
    setup_std();
    uint32_t n = alloc_all();
    CHECK(n == EXPECTED_FREE);
    CHECK(frame_alloc() == 0);
    CHECK(frame_alloc_run(1) == 0);
    CHECK(frame_free_count() == 0);
    CHECK(frame_total_count() == EXPECTED_FREE);
    frame_free(held[n / 2]);
    CHECK(frame_free_count() == 1);
    CHECK(frame_alloc() == held[n / 2]);
}

/* The free list is LIFO: the frame just freed is the next one handed out. */
static void free_then_reuse_lifo(void)
{
    setup_std();
    struct page *a = frame_alloc(), *b = frame_alloc();
    CHECK(a && b && a != b);
    CHECK(frame_free_count() == EXPECTED_FREE - 2);
    frame_free(a);
    CHECK(frame_free_count() == EXPECTED_FREE - 1);
    CHECK(a->flags & PG_FREE);
    struct page *c = frame_alloc();
    CHECK(c == a && c->count == 1 && !(c->flags & PG_FREE));
    frame_free(b);
    CHECK(frame_alloc() == b);
    CHECK(frame_free_count() == EXPECTED_FREE - 2);
}

static void page_get_put_counting(void)
{
    setup_std();
    struct page *pg = frame_alloc();
    CHECK(pg && pg->count == 1);
    page_get(pg);
    CHECK(pg->count == 2);
    page_put(pg);
    CHECK(pg->count == 1 && !(pg->flags & PG_FREE));
    CHECK(frame_free_count() == EXPECTED_FREE - 1);
    page_put(pg);                       /* the last reference: freed */
    CHECK(pg->count == 0 && (pg->flags & PG_FREE));
    CHECK(frame_free_count() == EXPECTED_FREE);
    CHECK(frame_alloc() == pg);
    CHECK(pg->count == 1);
}

static void free_shared_frame_panics(void)
{
    setup_std();
    struct page *pg = frame_alloc();
    page_get(pg);
    CHECK_PANICS(frame_free(pg), "still has");
    CHECK(pg->count == 2 && !(pg->flags & PG_FREE));
    CHECK(frame_free_count() == EXPECTED_FREE - 1);
}

static void double_free_panics(void)
{
    setup_std();
    struct page *pg = frame_alloc();
    frame_free(pg);
    CHECK_PANICS(frame_free(pg), "freed twice");
    CHECK(frame_free_count() == EXPECTED_FREE);
    CHECK(frame_alloc() == pg);
    CHECK(frame_alloc() != pg);         /* on the list once, not twice */
}

static void put_free_frame_panics(void)
{
    setup_std();
    struct page *pg = frame_alloc();
    frame_free(pg);
    CHECK_PANICS(page_put(pg), "freed twice");
    CHECK_PANICS(page_get(pg), "freed twice");
    CHECK(frame_free_count() == EXPECTED_FREE);
}

/* Frames frame_init kept back, and pointers outside the table. */
static void free_unmanaged_panics(void)
{
    setup_std();
    CHECK_PANICS(frame_free(phys_to_page(MiB)), "not managed");        /* kernel */
    CHECK_PANICS(frame_free(phys_to_page(0x8000)), "not managed");     /* low */
    CHECK_PANICS(frame_free(phys_to_page(table_phys())), "not managed");
    CHECK_PANICS(frame_free(frame_table + frame_max_pfn), "not managed");
    CHECK_PANICS(frame_free(frame_table - 1), "not managed");
    CHECK(frame_free_count() == EXPECTED_FREE);
}

/* a and c freed around a held b: the free list starts c, a, ..., so the
 * run must not simply be the list's first eight frames. */
static void alloc_run_contiguous(void)
{
    setup_std();
    struct page *a = frame_alloc(), *b = frame_alloc(), *c = frame_alloc();
    CHECK(b == a + 1 && c == b + 1);
    frame_free(a);
    frame_free(c);
    struct page *run = frame_alloc_run(8);
    CHECK(run != 0);
    CHECK(page_to_phys(run) >= KERNEL_END);
    CHECK(frame_free_count() == EXPECTED_FREE - 1 - 8);
    for (int i = 0; i < 8; i++)
        CHECK(run[i].count == 1 && !(run[i].flags & (PG_FREE | PG_RESERVED)));
    CHECK(a->flags & PG_FREE);          /* a alone is no run of eight */
    /* Taken off the free list: no later frame_alloc returns one of them. */
    uint32_t n = alloc_all();
    CHECK(n == EXPECTED_FREE - 1 - 8);
    for (uint32_t i = 0; i < n; i++)
        CHECK(held[i] < run || held[i] >= run + 8);
    for (int i = 0; i < 8; i++)
        frame_free(&run[i]);
    CHECK(frame_free_count() == 8);
}

/* With every other frame free, no run of two exists; freeing the frame
 * between two free ones makes the only run of three. */
static void alloc_run_fails_when_fragmented(void)
{
    setup_std();
    uint32_t n = alloc_all();
    for (uint32_t i = 0; i < n; i++)
        if ((page_to_phys(held[i]) / PAGE_SIZE) % 2 == 0)
            frame_free(held[i]);
    uint32_t nfree = frame_free_count();
    CHECK(nfree > 100);
    CHECK(frame_alloc_run(2) == 0);
    CHECK(frame_free_count() == nfree);
    struct page *mid = phys_to_page(4 * MiB + PAGE_SIZE);
    CHECK(mid->count == 1);
    frame_free(mid);
    struct page *run = frame_alloc_run(3);
    CHECK(run == mid - 1);
    CHECK(frame_free_count() == nfree - 2);
    CHECK(frame_alloc_run(2) == 0);
}

/* RAM split by a hole [3M, 3M+64K) whose edges are not page aligned: the
 * frames in it, and the two partial frames at its edges, are never used. */
static void memory_map_holes_respected(void)
{
    static const struct mem_region ram[] = {
        { 0, 640 * KiB }, { MiB, 3 * MiB + 0x800 },
        { 3 * MiB + 64 * KiB - 0x800, SIM_BYTES },
    };
    setup(ram, 3, std_reserved, 1);
    CHECK(frame_total_count() == EXPECTED_FREE - 16);
    uint32_t n = alloc_all();
    CHECK(n == EXPECTED_FREE - 16);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t phys = page_to_phys(held[i]);
        CHECK(phys < 3 * MiB || phys >= 3 * MiB + 64 * KiB);
    }
    CHECK(phys_to_page(3 * MiB)->flags & PG_RESERVED);
    CHECK(phys_to_page(3 * MiB + 60 * KiB)->flags & PG_RESERVED);
}

/* Reserved ranges (given out of order) leave an 8-frame gap after the
 * image, too small for the table: it must go to 2 MiB, the gap stays free. */
static void table_avoids_reserved(void)
{
    static const struct mem_region reserved[] = {
        { KERNEL_END + 32 * KiB, 2 * MiB }, { MiB, KERNEL_END },
    };
    setup(std_ram, 2, reserved, 2);
    uint32_t t = table_phys();
    CHECK(t == 2 * MiB);
    for (int i = 0; i < 2; i++)
        CHECK(t + TABLE_PAGES * PAGE_SIZE <= reserved[i].base || t >= reserved[i].end);
    for (uint32_t i = 0; i < TABLE_PAGES; i++)
        CHECK(phys_to_page(t + i * PAGE_SIZE)->flags & PG_RESERVED);
    for (uint32_t i = 0; i < 8; i++)
        CHECK(phys_to_page(KERNEL_END + i * PAGE_SIZE)->flags & PG_FREE);
    CHECK(frame_total_count() == EXPECTED_FREE - (2 * MiB - KERNEL_END - 32 * KiB) / PAGE_SIZE);
}

static const struct unit_case cases[] = {
    { "init_counts", init_counts },
    { "alloc_avoids_low_and_reserved", alloc_avoids_low_and_reserved },
    { "exhaustion_returns_null", exhaustion_returns_null },
    { "free_then_reuse_lifo", free_then_reuse_lifo },
    { "page_get_put_counting", page_get_put_counting },
    { "free_shared_frame_panics", free_shared_frame_panics },
    { "double_free_panics", double_free_panics },
    { "put_free_frame_panics", put_free_frame_panics },
    { "free_unmanaged_panics", free_unmanaged_panics },
    { "alloc_run_contiguous", alloc_run_contiguous },
    { "alloc_run_fails_when_fragmented", alloc_run_fails_when_fragmented },
    { "memory_map_holes_respected", memory_map_holes_respected },
    { "table_avoids_reserved", table_avoids_reserved },
};

UNIT_SUITE(cases)
