/* test_vma.c: the region list of an address space (mm/vma.c), the range
 * rule of the memory system calls (mm/urange.c) and brk over the list
 * (mm/brk.c), on the host over the real frame allocator and page tables.
 * Every edit is followed by vma_check, the list's invariants: sorted, no
 * overlap, no empty or unaligned region, none in the kernel half.
 * The cases named after a panic are the three that once took the kernel
 * down from user space: a System V segment attached in the kernel half,
 * mprotect with a length that rounds up to zero, and brk after munmap,
 * mprotect or MAP_FIXED cut the heap. */
#include "kernel/errno.h"
#include "kernel/proc.h"
#include "mm/brk.h"
#include "mm/frame.h"
#include "mm/kmalloc.h"
#include "mm/mm.h"
#include "mm/pgtable.h"
#include "mm/rmap.h"
#include "mm/shmem.h"
#include "mm/swap_map.h"
#include "mm/urange.h"
#include "mm/vma.h"
#include "unit.h"

#define MiB (1u << 20)
#define SIM_BYTES (8 * MiB)
#define P PAGE_SIZE
#define A 0x40000000u                   /* where the cases put their regions */
#define RW (VM_READ | VM_WRITE)
#define HEAP (VM_READ | VM_WRITE | VM_HEAP)

struct proc *current;                   /* brk.c's sys_brk names it; unused here */
/* brk.c asks kernel/rlimit.c whether the heap may grow: no limits here. */
int rlimit_vm_ok(struct mm *mm, uint32_t grow, uint32_t vm_flags)
{
    (void)mm, (void)grow, (void)vm_flags;
    return 1;
}

/* Files, faked: the cases pass made-up inode pointers. */
void inode_get(struct inode *ip) { (void)ip; }
void inode_put(struct inode *ip) { (void)ip; }
/* brk faults in the pages of a locked heap: nothing to fault here. */
int fault_populate(struct mm *m, uint32_t start, uint32_t end)
{
    (void)m, (void)start, (void)end;
    return 0;
}

/* Shared memory objects, faked: only their reference counts matter here. */
void shm_get(struct shm_object *obj) { obj->refs++; }
void shm_put(struct shm_object *obj) { obj->refs--; }

static struct boot_info bi;
static struct mm mm;
static uint32_t free_at_start;

/* Fresh memory and allocator, and an empty address space (not current). */
static void setup(void)
{
    static void *mem;
    if (!mem)
        mem = unit_sim_memory(SIM_BYTES);
    if (mm.pgdir) {
        vma_free_all(&mm);
        pgtable_destroy_user(mm.pgdir);
    }
    swap_map_init(0, 0, 0);
    struct kmalloc_stats st;
    kmalloc_get_stats(&st);
    if (st.pages)
        unit_fail(__FILE__, __LINE__, "the previous case left kernel-heap pages behind");
    static const struct mem_region reserved[] = { { MiB, MiB + (256u << 10) } };
    memset(&bi, 0, sizeof bi);
    bi.ram[0] = (struct mem_region){ MiB, SIM_BYTES };
    bi.nram = 1;
    frame_init(&bi, reserved, 1);
    memset(&mm, 0, sizeof mm);
    struct page *pd = frame_alloc();
    mm.pgdir = page_to_virt(pd);
    mm.pgdir_phys = page_to_phys(pd);
    memset(mm.pgdir, 0, PAGE_SIZE);
    unit_cr3 = 0x1000;                  /* some other address space */
    swap_map_init(16, 0, 0);
    free_at_start = frame_free_count();
}

/* One expected region. */
struct span {
    uint32_t start, end, flags;
};

/* Is mm's list exactly want[0..n), and are the invariants true? */
static int list_is(const struct span *want, int n)
{
    if (vma_check(&mm))
        return 0;
    const struct vma *v = mm.vmas;
    for (int i = 0; i < n; i++, v = v->next)
        if (!v || v->start != want[i].start || v->end != want[i].end || v->flags != want[i].flags)
            return 0;
    return v == 0;
}
#define LIST_IS(...)                                                    \
    do {                                                                \
        static const struct span want_[] = { __VA_ARGS__ };             \
        CHECK(list_is(want_, (int)(sizeof want_ / sizeof want_[0])));   \
    } while (0)

/* Maps a fresh frame at va (as a first touch would), writable. */
static void touch(uint32_t va)
{
    struct page *pg = frame_alloc();
    if (pgtable_map(mm.pgdir, va, page_to_phys(pg), PTE_USER | PTE_WRITE) < 0)
        unit_fail(__FILE__, __LINE__, "touch: no page table");
}

