/* test_pgtable.c: user page tables (mm/pgtable.c) over the real frame
 * allocator: walk, map, map_range and its undo, unmap and its references,
 * protect, translate, destroy, TLB flushes through the fake MMU. */
#include "kernel/errno.h"
#include "mm/frame.h"
#include "mm/kmalloc.h"
#include "mm/mm.h"
#include "mm/pgtable.h"
#include "mm/rmap.h"
#include "mm/swap_map.h"
#include "unit.h"

#define MiB (1u << 20)
#define SIM_BYTES (8 * MiB)
#define MAX_FRAMES (SIM_BYTES / PAGE_SIZE)
#define VA USER_BASE                    /* 0x08048000 */
#define NOT_CURRENT 0x1000u             /* a CR3 that is not our pgdir */

static struct boot_info bi;
static struct page *held[MAX_FRAMES];
static struct page *pgdir_page;
static pde_t *pgdir;

/* Fresh memory, allocator, and an empty page directory; current (CR3 holds
 * it) or not; 16 swap slots for the cases that plant swap entries.
 * unit_flushes starts at 0. The previous case's page tables are destroyed
 * first, so that the kernel heap (reverse-map items, the swap map) is
 * empty again before the frames are set up anew. */
static void setup(bool current)
{
    static void *mem;
    if (!mem)
        mem = unit_sim_memory(SIM_BYTES);
    if (pgdir)
        pgtable_destroy_user(pgdir);
    swap_map_init(0, 0, 0);
    struct kmalloc_stats st;
    kmalloc_get_stats(&st);
    if (st.pages)
        unit_fail(__FILE__, __LINE__, "the previous case left kernel-heap pages behind");
    memset(mem, 0xA5, SIM_BYTES);
    static const struct mem_region reserved[] = { { MiB, MiB + (256u << 10) } };
    memset(&bi, 0, sizeof bi);
    bi.ram[0] = (struct mem_region){ 0, 640u << 10 };
    bi.ram[1] = (struct mem_region){ MiB, SIM_BYTES };
    bi.nram = 2;
    frame_init(&bi, reserved, 1);
    pgdir_page = frame_alloc();
    pgdir = page_to_virt(pgdir_page);
    memset(pgdir, 0, PAGE_SIZE);
    unit_cr3 = current ? page_to_phys(pgdir_page) : NOT_CURRENT;
    swap_map_init(16, 0, 0);
    unit_flushes = 0;
}

static pte_t pte_of(uint32_t va)
{
    pte_t *pte = pgtable_walk(pgdir, va, false);
    return pte ? *pte : 0;
}

static void walk_without_create_returns_null(void)
{
    setup(true);
    uint32_t before = frame_free_count();
    CHECK(pgtable_walk(pgdir, VA, false) == 0);
    CHECK(pgdir[PDX(VA)] == 0);
    CHECK(frame_free_count() == before);
}

static void walk_create_allocates_one_zeroed_table(void)
{
    setup(true);
    uint32_t before = frame_free_count();
    pte_t *pte = pgtable_walk(pgdir, VA, true);
    CHECK(pte != 0);
    CHECK(frame_free_count() == before - 1);
    pde_t pde = pgdir[PDX(VA)];
    CHECK((pde & PTE_FLAGS_MASK) == (PTE_PRESENT | PTE_WRITE | PTE_USER));
    struct page *table = phys_to_page(PTE_FRAME(pde));
    CHECK(table && table->count == 1 && (table->flags & PG_PGTABLE));
    pte_t *entries = page_to_virt(table);
    for (int i = 0; i < PT_ENTRIES; i++)
        CHECK(entries[i] == 0);
    CHECK(pte == &entries[PTX(VA)]);
    /* The same 4 MiB: the same table, no new frame. */
    CHECK(pgtable_walk(pgdir, VA + 5 * PAGE_SIZE, true) == pte + 5);
    CHECK(frame_free_count() == before - 1);
}

