/* pgtable.c: page directory and page table manipulation for the user half
 * (0 .. KERNEL_BASE). Page tables are frames from pgtable_frame_alloc
 * (below), marked PG_PGTABLE. The kernel half is shared and never changed here. Every
 * mapping of a managed frame made or removed here is recorded in the
 * frame's reverse map (mm/rmap.c), except those of the zero page; a swap
 * entry removed here drops its slot reference (mm/swap_map.c). */
#include "mm/pgtable.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/string.h"
#include "mm/frame.h"
#include "mm/layout.h"
#include "mm/mmu.h"
#include "mm/page_data.h"
#include "mm/rmap.h"
#include "mm/swap_map.h"
#include "mm/zero_page.h"

static void check_user(uint32_t va, uint32_t len, const char *what)
{
    if (va >= USER_TOP || len > USER_TOP - va)
        panic("%s: range %p+%x reaches the kernel half", what, (void *)va, len);
}

/* Page tables and directories cannot go to swap. Left unchecked, a
 * process that touches one byte every 4 MiB of a huge region fills memory
 * with them (one table per byte) until its own code and data take turns
 * in the last frame page replacement can still give: each fault evicts
 * what the one before brought back, and the process thrashes forever
 * instead of running out of memory. So page tables may hold at most half
 * of RAM; past that a new one is refused, and the fault that wanted it is
 * out of memory (a fork gets ENOMEM). */
static uint32_t pgtable_frames;

struct page *pgtable_frame_alloc(void)
{
    if (pgtable_frames >= frame_total_count() / 2)
        return 0;
    struct page *pg = frame_alloc();
    if (!pg)
        return 0;
    pg->flags |= PG_PGTABLE;
    pgtable_frames++;
    return pg;
}

void pgtable_frame_free(struct page *pg)
{
    pg->flags &= ~PG_PGTABLE;
    pgtable_frames--;
    frame_free(pg);
}

uint32_t pgtable_frame_count(void)
{
    return pgtable_frames;
}

bool pgtable_is_current(pde_t *pgdir)
{
    return virt_to_phys(pgdir) == mmu_current_pgdir();
}

pte_t *pgtable_walk_slow(pde_t *pgdir, uint32_t va, bool create)
{
    check_user(va, 1, "pgtable_walk");
    pde_t *pde = &pgdir[PDX(va)];
    if (!(*pde & PTE_PRESENT)) {
        if (!create)
            return 0;
        struct page *pg = pgtable_frame_alloc();
        if (!pg)
            return 0;
        page_zero(page_to_virt(pg));
        /* The PDE allows everything; each PTE decides. */
        *pde = page_to_phys(pg) | PTE_USER | PTE_WRITE | PTE_PRESENT;
    } else if (create && !(*pde & PTE_WRITE) && pgtable_own(pgdir, va) < 0) {
        return 0;                       /* shared since fork, and no frame for a copy */
    }
    pte_t *table = phys_to_virt(PTE_FRAME(*pde));
    return &table[PTX(va)];
}

void pgtable_set(pde_t *pgdir, uint32_t va, pte_t *pte, pte_t val)
{
    pte_t old = *pte;
    *pte = val;
    /* Through a table shared since fork (page replacement may change one),
     * the current address space may see the PTE too: flush it anyway. */
    if ((old & PTE_PRESENT) && (pgtable_is_current(pgdir) || virt_to_page(pte)->count > 1))
        mmu_flush_page(va);
}

int pgtable_map(pde_t *pgdir, uint32_t va, uint32_t phys, uint32_t flags)
{
    pte_t *pte = pgtable_walk(pgdir, va, true);
    if (!pte)
        return -ENOMEM;
    if (*pte)
        return -EEXIST;
    pgtable_fill(va, pte, phys, flags);
    return 0;
}

void pgtable_fill(uint32_t va, pte_t *pte, uint32_t phys, uint32_t flags)
{
    struct page *pg = pgtable_managed(phys);
    if (pgtable_rmapped(pg))
        rmap_add(pg, va);
    *pte = PTE_FRAME(phys) | (flags & PTE_FLAGS_MASK) | PTE_PRESENT;
}

/* A PTE stops mapping pg: out of its reverse map, and out of the swap
 * cache if it was kept there only while mapped (mm/fault.c). */