static pte_t pte_of(uint32_t va)
{
    pte_t *pte = pgtable_walk(mm.pgdir, va, false);
    return pte ? *pte : 0;
}

/* ---- the list itself ---- */

static void add_keeps_order_and_refuses_overlap(void)
{
    setup();
    CHECK(vma_add(&mm, A + 4 * P, A + 6 * P, RW, 0, 0, 0));
    CHECK(vma_add(&mm, A, A + 2 * P, RW, 0, 0, 0));
    CHECK(vma_add(&mm, A + 8 * P, A + 9 * P, VM_READ, 0, 0, 0));
    CHECK(vma_add(&mm, A + 2 * P, A + 4 * P, VM_READ, 0, 0, 0));   /* fills the gap exactly */
    LIST_IS({ A, A + 2 * P, RW }, { A + 2 * P, A + 4 * P, VM_READ }, { A + 4 * P, A + 6 * P, RW },
            { A + 8 * P, A + 9 * P, VM_READ });
    CHECK(!vma_add(&mm, A + 5 * P, A + 7 * P, RW, 0, 0, 0));       /* overlaps the end */
    CHECK(!vma_add(&mm, A + 7 * P, A + 10 * P, RW, 0, 0, 0));      /* covers one */
    CHECK(!vma_add(&mm, A + 7 * P, A + 7 * P, RW, 0, 0, 0));       /* empty */
    CHECK(!vma_add(&mm, A + 7 * P, A + 6 * P, RW, 0, 0, 0));       /* inverted */
    CHECK(!vma_add(&mm, A + 6 * P + 1, A + 7 * P, RW, 0, 0, 0));   /* unaligned */
    CHECK(vma_find(&mm, A + 2 * P)->flags == VM_READ);
    CHECK(vma_find(&mm, A + 7 * P) == 0);
    CHECK(vma_find_above(&mm, A + 7 * P)->start == A + 8 * P);
}

/* vma_find's one-entry cache: it answers a run of lookups in one region,
 * follows a split or a merge, and never keeps a region that is freed. */
static void find_cache_follows_every_change(void)
{
    setup();
    struct vma *a = vma_add(&mm, A, A + 4 * P, RW, 0, 0, 0);
    struct vma *b = vma_add(&mm, A + 8 * P, A + 9 * P, VM_READ, 0, 0, 0);
    CHECK(vma_find(&mm, A + 8 * P) == b && mm.vma_cache == b);
    CHECK(vma_find(&mm, A + P) == a && mm.vma_cache == a);
    CHECK(vma_find(&mm, A + 4 * P) == 0 && mm.vma_cache == a);     /* a miss keeps it */
    struct vma *a2 = vma_split(&mm, a, A + 2 * P);
    CHECK(vma_find(&mm, A + 3 * P) == a2 && vma_find(&mm, A + P) == a);
    CHECK(vma_unmap(&mm, A, A + 2 * P) == 0 && mm.vma_cache == 0);  /* a was freed */
    CHECK(vma_find(&mm, A + P) == 0 && vma_find(&mm, A + 2 * P) == a2);
    CHECK(vma_add(&mm, A + 4 * P, A + 8 * P, RW, 0, 0, 0));
    CHECK(vma_find(&mm, A + 5 * P) != 0);
    vma_merge(&mm, A, A + 9 * P);                   /* a2 and the new one become one */
    CHECK(vma_find(&mm, A + 5 * P) == a2 && a2->end == A + 8 * P && mm.vma_cache == a2);
    vma_remove(&mm, b);
    CHECK(vma_find(&mm, A + 8 * P) == 0 && mm.vma_cache == a2);
    vma_free_all(&mm);
    CHECK(mm.vma_cache == 0 && vma_find(&mm, A + 5 * P) == 0);
}

/* No region may reach the kernel half, whatever a caller asks. */
static void add_refuses_the_kernel_half(void)
{
    setup();
    CHECK(!vma_add(&mm, 0xC0422000u, 0xC0424000u, RW, 0, 0, 0));
    CHECK(!vma_add(&mm, 0xBFFFF000u, 0xC0001000u, RW, 0, 0, 0));
    CHECK(!vma_add(&mm, 0xE0000000u, 0xE0001000u, RW, 0, 0, 0));
    CHECK(vma_add(&mm, 0xBFFFF000u, USER_TOP, RW, 0, 0, 0));       /* up to it is fine */
    LIST_IS({ 0xBFFFF000u, USER_TOP, RW });
}