static void map_then_translate(void)
{
    setup(true);
    struct page *pg = frame_alloc();
    uint32_t phys = page_to_phys(pg), out = 0;
    CHECK(pgtable_map(pgdir, VA, phys, PTE_USER | PTE_WRITE) == 0);
    CHECK(pte_of(VA) == (phys | PTE_PRESENT | PTE_WRITE | PTE_USER));
    CHECK(pgtable_translate(pgdir, VA + 0x123, &out) == 0);
    CHECK(out == phys + 0x123);
    CHECK(pgtable_translate(pgdir, VA + PAGE_SIZE, &out) == -EFAULT);
    CHECK(pgtable_translate(pgdir, VA - PAGE_SIZE, &out) == -EFAULT);
    CHECK(pg->count == 1);              /* the caller's reference, taken over */
}

/* A present PTE or a swap entry: both are "already mapped". */
static void map_existing_returns_eexist(void)
{
    setup(true);
    struct page *a = frame_alloc(), *b = frame_alloc();
    CHECK(pgtable_map(pgdir, VA, page_to_phys(a), PTE_USER) == 0);
    pte_t old = pte_of(VA);
    uint32_t before = frame_free_count(), out = 0;
    CHECK(pgtable_map(pgdir, VA, page_to_phys(b), PTE_USER | PTE_WRITE) == -EEXIST);
    CHECK(pte_of(VA) == old);
    CHECK(pgtable_translate(pgdir, VA, &out) == 0 && out == page_to_phys(a));
    CHECK(a->count == 1 && b->count == 1);
    CHECK(frame_free_count() == before);

    swap_entry_dup(7);
    *pgtable_walk(pgdir, VA + PAGE_SIZE, false) = pte_make_swap(7);
    CHECK(pgtable_map(pgdir, VA + PAGE_SIZE, page_to_phys(b), PTE_USER) == -EEXIST);
    CHECK(pte_of(VA + PAGE_SIZE) == pte_make_swap(7));
    CHECK(pgtable_translate(pgdir, VA + PAGE_SIZE, &out) == -EFAULT);
}

static void map_range_across_4mib_creates_two_tables(void)
{
    setup(true);
    struct page *run = frame_alloc_run(4);
    uint32_t phys = page_to_phys(run), va = 4 * MiB - 2 * PAGE_SIZE, out = 0;
    uint32_t before = frame_free_count();
    CHECK(pgtable_map_range(pgdir, va, phys, 4 * PAGE_SIZE, PTE_USER) == 0);
    CHECK(frame_free_count() == before - 2);            /* two tables, nothing else */
    CHECK((pgdir[0] & PTE_PRESENT) && (pgdir[1] & PTE_PRESENT));
    CHECK(PTE_FRAME(pgdir[0]) != PTE_FRAME(pgdir[1]));
    for (uint32_t i = 0; i < 4; i++) {
        CHECK(pgtable_translate(pgdir, va + i * PAGE_SIZE, &out) == 0);
        CHECK(out == phys + i * PAGE_SIZE);
        CHECK(run[i].count == 1);
    }
    CHECK(pte_of(va + 4 * PAGE_SIZE) == 0);
}

/* Two pages either side of 4 MiB, and one free frame: the first table is
 * made and its page mapped, the second table cannot be. */
static void map_range_enomem_leaves_nothing_mapped(void)
{
    setup(true);
    struct page *run = frame_alloc_run(2);
    uint32_t phys = page_to_phys(run), va = 4 * MiB - PAGE_SIZE, out = 0, n = 0;
    struct page *pg;
    while ((pg = frame_alloc()) != 0)
        held[n++] = pg;
    frame_free(held[--n]);
    CHECK(frame_free_count() == 1);
    CHECK(pgtable_map_range(pgdir, va, phys, 2 * PAGE_SIZE, PTE_USER | PTE_WRITE) == -ENOMEM);
    CHECK(pgtable_translate(pgdir, va, &out) == -EFAULT);
    CHECK(pgtable_translate(pgdir, va + PAGE_SIZE, &out) == -EFAULT);
    CHECK(pte_of(va) == 0 && pte_of(va + PAGE_SIZE) == 0);
    CHECK(run[0].count == 1 && run[1].count == 1);
    CHECK(!(run[0].flags & PG_FREE) && !(run[1].flags & PG_FREE));
    /* The first table may stay until destroy (the contract allows it). */
    pgtable_destroy_user(pgdir);
    CHECK(frame_free_count() == 1);
    CHECK(run[0].count == 1 && run[1].count == 1);
}