static void forget(struct page *pg)
{
    rmap_remove(pg);
    if ((pg->flags & PG_SWAPCACHE) && !rmap_count(pg))
        swap_cache_trim(pg);
}

/* Clears the present PTE *pte at va and forgets it in the frame's reverse
 * map; returns the frame (whose reference the caller now holds) or NULL. */
static struct page *clear_present(pde_t *pgdir, uint32_t va, pte_t *pte)
{
    struct page *pg = pgtable_managed(PTE_FRAME(*pte));
    pgtable_set(pgdir, va, pte, 0);
    if (pgtable_rmapped(pg))
        forget(pg);
    return pg;
}

int pgtable_replace(pde_t *pgdir, uint32_t va, pte_t *pte, uint32_t phys, uint32_t flags)
{
    struct page *pg = pgtable_managed(phys);
    if (pgtable_rmapped(pg))
        rmap_add(pg, va);
    struct page *old = clear_present(pgdir, va, pte);
    *pte = PTE_FRAME(phys) | (flags & PTE_FLAGS_MASK) | PTE_PRESENT;
    if (old)
        page_put(old);
    return 0;
}

void pgtable_unmap_one(pde_t *pgdir, uint32_t va, pte_t *pte)
{
    pte_t old = *pte;
    if (pte_present(old)) {
        struct page *pg = clear_present(pgdir, va, pte);
        if (pg)
            page_put(pg);
    } else if (pte_is_swap(old)) {
        *pte = 0;
        swap_entry_put(pte_swap_slot(old));
    }
}

int pgtable_map_range(pde_t *pgdir, uint32_t va, uint32_t phys, uint32_t len,
                      uint32_t flags)
{
    check_user(va, len, "pgtable_map_range");
    for (uint32_t off = 0; off < len; off += PAGE_SIZE) {
        int err = pgtable_map(pgdir, va + off, phys + off, flags);
        if (err) {
            /* Undo without dropping references: the caller keeps them. */
            for (uint32_t undo = 0; undo < off; undo += PAGE_SIZE)
                clear_present(pgdir, va + undo, pgtable_walk(pgdir, va + undo, false));
            return err;
        }
    }
    return 0;
}

/* The end of the page table's span that va is in, or end if sooner. */
/* A function about to change the PTEs of a page table shared since fork
 * (mm/pgtable_share.c) would change them for every address space that
 * shares it: its caller should have called pgtable_unshare_range. */
static void check_own(pde_t pde, uint32_t va, const char *what)
{
    if ((pde & PTE_PRESENT) && !(pde & PTE_WRITE))
        panic("%s: the page table of %p is shared since fork", what, (void *)va);
}

static uint32_t span_end(uint32_t va, uint32_t end)
{
    uint32_t next = (va | (PDE_SPAN - 1)) + 1;
    return next - 1 < end - 1 ? next : end;
}

/* Drops what the PTEs of one page table for [va, end) hold, clears them,
 * and flushes each present one from the TLB if `flush`. */
static void unmap_table(pte_t *table, uint32_t va, uint32_t end, bool flush)
{
    for (; va < end; va += PAGE_SIZE) {
        pte_t *pte = &table[PTX(va)], old = *pte;
        if (pte_none(old))
            continue;
        *pte = 0;
        if (pte_is_swap(old)) {
            swap_entry_put(pte_swap_slot(old));
            continue;
        }
        if (flush)
            mmu_flush_page(va);
        struct page *pg = pgtable_managed(PTE_FRAME(old));
        if (pgtable_rmapped(pg))
            forget(pg);
        if (pg)
            page_put(pg);
    }
}

void pgtable_unmap_range(pde_t *pgdir, uint32_t va, uint32_t len)
{
    check_user(va, len, "pgtable_unmap_range");
    bool flush = pgtable_is_current(pgdir);
    for (uint32_t end = va + len; va < end; va = span_end(va, end)) {
        check_own(pgdir[PDX(va)], va, "pgtable_unmap_range");
        if (pgdir[PDX(va)] & PTE_PRESENT)
            unmap_table(phys_to_virt(PTE_FRAME(pgdir[PDX(va)])), va, span_end(va, end), flush);
    }
}