static void split_keeps_file_and_shm_offsets(void)
{
    setup();
    static struct shm_object obj = { .npages = 8, .refs = 1 };
    int file;
    struct vma *f = vma_add(&mm, A, A + 4 * P, VM_READ, (struct inode *)&file, 2 * P, P + 100);
    struct vma *s = vma_add(&mm, A + 8 * P, A + 12 * P, RW | VM_SHARED, 0, 0, 0);
    s->shm = &obj;
    s->shm_pgoff = 2;
    obj.refs++;
    struct vma *f2 = vma_split(&mm, f, A + P);
    CHECK(f2 && f->end == A + P && f2->start == A + P && f2->end == A + 4 * P);
    CHECK(f->file_off == 2 * P && f->file_len == P);
    CHECK(f2->file_off == 3 * P && f2->file_len == 100);
    struct vma *f3 = vma_split(&mm, f2, A + 3 * P);
    CHECK(f3->file_off == 5 * P && f3->file_len == 0);
    struct vma *s2 = vma_split(&mm, s, A + 11 * P);
    CHECK(s2->shm == &obj && s2->shm_pgoff == 5 && obj.refs == 3);
    CHECK(vma_check(&mm) == 0);
    CHECK(vma_unmap(&mm, A, A + 12 * P) == 0);
    CHECK(mm.vmas == 0 && obj.refs == 1);
}

static void split_outside_the_region_panics(void)
{
    setup();
    struct vma *v = vma_add(&mm, A, A + 2 * P, RW, 0, 0, 0);
    CHECK_PANICS(vma_split(&mm, v, A), "vma_split");
    CHECK_PANICS(vma_split(&mm, v, A + 2 * P), "vma_split");
    CHECK_PANICS(vma_split(&mm, v, A + P + 8), "vma_split");
    LIST_IS({ A, A + 2 * P, RW });
}

/* ---- munmap's edit ---- */

/* Regions at A..A+4P (rw), hole, A+6P..A+8P (r), A+8P..A+10P (rw), every
 * page touched. */
static void three_regions(void)
{
    setup();
    vma_add(&mm, A, A + 4 * P, RW, 0, 0, 0);
    vma_add(&mm, A + 6 * P, A + 8 * P, VM_READ, 0, 0, 0);
    vma_add(&mm, A + 8 * P, A + 10 * P, RW, 0, 0, 0);
    for (uint32_t a = A; a < A + 10 * P; a += P)
        if (vma_find(&mm, a))
            touch(a);
}

static void unmap_middle_of_a_region(void)
{
    three_regions();
    uint32_t before = frame_free_count();
    CHECK(vma_unmap(&mm, A + P, A + 3 * P) == 0);
    LIST_IS({ A, A + P, RW }, { A + 3 * P, A + 4 * P, RW }, { A + 6 * P, A + 8 * P, VM_READ },
            { A + 8 * P, A + 10 * P, RW });
    CHECK(frame_free_count() == before + 2);
    CHECK(pte_of(A) && !pte_of(A + P) && !pte_of(A + 2 * P) && pte_of(A + 3 * P));
}

static void unmap_either_end(void)
{
    three_regions();
    CHECK(vma_unmap(&mm, A, A + P) == 0);
    CHECK(vma_unmap(&mm, A + 3 * P, A + 4 * P) == 0);
    LIST_IS({ A + P, A + 3 * P, RW }, { A + 6 * P, A + 8 * P, VM_READ },
            { A + 8 * P, A + 10 * P, RW });
    CHECK(!pte_of(A) && pte_of(A + P) && !pte_of(A + 3 * P));
}

static void unmap_across_regions_and_holes(void)
{
    three_regions();
    uint32_t before = frame_free_count();
    CHECK(vma_unmap(&mm, A + 3 * P, A + 9 * P) == 0);
    LIST_IS({ A, A + 3 * P, RW }, { A + 9 * P, A + 10 * P, RW });
    CHECK(frame_free_count() == before + 4);
    CHECK(vma_unmap(&mm, A - 16 * P, A + 64 * P) == 0);     /* everything, and more */
    CHECK(mm.vmas == 0);
    CHECK(frame_free_count() >= before + 8);   /* and the reverse map's slab */
    for (uint32_t a = A; a < A + 10 * P; a += P)
        CHECK(!pte_of(a));
}

static void unmap_of_a_hole_or_nothing_changes_nothing(void)
{
    three_regions();
    uint32_t before = frame_free_count();
    CHECK(vma_unmap(&mm, A + 4 * P, A + 6 * P) == 0);
    CHECK(vma_unmap(&mm, A + 2 * P, A + 2 * P) == 0);       /* zero length */
    LIST_IS({ A, A + 4 * P, RW }, { A + 6 * P, A + 8 * P, VM_READ }, { A + 8 * P, A + 10 * P, RW });
    CHECK(frame_free_count() == before);
}

