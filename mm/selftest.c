/* selftest.c: the boot-time self-check of the memory core (`ktest=mm`):
 * maps, writes, protects, translates and unmaps in a fresh address space,
 * exhausts the frame allocator and the kernel heap's classes, and checks
 * that every count comes back exactly. Prints one line per check. */
#include "mm/selftest.h"
#include "kernel/printk.h"
#include "kernel/string.h"
#include "mm/frame.h"
#include "mm/kmalloc.h"
#include "mm/mm.h"
#include "mm/pgtable.h"

static int failures;

static void check(int ok, const char *what)
{
    printk("selftest: %-44s %s\n", what, ok ? "ok" : "FAILED");
    if (!ok)
        failures++;
}

#define TEST_VA 0x10000000u

static void check_map_write_protect(struct mm *mm)
{
    uint32_t before = frame_free_count();
    struct page *pg = frame_alloc();
    check(pg && pgtable_map(mm->pgdir, TEST_VA, page_to_phys(pg),
                            PTE_WRITE | PTE_USER) == 0, "map one page");
    volatile uint32_t *user = (uint32_t *)TEST_VA;
    for (int i = 0; i < 1024; i++)
        user[i] = 0xC0DE0000u + i;
    uint32_t *direct = page_to_virt(pg);
    check(direct[0] == 0xC0DE0000u && direct[1023] == 0xC0DE03FFu,
          "write through the mapping, read in the direct map");
    uint32_t phys = 0;
    check(pgtable_translate(mm->pgdir, TEST_VA + 8, &phys) == 0 &&
          phys == page_to_phys(pg) + 8, "translate");
    check(pgtable_map(mm->pgdir, TEST_VA, page_to_phys(pg), PTE_USER) == -17,
          "mapping a mapped page is refused (-EEXIST)");
    pgtable_protect_range(mm->pgdir, TEST_VA, PAGE_SIZE, PTE_USER);
    pte_t *pte = pgtable_walk(mm->pgdir, TEST_VA, false);
    check(pte && pte_present(*pte) && !(*pte & PTE_WRITE) && user[5] == 0xC0DE0005u,
          "remap read-only, still readable");
    pgtable_unmap_range(mm->pgdir, TEST_VA, PAGE_SIZE);
    check(pgtable_translate(mm->pgdir, TEST_VA, &phys) != 0, "unmap");
    /* One frame is still held: the page table under TEST_VA. */
    check(frame_free_count() == before - 1, "unmap freed the frame (page table kept)");
}

static void check_map_range(struct mm *mm)
{
    uint32_t before = frame_free_count();
    struct page *run = frame_alloc_run(16);
    check(run != 0, "allocate 16 contiguous frames");
    if (!run)
        return;
    uint32_t va = TEST_VA + 0x400000 - 8 * PAGE_SIZE;   /* straddles two tables */
    check(pgtable_map_range(mm->pgdir, va, page_to_phys(run), 16 * PAGE_SIZE,
                            PTE_WRITE | PTE_USER) == 0, "map a range across two page tables");
    int ok = 1;
    for (uint32_t i = 0; i < 16; i++) {
        uint32_t phys;
        ok &= pgtable_translate(mm->pgdir, va + i * PAGE_SIZE, &phys) == 0 &&
              phys == page_to_phys(run + i);
    }
    check(ok, "translate every page of the range");
    pgtable_unmap_range(mm->pgdir, va, 16 * PAGE_SIZE);
    check(frame_free_count() == before - 1, "unmap range frees all 16 (new table kept)");
}

static void check_exhaust_frames(void)
{
    uint32_t before = frame_free_count(), n = 0;
    void *chain = 0;
    struct page *pg;
    while ((pg = frame_alloc())) {
        *(void **)page_to_virt(pg) = chain;     /* list through the frames */
        chain = page_to_virt(pg);
        n++;
    }
    check(n == before && frame_free_count() == 0, "allocate every free frame");
    while (chain) {
        void *next = *(void **)chain;
        frame_free(virt_to_page(chain));
        chain = next;
    }
    check(frame_free_count() == before, "free them all: count back exactly");
}

static void check_kmalloc(void)
{
    struct kmalloc_stats a, b;
    kmalloc_get_stats(&a);
    void *small[KMALLOC_CLASSES][40];
    for (int c = 0; c < KMALLOC_CLASSES; c++)
        for (int i = 0; i < 40; i++)
            small[c][i] = kmalloc(kmalloc_class_size(c));
    void *big = kmalloc(100000);
    kmalloc_get_stats(&b);
    check(b.objects[0] == a.objects[0] + 40 && big, "kmalloc every class and a 100 KB run");
    for (int c = 0; c < KMALLOC_CLASSES; c++)
        for (int i = 0; i < 40; i++)
            kfree(small[c][i]);
    kfree(big);
    kmalloc_get_stats(&b);
    check(b.used_bytes == a.used_bytes && b.pages == a.pages, "kfree all: heap back exactly");
}

int mm_selftest(void)
{
    failures = 0;
    uint32_t start = frame_free_count();
    struct mm *mm = mm_create();
    check(mm != 0, "create an address space");
    if (!mm)
        return 1;
    mm_switch(mm);
    check_map_write_protect(mm);
    check_map_range(mm);
    mm_switch(0);
    mm_destroy(mm);
    check(frame_free_count() == start, "destroy: every frame back");
    check_exhaust_frames();
    check_kmalloc();
    check(frame_free_count() == start, "free frames as at the start");
    printk("selftest: %s (%d failed)\n", failures ? "FAILED" : "passed", failures);
    return failures;
}