/* Can the PTE e move to another address of its address space? A swap
 * entry can if no other PTE holds its slot and no mapped frame is cached
 * for it; a frame as rmap_movable says. */
static bool movable(pte_t e)
{
    if (pte_is_swap(e)) {
        uint32_t slot = pte_swap_slot(e);
        struct page *cached = swap_cache_find(slot);
        return swap_entry_count(slot) == 1 && (!cached || cached->mapcount == 0);
    }
    struct page *pg = pgtable_managed(PTE_FRAME(e));
    return !pgtable_rmapped(pg) || rmap_movable(pg);
}

bool pgtable_can_move(pde_t *pgdir, uint32_t va)
{
    pte_t *pte = pgtable_walk(pgdir, va, false);
    if (pte && *pte && !(pgdir[PDX(va)] & PTE_WRITE))
        return false;                   /* shared since fork: as a shared page */
    return !pte || !*pte || movable(*pte);
}

int pgtable_move_range(pde_t *pgdir, uint32_t from, uint32_t to, uint32_t len)
{
    check_user(from, len, "pgtable_move_range");
    check_user(to, len, "pgtable_move_range");
    if (pgtable_unshare_range(pgdir, from, len) < 0 || pgtable_unshare_range(pgdir, to, len) < 0)
        return -ENOMEM;
    /* First every check, and every page table the destination needs:
     * then nothing fails halfway. */
    for (uint32_t off = 0; off < len; off += PAGE_SIZE) {
        pte_t *src = pgtable_walk(pgdir, from + off, false);
        if (!src || !*src)
            continue;
        if (!movable(*src))
            return -EBUSY;
        if (!pgtable_walk(pgdir, to + off, true))
            return -ENOMEM;
    }
    for (uint32_t off = 0; off < len; off += PAGE_SIZE) {
        pte_t *src = pgtable_walk(pgdir, from + off, false);
        if (!src || !*src)
            continue;
        pte_t e = *src;
        if (pte_present(e)) {
            struct page *pg = pgtable_managed(PTE_FRAME(e));
            if (pgtable_rmapped(pg))
                rmap_move(pg, to + off);
            pgtable_set(pgdir, from + off, src, 0);
        } else {
            *src = 0;                   /* a swap entry: its slot reference moves */
        }
        *pgtable_walk(pgdir, to + off, false) = e;
    }
    return 0;
}

void pgtable_flush_all(pde_t *pgdir)
{
    if (pgtable_is_current(pgdir))
        mmu_load_pgdir(virt_to_phys(pgdir));
}

void pgtable_protect_range(pde_t *pgdir, uint32_t va, uint32_t len, uint32_t flags)
{
    check_user(va, len, "pgtable_protect_range");
    const uint32_t prot = PTE_WRITE | PTE_USER;
    for (uint32_t off = 0; off < len; off += PAGE_SIZE) {
        check_own(pgdir[PDX(va + off)], va + off, "pgtable_protect_range");
        pte_t *pte = pgtable_walk(pgdir, va + off, false);
        if (pte && pte_present(*pte))
            pgtable_set(pgdir, va + off, pte, (*pte & ~prot) | (flags & prot));
    }
}

int pgtable_translate(pde_t *pgdir, uint32_t va, uint32_t *phys)
{
    pte_t *pte = pgtable_walk(pgdir, va, false);
    if (!pte || !pte_present(*pte))
        return -EFAULT;
    *phys = PTE_FRAME(*pte) | (va & ~PAGE_MASK);
    return 0;
}

void pgtable_destroy_user(pde_t *pgdir)
{
    for (uint32_t i = 0; i < KERNEL_PDX; i++) {
        if (!(pgdir[i] & PTE_PRESENT))
            continue;
        struct page *shared = phys_to_page(PTE_FRAME(pgdir[i]));
        if (shared->count > 1) {        /* another address space's too: its now */
            shared->count--;
            pgdir[i] = 0;
            continue;
        }
        unmap_table(phys_to_virt(PTE_FRAME(pgdir[i])), i * PDE_SPAN, (i + 1) * PDE_SPAN, false);
        struct page *table = phys_to_page(PTE_FRAME(pgdir[i]));
        pgdir[i] = 0;
        pgtable_frame_free(table);
    }
    pgtable_flush_all(pgdir);           /* forget cached PDEs too */
}