/* ---- mprotect's edit ---- */

static void protect_middle_then_back_merges(void)
{
    three_regions();
    CHECK(vma_protect(&mm, A + P, A + 2 * P, VM_READ) == 0);
    LIST_IS({ A, A + P, RW }, { A + P, A + 2 * P, VM_READ }, { A + 2 * P, A + 4 * P, RW },
            { A + 6 * P, A + 8 * P, VM_READ }, { A + 8 * P, A + 10 * P, RW });
    CHECK(!(pte_of(A + P) & PTE_WRITE) && (pte_of(A + P) & PTE_USER));
    CHECK(pte_of(A) & PTE_WRITE);
    CHECK(vma_protect(&mm, A + P, A + 2 * P, RW) == 0);
    LIST_IS({ A, A + 4 * P, RW }, { A + 6 * P, A + 8 * P, VM_READ }, { A + 8 * P, A + 10 * P, RW });
    CHECK(pte_of(A + P) & PTE_WRITE);   /* the only user of its frame: writable again */
}

static void protect_either_end_and_none(void)
{
    three_regions();
    CHECK(vma_protect(&mm, A, A + P, 0) == 0);
    CHECK(vma_protect(&mm, A + 3 * P, A + 4 * P, VM_READ | VM_EXEC) == 0);
    LIST_IS({ A, A + P, 0 }, { A + P, A + 3 * P, RW }, { A + 3 * P, A + 4 * P, VM_READ | VM_EXEC },
            { A + 6 * P, A + 8 * P, VM_READ }, { A + 8 * P, A + 10 * P, RW });
    CHECK(!(pte_of(A) & PTE_USER));     /* PROT_NONE: even reads fault */
}

/* Across two touching regions: both change, and they merge. */
static void protect_across_touching_regions_merges_them(void)
{
    three_regions();
    CHECK(vma_protect(&mm, A + 7 * P, A + 9 * P, VM_READ) == 0);
    LIST_IS({ A, A + 4 * P, RW }, { A + 6 * P, A + 9 * P, VM_READ }, { A + 9 * P, A + 10 * P, RW });
}

static void protect_over_a_hole_fails_and_changes_nothing(void)
{
    three_regions();
    CHECK(vma_protect(&mm, A + 2 * P, A + 7 * P, VM_READ) == -ENOMEM);
    CHECK(vma_protect(&mm, A + 9 * P, A + 11 * P, VM_READ) == -ENOMEM);
    CHECK(vma_protect(&mm, A - P, A + P, VM_READ) == -ENOMEM);
    LIST_IS({ A, A + 4 * P, RW }, { A + 6 * P, A + 8 * P, VM_READ }, { A + 8 * P, A + 10 * P, RW });
    CHECK(pte_of(A + 2 * P) & PTE_WRITE);
}

static void protect_shared_file_writable_is_eacces(void)
{
    setup();
    int file;
    vma_add(&mm, A, A + 2 * P, VM_READ | VM_SHARED, (struct inode *)&file, 0, 2 * P);
    CHECK(vma_protect(&mm, A, A + P, RW) == -EACCES);
    CHECK(vma_protect(&mm, A, A + P, VM_READ | VM_EXEC) == 0);
    LIST_IS({ A, A + P, VM_READ | VM_EXEC | VM_SHARED }, { A + P, A + 2 * P, VM_READ | VM_SHARED });
}

/* Heap pieces merge with heap pieces; the stack and files never merge. */
static void merge_rules(void)
{
    setup();
    int file;
    vma_add(&mm, A, A + P, HEAP, 0, 0, 0);
    vma_add(&mm, A + P, A + 2 * P, HEAP, 0, 0, 0);
    vma_add(&mm, A + 2 * P, A + 3 * P, RW, 0, 0, 0);
    vma_add(&mm, A + 3 * P, A + 4 * P, RW, (struct inode *)&file, 0, P);
    vma_add(&mm, A + 4 * P, A + 5 * P, RW | VM_GROWSDOWN, 0, 0, 0);
    vma_add(&mm, A + 5 * P, A + 6 * P, RW | VM_GROWSDOWN, 0, 0, 0);
    vma_merge(&mm, A, A + 6 * P);
    LIST_IS({ A, A + 2 * P, HEAP }, { A + 2 * P, A + 3 * P, RW }, { A + 3 * P, A + 4 * P, RW },
            { A + 4 * P, A + 5 * P, RW | VM_GROWSDOWN }, { A + 5 * P, A + 6 * P, RW | VM_GROWSDOWN });
}