/* The mapping's reference goes: a sole owner's frame is freed, a shared
 * frame keeps its other reference. */
static void unmap_drops_reference(void)
{
    setup(true);
    struct page *sole = frame_alloc(), *shared = frame_alloc();
    page_get(shared);
    CHECK(pgtable_map(pgdir, VA, page_to_phys(sole), PTE_USER) == 0);
    CHECK(pgtable_map(pgdir, VA + PAGE_SIZE, page_to_phys(shared), PTE_USER) == 0);
    uint32_t before = frame_free_count(), out = 0;
    pgtable_unmap_range(pgdir, VA, 2 * PAGE_SIZE);
    CHECK(sole->count == 0 && (sole->flags & PG_FREE));
    CHECK(shared->count == 1 && !(shared->flags & PG_FREE));
    CHECK(frame_free_count() == before + 1);            /* the frame, and nothing else */
    CHECK(sole->mapcount == 0 && shared->mapcount == 0);
    CHECK(pgtable_translate(pgdir, VA, &out) == -EFAULT);
    CHECK(pgtable_translate(pgdir, VA + PAGE_SIZE, &out) == -EFAULT);
    CHECK(pte_of(VA) == 0 && pte_of(VA + PAGE_SIZE) == 0);
    CHECK(pgdir[PDX(VA)] & PTE_PRESENT);        /* the table stays */
}

static void protect_range_changes_write_only(void)
{
    setup(true);
    struct page *a = frame_alloc(), *b = frame_alloc();
    uint32_t pa = page_to_phys(a), pb = page_to_phys(b);
    CHECK(pgtable_map(pgdir, VA, pa, PTE_USER | PTE_WRITE) == 0);
    CHECK(pgtable_map(pgdir, VA + PAGE_SIZE, pb, PTE_USER | PTE_COW) == 0);
    swap_entry_dup(9);
    *pgtable_walk(pgdir, VA + 2 * PAGE_SIZE, false) = pte_make_swap(9);
    pgtable_protect_range(pgdir, VA, 4 * PAGE_SIZE, PTE_USER);
    CHECK(pte_of(VA) == (pa | PTE_PRESENT | PTE_USER));
    CHECK(pte_of(VA + PAGE_SIZE) == (pb | PTE_PRESENT | PTE_USER | PTE_COW));
    CHECK(pte_of(VA + 2 * PAGE_SIZE) == pte_make_swap(9));     /* not present */
    CHECK(pte_of(VA + 3 * PAGE_SIZE) == 0);
    pgtable_protect_range(pgdir, VA, 2 * PAGE_SIZE, PTE_USER | PTE_WRITE);
    CHECK(pte_of(VA) == (pa | PTE_PRESENT | PTE_USER | PTE_WRITE));
    CHECK(pte_of(VA + PAGE_SIZE) == (pb | PTE_PRESENT | PTE_USER | PTE_WRITE | PTE_COW));
    CHECK(a->count == 1 && b->count == 1);
}

/* Map, protect, unmap, unmap again: unit_flushes after each step must be
 * expect[0..3]. (A failed CHECK here still fails the calling case.) */
static void check_flushes(const unsigned expect[4])
{
    struct page *pg = frame_alloc();
    CHECK(pgtable_map(pgdir, VA, page_to_phys(pg), PTE_USER | PTE_WRITE) == 0);
    CHECK(unit_flushes == expect[0]);
    pgtable_protect_range(pgdir, VA, PAGE_SIZE, PTE_USER);
    CHECK(unit_flushes == expect[1]);
    pgtable_unmap_range(pgdir, VA, PAGE_SIZE);
    CHECK(unit_flushes == expect[2]);
    pgtable_unmap_range(pgdir, VA, PAGE_SIZE);  /* nothing there any more */
    CHECK(unit_flushes == expect[3]);
}

static void tlb_flushed_when_current(void)
{
    static const unsigned expect[4] = { 0, 1, 2, 2 };  /* map of an empty PTE: none */
    setup(true);
    check_flushes(expect);
}

static void tlb_untouched_when_not_current(void)
{
    static const unsigned expect[4] = { 0, 0, 0, 0 };
    setup(false);
    check_flushes(expect);
    CHECK(unit_cr3 == NOT_CURRENT);
}

