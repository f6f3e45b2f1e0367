/* frame.c: the physical frame allocator. Every frame of managed RAM has a
 * struct page in frame_table (indexed by frame number); free frames sit on
 * a doubly linked free list, so allocation and freeing are O(1). */
#include "mm/frame.h"
#include "kernel/printk.h"
#include "kernel/string.h"

struct page *frame_table;
uint32_t frame_max_pfn;

static struct page free_list = { .next = &free_list, .prev = &free_list };
static uint32_t nr_free, nr_total;

static void list_push(struct page *pg)
{
    pg->next = free_list.next;
    pg->prev = &free_list;
    free_list.next->prev = pg;
    free_list.next = pg;
}

static void list_remove(struct page *pg)
{
    pg->prev->next = pg->next;
    pg->next->prev = pg->prev;
    pg->next = pg->prev = 0;
}

static int overlaps(uint64_t a, uint64_t b, const struct mem_region *r)
{
    return a < r->end && r->base < b;
}

/* Is [a, b) inside usable RAM and clear of every reserved range? */
static int range_is_free(uint64_t a, uint64_t b, const struct boot_info *bi,
                         const struct mem_region *reserved, int nreserved)
{
    if (a < (1u << 20))
        return 0;
    int in_ram = 0;
    for (int i = 0; i < bi->nram; i++)
        if (bi->ram[i].base <= a && b <= bi->ram[i].end)
            in_ram = 1;
    for (int i = 0; in_ram && i < nreserved; i++)
        if (overlaps(a, b, &reserved[i]))
            return 0;
    return in_ram;
}

/* Finds room for the frame table: the lowest page-aligned free range. */
static uint32_t place_table(uint32_t bytes, const struct boot_info *bi,
                            const struct mem_region *reserved, int nreserved)
{
    for (int i = 0; i < bi->nram; i++) {
        uint64_t a = PAGE_ROUND_UP(bi->ram[i].base);
        while (a + bytes <= bi->ram[i].end && a + bytes <= KERNEL_MAP_MAX) {
            if (range_is_free(a, a + bytes, bi, reserved, nreserved))
                return (uint32_t)a;
            a += PAGE_SIZE;
        }
    }
    panic("frame_init: no room for a frame table of %u bytes", bytes);
}

void frame_init(const struct boot_info *bi, const struct mem_region *reserved, int nreserved)
{
    uint64_t top = bi->nram ? bi->ram[bi->nram - 1].end : 0;
    if (top > KERNEL_MAP_MAX)
        top = KERNEL_MAP_MAX;
    frame_max_pfn = (uint32_t)(top >> PAGE_SHIFT);

    uint32_t bytes = PAGE_ROUND_UP(frame_max_pfn * (uint32_t)sizeof(struct page));
    uint32_t table_phys = place_table(bytes, bi, reserved, nreserved);
    frame_table = phys_to_virt(table_phys);
    memset(frame_table, 0, bytes);

    struct mem_region table = { table_phys, (uint64_t)table_phys + bytes };
    free_list.next = free_list.prev = &free_list;
    nr_free = nr_total = 0;
    for (uint32_t pfn = frame_max_pfn; pfn-- > 0;) {
        uint64_t a = (uint64_t)pfn << PAGE_SHIFT;
        struct page *pg = &frame_table[pfn];
        if (range_is_free(a, a + PAGE_SIZE, bi, reserved, nreserved) &&
            !overlaps(a, a + PAGE_SIZE, &table)) {
            pg->flags = PG_FREE;
            list_push(pg);
            nr_free++;
            nr_total++;
        } else {
            pg->flags = PG_RESERVED;
        }
    }
}

struct page *frame_alloc(void)
{
    struct page *pg = free_list.next;
    if (pg == &free_list)
        return 0;
    list_remove(pg);
    pg->flags = 0;
    pg->count = 1;
    pg->file = 0;
    pg->index = 0;
    nr_free--;
    return pg;
}

struct page *frame_alloc_run(uint32_t n)
{
    if (n == 0)
        return 0;
    uint32_t run = 0;
    for (uint32_t pfn = 0; pfn < frame_max_pfn; pfn++) {
        run = (frame_table[pfn].flags & PG_FREE) ? run + 1 : 0;
        if (run == n) {
            struct page *first = &frame_table[pfn + 1 - n];
            for (uint32_t i = 0; i < n; i++) {
                list_remove(&first[i]);
                first[i].flags = 0;
                first[i].count = 1;
            }
            nr_free -= n;
            return first;
        }
    }
    return 0;
}

/* Panics unless pg is a managed frame in use; `what` names the caller. */
static void check_in_use(struct page *pg, const char *what)
{
    uint32_t pfn = (uint32_t)(pg - frame_table);
    if (pfn >= frame_max_pfn || (pg->flags & PG_RESERVED))
        panic("%s: frame %p (phys %p) is not managed RAM", what, (void *)pg,
              (void *)(pfn << PAGE_SHIFT));
    if (pg->flags & PG_FREE)
        panic("%s: frame at phys %p freed twice", what, (void *)(pfn << PAGE_SHIFT));
}

static void release(struct page *pg)
{
    if (pg->flags & PG_ZERO)
        panic("the zero page lost its last reference");
    if (pg->mapcount)
        panic("frame at phys %p freed while a page table still maps it",
              (void *)page_to_phys(pg));
    pg->flags = PG_FREE;
    pg->count = 0;
    list_push(pg);
    nr_free++;
}

void frame_free(struct page *pg)
{
    check_in_use(pg, "frame_free");
    if (pg->count != 1)
        panic("frame_free: frame at phys %p still has %u references",
              (void *)page_to_phys(pg), pg->count);
    release(pg);
}

void page_bad(struct page *pg, const char *what)
{
    check_in_use(pg, what);
    panic("%s: frame at phys %p has no reference to drop", what, (void *)page_to_phys(pg));
}

void page_release(struct page *pg)
{
    release(pg);
}

uint32_t frame_free_count(void)
{
    return nr_free;
}

uint32_t frame_total_count(void)
{
    return nr_total;
}