static void copy_drops_locks_and_counts_shm(void)
{
    setup();
    static struct shm_object obj = { .npages = 2, .refs = 1 };
    vma_add(&mm, A, A + P, RW | VM_LOCKED, 0, 0, 0);
    struct vma *s = vma_add(&mm, A + P, A + 3 * P, RW | VM_SHARED, 0, 0, 0);
    s->shm = &obj;
    obj.refs++;
    struct mm child;
    memset(&child, 0, sizeof child);
    CHECK(vma_copy_all(&child, &mm) == 0);
    CHECK(child.vmas->flags == RW && obj.refs == 3);
    CHECK(vma_check(&child) == 0);
    vma_free_all(&child);
    CHECK(obj.refs == 2);
}

/* The checker finds each broken invariant. */
static void check_finds_each_broken_invariant(void)
{
    static struct shm_object obj = { .npages = 1, .refs = 1 };
    struct vma c = { .start = A + 2 * P, .end = A + 3 * P, .next = 0 };
    struct vma b = { .start = A + P, .end = A + 2 * P, .next = &c };
    struct vma a = { .start = A, .end = A + P, .next = &b };
    struct mm m = { .vmas = &a };
    CHECK(vma_check(&m) == 0);
    b.start = A + P / 2;
    CHECK(strstr(vma_check(&m), "aligned"));
    b.start = A + 2 * P;
    CHECK(strstr(vma_check(&m), "empty"));
    b.start = A + 3 * P;
    CHECK(strstr(vma_check(&m), "empty"));                  /* ends below its start */
    b.start = A;
    CHECK(strstr(vma_check(&m), "overlap"));
    b.start = A + P;
    c.start = 0xBFFFF000u;
    c.end = 0xC0001000u;
    CHECK(strstr(vma_check(&m), "kernel half"));
    c.start = A + 2 * P;
    c.end = A + 4 * P;
    c.shm = &obj;
    CHECK(strstr(vma_check(&m), "shared memory"));
    c.shm = 0;
    c.start = A - P;
    CHECK(strstr(vma_check(&m), "order"));
    CHECK_PANICS(vma_verify(&m, "mprotect"), "regions after mprotect");
}

/* ---- mlock's edit and mremap's move ---- */

static void change_flags_locks_a_piece_and_back(void)
{
    three_regions();
    CHECK(vma_change_flags(&mm, A + P, A + 3 * P, VM_LOCKED, VM_LOCKED) == 0);
    LIST_IS({ A, A + P, RW }, { A + P, A + 3 * P, RW | VM_LOCKED }, { A + 3 * P, A + 4 * P, RW },
            { A + 6 * P, A + 8 * P, VM_READ }, { A + 8 * P, A + 10 * P, RW });
    CHECK(vma_change_flags(&mm, A + 5 * P, A + 7 * P, VM_LOCKED, VM_LOCKED) == -ENOMEM);
    CHECK(vma_change_flags(&mm, A, A + 4 * P, VM_LOCKED, 0) == 0);
    LIST_IS({ A, A + 4 * P, RW }, { A + 6 * P, A + 8 * P, VM_READ }, { A + 8 * P, A + 10 * P, RW });
    CHECK(pte_of(A + 2 * P) & PTE_WRITE);   /* the pages were not touched */
}

/* Present pages and swap entries move to the new place as they are: the
 * frames keep their counts, the reverse map follows, the slot keeps its
 * reference; the old place is left empty. */
static void move_range_takes_pages_and_swap_entries(void)
{
    setup();
    const uint32_t B = A + 64 * MiB;    /* another page table */
    touch(A);
    touch(A + P);
    swap_entry_dup(5);
    *pgtable_walk(mm.pgdir, A + 3 * P, false) = pte_make_swap(5);
    struct page *pg = phys_to_page(PTE_FRAME(pte_of(A)));
    pte_t was = pte_of(A);
    uint32_t before = frame_free_count();
    CHECK(pgtable_move_range(mm.pgdir, A, B, 4 * P) == 0);
    CHECK(frame_free_count() == before - 1);            /* the new page table */
    CHECK(pte_of(B) == was && !pte_of(A) && !pte_of(A + P) && !pte_of(A + 3 * P));
    CHECK(pte_present(pte_of(B + P)) && !pte_of(B + 2 * P));
    CHECK(pte_of(B + 3 * P) == pte_make_swap(5) && swap_entry_count(5) == 1);
    CHECK(pg->count == 1 && rmap_count(pg) == 1 && pg->va == B);
    pgtable_unmap_range(mm.pgdir, B, 4 * P);
    CHECK(swap_entry_count(5) == 0);
}

/* An anonymous frame another address space also maps (fork) has one
 * address everywhere: it cannot move, and nothing moves. So neither can
 * a swap slot another PTE holds. */