/* Tables in three places, the last user page among them; the kernel half's
 * PDE is left as it was. */
static void destroy_user_frees_everything(void)
{
    setup(true);
    uint32_t before = frame_free_count();
    const uint32_t vas[] = { VA, VA + PAGE_SIZE, 0x40000000u, USER_TOP - PAGE_SIZE };
    pgdir[KERNEL_PDX] = PTE_PRESENT | PTE_WRITE | PTE_HUGE;
    for (int i = 0; i < 4; i++)
        CHECK(pgtable_map(pgdir, vas[i], page_to_phys(frame_alloc()), PTE_USER) == 0);
    CHECK(frame_free_count() == before - 4 - 3);        /* pages, tables: no rmap records */
    pgtable_destroy_user(pgdir);
    CHECK(frame_free_count() == before);
    for (uint32_t i = 0; i < KERNEL_PDX; i++)
        CHECK(pgdir[i] == 0);
    CHECK(pgdir[KERNEL_PDX] == (PTE_PRESENT | PTE_WRITE | PTE_HUGE));
    CHECK(pgdir_page->count == 1 && !(pgdir_page->flags & PG_FREE));
}

static void kernel_half_range_panics(void)
{
    setup(true);
    uint32_t before = frame_free_count(), phys = page_to_phys(frame_alloc());
    CHECK_PANICS(pgtable_map_range(pgdir, KERNEL_BASE - PAGE_SIZE, phys, 2 * PAGE_SIZE,
                                   PTE_USER), "kernel half");
    CHECK_PANICS(pgtable_map(pgdir, KERNEL_BASE, phys, PTE_USER), "kernel half");
    CHECK_PANICS(pgtable_walk(pgdir, 0xFFFFF000u, true), "kernel half");
    CHECK_PANICS(pgtable_unmap_range(pgdir, KERNEL_BASE, PAGE_SIZE), "kernel half");
    CHECK_PANICS(pgtable_protect_range(pgdir, 0x1000, 0xFFFFF000u, PTE_USER), "kernel half");
    CHECK(frame_free_count() == before - 1);
    for (uint32_t i = KERNEL_PDX; i < PT_ENTRIES; i++)
        CHECK(pgdir[i] == 0);
    /* The last user page is still user. */
    CHECK(pgtable_map_range(pgdir, KERNEL_BASE - PAGE_SIZE, phys, PAGE_SIZE, PTE_USER) == 0);
}

/* fork's copy of a table (under a locked region): a writable page
 * becomes copy-on-write in both tables (without a TLB flush per page), a
 * read-only one is shared as it is, a swap entry's slot gains a
 * reference; destroying the copy gives every reference and mapping back. */
static void fork_table_copies_and_write_protects(void)
{
    setup(true);
    struct page *a = frame_alloc(), *b = frame_alloc(), *dpg = frame_alloc();
    pde_t *dst = page_to_virt(dpg);
    memset(dst, 0, PAGE_SIZE);
    uint32_t pa = page_to_phys(a), pb = page_to_phys(b);
    CHECK(pgtable_map(pgdir, VA, pa, PTE_USER | PTE_WRITE) == 0);
    CHECK(pgtable_map(pgdir, VA + PAGE_SIZE, pb, PTE_USER) == 0);
    swap_entry_dup(9);
    *pgtable_walk(pgdir, VA + 2 * PAGE_SIZE, false) = pte_make_swap(9);
    CHECK(pgtable_fork_table(dst, pgdir, VA, true) == 0);
    CHECK(pgtable_fork_table(dst, pgdir, VA + 4 * MiB, true) == 0);
    CHECK(unit_flushes == 0);
    pte_t cow = pa | PTE_PRESENT | PTE_USER | PTE_COW;
    CHECK(pte_of(VA) == cow && *pgtable_walk(dst, VA, false) == cow);
    CHECK(*pgtable_walk(dst, VA + PAGE_SIZE, false) == (pb | PTE_PRESENT | PTE_USER));
    CHECK(*pgtable_walk(dst, VA + 2 * PAGE_SIZE, false) == pte_make_swap(9));
    CHECK(*pgtable_walk(dst, VA + 3 * PAGE_SIZE, false) == 0);
    CHECK(!(dst[PDX(VA) + 1] & PTE_PRESENT));   /* no table where src has none */
    CHECK((dst[PDX(VA)] & PTE_WRITE) && (pgdir[PDX(VA)] & PTE_WRITE));
    CHECK(a->count == 2 && a->mapcount == 2 && b->count == 2 && b->mapcount == 2);
    CHECK(swap_entry_count(9) == 2);
    pgtable_flush_all(pgdir);
    CHECK(unit_cr3 == page_to_phys(pgdir_page));
    pgtable_destroy_user(dst);
    CHECK(a->count == 1 && a->mapcount == 1 && b->count == 1 && b->mapcount == 1);
    CHECK(swap_entry_count(9) == 1);
    frame_free(dpg);
}