static void move_range_refuses_shared_pages(void)
{
    setup();
    const uint32_t B = A + 64 * MiB;
    touch(A);
    touch(A + P);
    struct page *pg = phys_to_page(PTE_FRAME(pte_of(A + P)));
    page_get(pg);                       /* as fork's copy would */
    rmap_add(pg, A + P);
    pte_t a = pte_of(A), b = pte_of(A + P);
    CHECK(pgtable_move_range(mm.pgdir, A, B, 2 * P) == -EBUSY);
    CHECK(pte_of(A) == a && pte_of(A + P) == b && !pte_of(B) && pg->va == A + P);
    rmap_remove(pg);
    page_put(pg);
    swap_entry_dup(6);
    swap_entry_dup(6);                  /* two PTEs hold slot 6 */
    *pgtable_walk(mm.pgdir, A + 2 * P, false) = pte_make_swap(6);
    CHECK(pgtable_move_range(mm.pgdir, A, B, 3 * P) == -EBUSY);
    swap_entry_put(6);
    CHECK(pgtable_move_range(mm.pgdir, A, B, 3 * P) == 0);
    CHECK(!pte_of(A) && pte_of(B + 2 * P) == pte_make_swap(6));
    pgtable_unmap_range(mm.pgdir, B, 3 * P);
}

/* ---- the range rule ---- */

struct range_case {
    const char *what;
    uint32_t addr, len;
    unsigned how;
    int beyond, result;
    uint32_t start, end;
};

#define AL URANGE_ALIGNED
#define EMPTY URANGE_EMPTY_OK
#define WRAP URANGE_WRAP_EINVAL

static const struct range_case range_cases[] = {
    { "page", A, P, AL, -ENOMEM, 0, A, A + P },
    { "rounded up", A, 1, AL, -ENOMEM, 0, A, A + P },
    { "unaligned", A + 1, P, AL, -ENOMEM, -EINVAL, 0, 0 },
    { "zero length refused", A, 0, AL, -EINVAL, -EINVAL, 0, 0 },
    { "zero length empty", A, 0, AL | EMPTY, -ENOMEM, 0, A, A },
    { "mprotect length rounds to zero (panic 2)", A, 0xFFFFF001u, AL | EMPTY, -ENOMEM, -ENOMEM, 0, 0 },
    { "length 4 GiB - 1", A, 0xFFFFFFFFu, AL | EMPTY, -ENOMEM, -ENOMEM, 0, 0 },
    { "shmat in the kernel half (panic 1)", 0xC0422000u, 2 * P, AL | WRAP, -ENOMEM, -ENOMEM, 0, 0 },
    { "shmat at 0xE0000000 (panic 1)", 0xE0000000u, P, AL | WRAP, -ENOMEM, -ENOMEM, 0, 0 },
    { "shmat at 0xCCA7E000 (panic 1)", 0xCCA7E000u, P, AL | WRAP, -ENOMEM, -ENOMEM, 0, 0 },
    { "reaches into the kernel half", 0xBFFFF000u, 2 * P, AL, -ENOMEM, -ENOMEM, 0, 0 },
    { "ends at the kernel half", 0xBFFFF000u, P, AL, -ENOMEM, 0, 0xBFFFF000u, USER_TOP },
    { "wraps past 4 GiB, EINVAL kind", 0xFFFFF000u, 2 * P, AL | WRAP, -ENOMEM, -EINVAL, 0, 0 },
    { "ends exactly at 4 GiB", 0xFFFFF000u, P, AL | WRAP, -ENOMEM, -EINVAL, 0, 0 },
    { "wraps past 4 GiB, same errno", 0xFFFFF000u, 2 * P, AL, -ENOMEM, -ENOMEM, 0, 0 },
    { "munmap's errno", 0xC0000000u, P, AL, -EINVAL, -EINVAL, 0, 0 },
    { "below MMAP_MIN_ADDR, fixed", 0xF000, P, AL | URANGE_MAP_MIN, -ENOMEM, -EPERM, 0, 0 },
    { "at MMAP_MIN_ADDR, fixed", 0x10000, P, AL | URANGE_MAP_MIN, -ENOMEM, 0, 0x10000, 0x11000 },
    { "below USER_BASE, not a new mapping", 0x1000, P, AL, -ENOMEM, 0, 0x1000, 0x2000 },
    { "mlock rounds the start down", A + 10, P, URANGE_ROUND | EMPTY, -ENOMEM, 0, A, A + 2 * P },
    { "mlock of the last bytes", 0xFFFFFFF0u, 0x20, URANGE_ROUND | EMPTY | WRAP, -ENOMEM, -EINVAL, 0, 0 },
    { "mlock zero length, the page of addr", A + 10, 0, URANGE_ROUND | EMPTY, -ENOMEM, 0, A, A + P },
    { "mlock zero length, aligned", A, 0, URANGE_ROUND | EMPTY, -ENOMEM, 0, A, A },
    { "length alone (mmap)", 0, 0xC0000000u, 0, -ENOMEM, 0, 0, 0xC0000000u },
    { "length alone too long", 0, 0xC0000001u, 0, -ENOMEM, -ENOMEM, 0, 0 },
};