/* fork's sharing of a table: one table, two read-only PDEs, nothing per
 * page. The first change through either (pgtable_walk with create) gives
 * that one its own copy, exactly as the copy above; the other, alone with
 * the old table now, only gets its write bit back. A shared table is not
 * changed by unmap, and destroying one sharer leaves the other's pages. */
static void fork_table_shares_until_changed(void)
{
    setup(true);
    struct page *a = frame_alloc(), *s = frame_alloc(), *dpg = frame_alloc();
    pde_t *dst = page_to_virt(dpg);
    memset(dst, 0, PAGE_SIZE);
    uint32_t pa = page_to_phys(a);
    s->flags |= PG_SHM;                 /* a shared memory frame: stays writable */
    CHECK(pgtable_map(pgdir, VA, pa, PTE_USER | PTE_WRITE) == 0);
    CHECK(pgtable_map(pgdir, VA + PAGE_SIZE, page_to_phys(s), PTE_USER | PTE_WRITE) == 0);
    swap_entry_dup(9);
    *pgtable_walk(pgdir, VA + 2 * PAGE_SIZE, false) = pte_make_swap(9);
    uint32_t tables = pgtable_frame_count();
    CHECK(pgtable_fork_table(dst, pgdir, VA, false) == 0);
    CHECK(dst[PDX(VA)] == pgdir[PDX(VA)] && !(dst[PDX(VA)] & PTE_WRITE));
    struct page *table = phys_to_page(PTE_FRAME(dst[PDX(VA)]));
    CHECK(table->count == 2 && pgtable_shared(dst, VA) && pgtable_shared(pgdir, VA));
    CHECK(pgtable_frame_count() == tables);
    CHECK(pte_of(VA) == (pa | PTE_PRESENT | PTE_USER | PTE_WRITE));     /* untouched */
    CHECK(a->count == 1 && a->mapcount == 1 && swap_entry_count(9) == 1);
    CHECK_PANICS(pgtable_unmap_range(pgdir, VA, PAGE_SIZE), "shared since fork");
    CHECK_PANICS(pgtable_protect_range(dst, VA, PAGE_SIZE, PTE_USER), "shared since fork");
    CHECK(!pgtable_can_move(pgdir, VA) && pgtable_can_move(pgdir, VA + 3 * PAGE_SIZE));

    pte_t *mine = pgtable_walk(dst, VA, true);      /* the child changes a PTE */
    CHECK(mine && PTE_FRAME(dst[PDX(VA)]) != page_to_phys(table));
    CHECK((dst[PDX(VA)] & PTE_WRITE) && !(pgdir[PDX(VA)] & PTE_WRITE));
    CHECK(table->count == 1 && !pgtable_shared(pgdir, VA) && pgtable_frame_count() == tables + 1);
    pte_t cow = pa | PTE_PRESENT | PTE_USER | PTE_COW;
    CHECK(*mine == cow && pte_of(VA) == cow);
    CHECK(*pgtable_walk(dst, VA + PAGE_SIZE, false) == pte_of(VA + PAGE_SIZE) &&
          (pte_of(VA + PAGE_SIZE) & PTE_WRITE));
    CHECK(a->count == 2 && a->mapcount == 2 && s->count == 2 && swap_entry_count(9) == 2);

    unit_flushes = 0;
    CHECK(pgtable_unshare_range(pgdir, VA, 2 * PAGE_SIZE) == 0);   /* alone: no copy */
    CHECK((pgdir[PDX(VA)] & PTE_WRITE) && PTE_FRAME(pgdir[PDX(VA)]) == page_to_phys(table));
    CHECK(unit_cr3 == page_to_phys(pgdir_page) && pgtable_frame_count() == tables + 1);
    pgtable_destroy_user(dst);
    CHECK(a->count == 1 && a->mapcount == 1 && swap_entry_count(9) == 1);

    /* Shared again, the parent gone first: the child keeps every page. */
    CHECK(pgtable_fork_table(dst, pgdir, VA, false) == 0);
    pde_t *old = pgdir;
    pgdir = dst;                        /* setup() destroys the child's next */
    pgtable_destroy_user(old);
    CHECK(table->count == 1 && a->count == 1 && a->mapcount == 1 && swap_entry_count(9) == 1);
    CHECK(pte_of(VA) == cow);           /* as the child's copy left it */
    frame_free(pgdir_page);
    pgdir_page = dpg;
}