static void range_rule_table(void)
{
    for (unsigned i = 0; i < sizeof range_cases / sizeof range_cases[0]; i++) {
        const struct range_case *c = &range_cases[i];
        struct urange r = { 0xDEAD, 0xBEEF };
        int got = urange_check(c->addr, c->len, c->how, c->beyond, &r);
        if (got != c->result || (got == 0 && (r.start != c->start || r.end != c->end))) {
            unit_log_clear();
            unit_fail(__FILE__, __LINE__, c->what);
            return;
        }
    }
}

/* ---- brk over the region list (panic 3) ---- */

#define BRK (A - 64 * P)

/* A heap starting at BRK, grown to n pages. */
static void heap_of(uint32_t n)
{
    setup();
    mm.brk_start = mm.brk = BRK;
    if (mm_brk(&mm, BRK + n * P) != (long)(BRK + n * P))
        unit_fail(__FILE__, __LINE__, "heap_of: brk did not grow");
}

static void brk_grows_and_shrinks(void)
{
    heap_of(3);
    LIST_IS({ BRK, BRK + 3 * P, HEAP });
    CHECK(mm_brk(&mm, BRK + 5 * P + 10) == (long)(BRK + 5 * P + 10));
    LIST_IS({ BRK, BRK + 6 * P, HEAP });
    touch(BRK + 5 * P);
    CHECK(mm_brk(&mm, BRK + P) == (long)(BRK + P));
    LIST_IS({ BRK, BRK + P, HEAP });
    CHECK(!pte_of(BRK + 5 * P));
    CHECK(mm_brk(&mm, BRK) == (long)BRK);
    CHECK(mm.vmas == 0);
    CHECK(mm_brk(&mm, BRK - P) == (long)BRK);               /* below the start */
    CHECK(mm_brk(&mm, 0xC0422000u) == (long)BRK);           /* the kernel half */
    CHECK(mm_brk(&mm, 0xFFFFFFFFu) == (long)BRK);
    CHECK(mm.vmas == 0);
}

static void brk_stops_at_the_next_region(void)
{
    heap_of(2);
    vma_add(&mm, BRK + 4 * P, BRK + 5 * P, RW, 0, 0, 0);
    CHECK(mm_brk(&mm, BRK + 4 * P + 1) == (long)(BRK + 2 * P));
    CHECK(mm_brk(&mm, BRK + 4 * P) == (long)(BRK + 4 * P));
    LIST_IS({ BRK, BRK + 4 * P, HEAP }, { BRK + 4 * P, BRK + 5 * P, RW });
}

/* munmap in the middle of the heap, then grow: the top piece grows (or a
 * new one is added), never the bottom piece over the top one. */
static void brk_after_munmap_in_the_heap(void)
{
    heap_of(4);
    CHECK(vma_unmap(&mm, BRK + P, BRK + 2 * P) == 0);
    CHECK(mm_brk(&mm, BRK + 8 * P) == (long)(BRK + 8 * P));
    LIST_IS({ BRK, BRK + P, HEAP }, { BRK + 2 * P, BRK + 8 * P, HEAP });
    CHECK(mm_brk(&mm, BRK + P / 2) == (long)(BRK + P / 2));  /* shrink over the hole */
    LIST_IS({ BRK, BRK + P, HEAP });
    CHECK(mm_brk(&mm, BRK + 3 * P) == (long)(BRK + 3 * P));
    LIST_IS({ BRK, BRK + 3 * P, HEAP });
    /* The whole heap unmapped by hand: the next growth maps anew. */
    CHECK(vma_unmap(&mm, BRK, BRK + 3 * P) == 0);
    CHECK(mm_brk(&mm, BRK + 4 * P) == (long)(BRK + 4 * P));
    LIST_IS({ BRK + 3 * P, BRK + 4 * P, HEAP });
    CHECK(mm_brk(&mm, BRK) == (long)BRK);
    CHECK(mm.vmas == 0);
}

static void brk_after_mprotect_of_the_top(void)
{
    heap_of(3);
    CHECK(vma_protect(&mm, BRK + 2 * P, BRK + 3 * P, VM_READ) == 0);
    CHECK(mm_brk(&mm, BRK + 6 * P) == (long)(BRK + 6 * P));
    LIST_IS({ BRK, BRK + 2 * P, HEAP }, { BRK + 2 * P, BRK + 3 * P, VM_READ | VM_HEAP },
            { BRK + 3 * P, BRK + 6 * P, HEAP });
    CHECK(mm_brk(&mm, BRK + P) == (long)(BRK + P));
    LIST_IS({ BRK, BRK + P, HEAP });
    CHECK(mm_brk(&mm, BRK + 4 * P) == (long)(BRK + 4 * P));
    LIST_IS({ BRK, BRK + 4 * P, HEAP });
}

static void brk_after_map_fixed_over_the_heap(void)
{
    heap_of(4);
    CHECK(vma_unmap(&mm, BRK + P, BRK + 3 * P) == 0);       /* MAP_FIXED's first step */
    CHECK(vma_add(&mm, BRK + P, BRK + 3 * P, VM_READ, 0, 0, 0));
    CHECK(mm_brk(&mm, BRK + 6 * P) == (long)(BRK + 6 * P));
    LIST_IS({ BRK, BRK + P, HEAP }, { BRK + P, BRK + 3 * P, VM_READ }, { BRK + 3 * P, BRK + 6 * P, HEAP });
    CHECK(mm_brk(&mm, BRK + 2 * P) == (long)(BRK + 2 * P));
    LIST_IS({ BRK, BRK + P, HEAP }, { BRK + P, BRK + 2 * P, VM_READ });
    CHECK(mm_brk(&mm, BRK + 3 * P) == (long)(BRK + 3 * P));
    LIST_IS({ BRK, BRK + P, HEAP }, { BRK + P, BRK + 2 * P, VM_READ }, { BRK + 2 * P, BRK + 3 * P, HEAP });
    CHECK(vma_unmap(&mm, BRK, BRK + 3 * P) == 0);
    CHECK(mm.vmas == 0);
}

/* Last: everything the cases took is given back. */
static void nothing_leaked(void)
{
    three_regions();
    CHECK(vma_unmap(&mm, 0, USER_TOP) == 0);
    pgtable_destroy_user(mm.pgdir);     /* the page table */
    CHECK(frame_free_count() == free_at_start);
}

static const struct unit_case cases[] = {
    { "add_keeps_order_and_refuses_overlap", add_keeps_order_and_refuses_overlap },
    { "add_refuses_the_kernel_half", add_refuses_the_kernel_half },
    { "find_cache_follows_every_change", find_cache_follows_every_change },
    { "split_keeps_file_and_shm_offsets", split_keeps_file_and_shm_offsets },
    { "split_outside_the_region_panics", split_outside_the_region_panics },
    { "unmap_middle_of_a_region", unmap_middle_of_a_region },
    { "unmap_either_end", unmap_either_end },
    { "unmap_across_regions_and_holes", unmap_across_regions_and_holes },
    { "unmap_of_a_hole_or_nothing_changes_nothing", unmap_of_a_hole_or_nothing_changes_nothing },
    { "protect_middle_then_back_merges", protect_middle_then_back_merges },
    { "protect_either_end_and_none", protect_either_end_and_none },
    { "protect_across_touching_regions_merges_them", protect_across_touching_regions_merges_them },
    { "protect_over_a_hole_fails_and_changes_nothing", protect_over_a_hole_fails_and_changes_nothing },
    { "protect_shared_file_writable_is_eacces", protect_shared_file_writable_is_eacces },
    { "merge_rules", merge_rules },
    { "change_flags_locks_a_piece_and_back", change_flags_locks_a_piece_and_back },
    { "move_range_takes_pages_and_swap_entries", move_range_takes_pages_and_swap_entries },
    { "move_range_refuses_shared_pages", move_range_refuses_shared_pages },
    { "copy_drops_locks_and_counts_shm", copy_drops_locks_and_counts_shm },
    { "check_finds_each_broken_invariant", check_finds_each_broken_invariant },
    { "range_rule_table", range_rule_table },
    { "brk_grows_and_shrinks", brk_grows_and_shrinks },
    { "brk_stops_at_the_next_region", brk_stops_at_the_next_region },
    { "brk_after_munmap_in_the_heap", brk_after_munmap_in_the_heap },
    { "brk_after_mprotect_of_the_top", brk_after_mprotect_of_the_top },
    { "brk_after_map_fixed_over_the_heap", brk_after_map_fixed_over_the_heap },
    { "nothing_leaked", nothing_leaked },
};

UNIT_SUITE(cases)