static bool collect(struct mm *mm, uint32_t va, pte_t *pte, void *arg)
{
    struct mm **seen = arg;
    (void)pte;
    if (va != VA)
        return false;
    seen[seen[0] ? 1 : 0] = mm;
    return true;
}

/* The reverse map finds an anonymous frame in every address space that
 * maps it, at its one address; another address is refused. */
static void rmap_finds_every_mapping(void)
{
    setup(false);
    struct page *a = frame_alloc(), *dpg = frame_alloc();
    pde_t *dst = page_to_virt(dpg);
    memset(dst, 0, PAGE_SIZE);
    CHECK(pgtable_map(pgdir, VA, page_to_phys(a), PTE_USER | PTE_WRITE) == 0);
    CHECK(pgtable_fork_table(dst, pgdir, VA, true) == 0);
    struct mm m1 = { .pgdir = pgdir }, m2 = { .pgdir = dst }, empty = { .pgdir = 0 };
    struct page *e = frame_alloc();
    empty.pgdir = page_to_virt(e);
    memset(empty.pgdir, 0, PAGE_SIZE);
    rmap_add_mm(&m1);
    rmap_add_mm(&empty);
    rmap_add_mm(&m2);
    struct mm *seen[2] = { 0, 0 };
    rmap_walk(a, collect, seen);
    CHECK((seen[0] == &m1 && seen[1] == &m2) || (seen[0] == &m2 && seen[1] == &m1));
    CHECK_PANICS(rmap_add(a, VA + PAGE_SIZE), "mapped at");
    a->mapcount++;                      /* one more than there are */
    CHECK_PANICS(rmap_walk(a, collect, seen), "only 2 found");
    a->mapcount--;
    rmap_remove_mm(&m1);
    rmap_remove_mm(&m2);
    rmap_remove_mm(&empty);
    pgtable_destroy_user(dst);
    frame_free(dpg);
    frame_free(e);
}

static const struct unit_case cases[] = {
    { "fork_table_copies_and_write_protects", fork_table_copies_and_write_protects },
    { "fork_table_shares_until_changed", fork_table_shares_until_changed },
    { "rmap_finds_every_mapping", rmap_finds_every_mapping },
    { "walk_without_create_returns_null", walk_without_create_returns_null },
    { "walk_create_allocates_one_zeroed_table", walk_create_allocates_one_zeroed_table },
    { "map_then_translate", map_then_translate },
    { "map_existing_returns_eexist", map_existing_returns_eexist },
    { "map_range_across_4mib_creates_two_tables", map_range_across_4mib_creates_two_tables },
    { "map_range_enomem_leaves_nothing_mapped", map_range_enomem_leaves_nothing_mapped },
    { "unmap_drops_reference", unmap_drops_reference },
    { "protect_range_changes_write_only", protect_range_changes_write_only },
    { "tlb_flushed_when_current", tlb_flushed_when_current },
    { "tlb_untouched_when_not_current", tlb_untouched_when_not_current },
    { "destroy_user_frees_everything", destroy_user_frees_everything },
    { "kernel_half_range_panics", kernel_half_range_panics },
};

UNIT_SUITE(cases)
