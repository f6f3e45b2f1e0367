/* reclaim.c: page replacement. A clock hand sweeps the frame table; a
 * user page whose PTEs show it was accessed since the last sweep gets a
 * second chance (the accessed bits are cleared); otherwise it is evicted
 * from every page table that maps it (found through its reverse map):
 *   - a page of the page cache (clean: files are read-only) is dropped;
 *     each PTE becomes zero and the next touch reads the file again;
 *   - a page of a shared memory object: each PTE becomes zero, and the
 *     object writes the page to a slot it owns (mm/shmem.c);
 *   - any other page goes to swap: it enters the swap cache under a new
 *     slot, each PTE becomes that slot's swap entry, and the frame is
 *     written out (sleeping) and freed.
 * Swap-out is clustered: one disk request costs far more than its data,
 * so anonymous victims are gathered in a batch (struct swap_batch, on the
 * stack of reclaim_pages) of up to SWAP_CLUSTER_MAX pages; when it is
 * full or the sweep ends, its pages, in order of address, get runs of
 * consecutive slots (from mm/swap_map.c's clusters), enter the swap cache
 * and are unmapped, and each run is written with one request; each frame
 * that only the cache still holds is freed. Pages a process touched in
 * order thus sit in order on the disk, and come back together (swap-in
 * readahead, mm/swap_readahead.c). A page already in the swap cache has a
 * good copy on disk and is freed at once, without a write.
 * A frame under I/O (PG_LOCKED) is never chosen, nor one that a locked
 * region (mlock, mm/mlock.c) maps. With nothing left to
 * evict, the process with the largest resident set plus swap is killed. */
#include "mm/reclaim.h"
#include "kernel/printk.h"
#include "kernel/proc.h"
#include "kernel/signal.h"
#include "kernel/sched.h"
#include "kernel/x86/timer.h"
#include "mm/filemap.h"
#include "mm/frame.h"
#include "mm/mm.h"
#include "mm/mlock.h"
#include "mm/pgtable.h"
#include "mm/rmap.h"
#include "mm/shmem.h"
#include "mm/swap.h"
#include "mm/swap_map.h"
#include "mm/vma.h"

struct reclaim_stats reclaim_stats;
static uint32_t hand;

/* Pages the current reclaim_pages call found it could take (referenced
 * or not), and whether the last call swept every frame yet found fewer
 * than RECLAIM_MIN_EVICTABLE of them: then memory is full of what cannot
 * move (anonymous pages with swap full, page tables, the kernel heap),
 * and freeing a frame means evicting a page its process needs for the
 * very instruction it retries. Two processes, or one process's code and
 * stack, would take turns evicting each other forever; page_alloc_user
 * kills instead. */
static uint32_t evictable;
static int starved;     /* until a reclaim_pages call finds enough again:
                           page_alloc_user then takes a frame only while more
                           than RECLAIM_LOW are free, which no eviction gave */

/* rmap_walk step of referenced: clears the accessed bit, notes it. */
static bool clear_accessed(struct mm *mm, uint32_t va, pte_t *pte, void *seen)
{
    if (*pte & PTE_ACCESSED) {
        pgtable_set(mm->pgdir, va, pte, *pte & ~PTE_ACCESSED);
        *(int *)seen = 1;
    }
    return true;
}

/* Was pg accessed through any of its PTEs since the last look? Clears the
 * accessed bits it finds. */
static int referenced(struct page *pg)
{
    int seen = 0;
    rmap_walk(pg, clear_accessed, &seen);
    return seen;
}

struct unmap_args {
    struct page *pg;
    pte_t new_pte;
};

/* rmap_walk step of unmap_everywhere: one PTE of the frame replaced. */
static bool unmap_one(struct mm *mm, uint32_t va, pte_t *pte, void *arg)
{
    struct unmap_args *u = arg;
    rmap_remove(u->pg);
    pgtable_set(mm->pgdir, va, pte, u->new_pte);
    if (u->new_pte)
        swap_entry_dup(pte_swap_slot(u->new_pte));
    page_put(u->pg);
    return true;
}

/* Replaces every PTE that maps pg by new_pte (zero, or a swap entry whose
 * slot then gains a reference per PTE), dropping those references on pg. */
static void unmap_everywhere(struct page *pg, pte_t new_pte)
{
    struct unmap_args u = { pg, new_pte };
    rmap_walk(pg, unmap_one, &u);
}

/* Anonymous pages chosen for swap, not yet written: each is still mapped,
 * PG_LOCKED (so that no sweep chooses it twice) and held by a reference
 * of the batch's own, until batch_flush. */
struct swap_batch {
    uint32_t n;
    struct page *pages[SWAP_CLUSTER_MAX];
};

/* Frees pg once it has a good copy in its slot (it is unmapped and in
 * the swap cache), if nothing but the cache holds it; returns 1 if so. */
static int release_swapped(struct page *pg)
{
    reclaim_stats.evicted_anon++;
    if (pg->count == 1) {
        swap_cache_remove(pg);          /* the last reference: frees it */
        return 1;
    }
    swap_cache_trim(pg);
    return 0;
}

/* Writes the n pages from pages[0] on to the slots from first on with
 * one request (sleeping), unlocks them and wakes their waiters, and frees
 * those only the cache holds; on a write error the pages stay in the swap
 * cache (nothing lost: their PTEs still name their slots). Returns the
 * frames freed. */
static uint32_t write_run(uint32_t first, struct page **pages, uint32_t n)
{
    uint32_t freed = 0;
    int err = swap_write_pages(first, pages, n);
    for (uint32_t i = 0; i < n; i++) {
        struct page *pg = pages[i];
        pg->flags &= ~PG_LOCKED;
        wakeup(pg);
        if (err < 0) {
            pg->flags |= PG_SWAPBAD;    /* never evicted until it leaves the cache */
            swap_cache_trim(pg);        /* dropped only if no PTE needs it */
        } else
            freed += release_swapped(pg);
    }
    return freed;
}

/* Orders the batch by user address: what a process touched in order then
 * sits in consecutive slots, and swap-in readahead finds it there. */
static void sort_by_address(struct swap_batch *b)
{
    for (uint32_t i = 1; i < b->n; i++)
        for (uint32_t j = i; j > 0 && b->pages[j - 1]->va > b->pages[j]->va; j--) {
            struct page *t = b->pages[j];
            b->pages[j] = b->pages[j - 1];
            b->pages[j - 1] = t;
        }
}

/* Sends the batch to swap. First, without sleeping: pages no longer
 * mapped (their process let go while a sweep slept) are let go of too;
 * the others, in address order, get runs of consecutive slots, enter the
 * swap cache and are unmapped everywhere (each PTE becomes the swap
 * entry). Pages for which no slot is left stay as they were. Then each
 * run is written with one request. Empties b; returns the frames freed. */
static uint32_t batch_flush(struct swap_batch *b)
{
    uint32_t first[SWAP_CLUSTER_MAX], len[SWAP_CLUSTER_MAX], nruns = 0, placed = 0;
    uint32_t freed = 0, n = 0;
    for (uint32_t i = 0; i < b->n; i++) {
        struct page *pg = b->pages[i];
        if (rmap_count(pg)) {
            b->pages[n++] = pg;
            continue;
        }
        pg->flags &= ~PG_LOCKED;
        freed += pg->count == 1;
        page_put(pg);
    }
    b->n = n;
    sort_by_address(b);
    while (placed < b->n) {
        uint32_t got, slot = swap_slot_alloc_run(b->n - placed, &got);
        if (!slot)
            break;
        first[nruns] = slot;
        len[nruns++] = got;
        for (uint32_t i = 0; i < got; i++) {
            struct page *pg = b->pages[placed + i];
            swap_cache_add(slot + i, pg);
            unmap_everywhere(pg, pte_make_swap(slot + i));
            page_put(pg);               /* the cache holds it now */
        }
        placed += got;
    }
    for (uint32_t i = placed; i < b->n; i++) {      /* no slot for these */
        b->pages[i]->flags &= ~PG_LOCKED;
        page_put(b->pages[i]);
    }
    for (uint32_t r = 0, at = 0; r < nruns; at += len[r++])
        freed += write_run(first[r], &b->pages[at], len[r]);
    b->n = 0;
    return freed;
}

static bool first_mm(struct mm *mm, uint32_t va, pte_t *pte, void *found)
{
    (void)va;
    (void)pte;
    *(struct mm **)found = mm;
    return false;
}

static void batch_add(struct swap_batch *b, struct page *pg)
{
    page_get(pg);
    pg->flags |= PG_LOCKED;             /* chosen: no sweep takes it twice */
    b->pages[b->n++] = pg;
}

/* Adds to the batch the pages around pg (its aligned window of
 * SWAP_CLUSTER_MAX pages) in the one address space that maps it: private
 * anonymous pages mapped once, not accessed since the clock last cleared
 * their bit. The clock visits frames in physical order, which says
 * nothing of where a process uses them; its neighbours in the address
 * space are what the process will want back together. */
static void gather_neighbours(struct page *pg, struct swap_batch *b)
{
    struct mm *mm = 0;
    if (rmap_count(pg) != 1)
        return;
    rmap_walk(pg, first_mm, &mm);
    uint32_t lo = pg->va - pg->va % (SWAP_CLUSTER_MAX * PAGE_SIZE);
    for (uint32_t va = lo; va < lo + SWAP_CLUSTER_MAX * PAGE_SIZE; va += PAGE_SIZE) {
        pte_t *pte = pgtable_walk(mm->pgdir, va, false);
        if (b->n == SWAP_CLUSTER_MAX || !pte)
            return;
        if (!pte_present(*pte) || (*pte & PTE_ACCESSED))
            continue;
        struct page *q = phys_to_page(PTE_FRAME(*pte));
        if (q && q != pg && !(q->flags & ~PG_READAHEAD) && rmap_count(q) == 1 && q->va == va)
            batch_add(b, q);
    }
}

/* Is there a slot for one more page beyond the batch (and a cluster to
 * spare)? */
static int swap_room(const struct swap_batch *b)
{
    return swap_enabled() && swap_slots_free() > b->n + SWAP_CLUSTER_MAX;
}

/* Sends an anonymous page to swap: a page already in the swap cache (its
 * copy on disk is good: such a page is never writable) is unmapped and
 * freed at once; any other joins the batch, with its unused neighbours
 * (gather_neighbours), and the batch is written when full. Returns the
 * frames freed. */
static uint32_t evict_anon(struct page *pg, struct swap_batch *b)
{
    if (pg->flags & PG_SWAPCACHE) {
        unmap_everywhere(pg, pte_make_swap(pg->index));
        return release_swapped(pg);
    }
    if (!swap_room(b))
        return 0;
    batch_add(b, pg);
    gather_neighbours(pg, b);
    return b->n == SWAP_CLUSTER_MAX ? batch_flush(b) : 0;
}

/* Tries to free the frame under the clock hand; anonymous pages go
 * through the batch b. Returns the frames freed. */
static uint32_t evict(struct page *pg, struct swap_batch *b)
{
    if (pg->flags & (PG_FREE | PG_RESERVED | PG_PGTABLE | PG_SLAB | PG_KMALLOC_RUN | PG_LOCKED |
                     PG_SWAPBAD | PG_ZERO))
        return 0;
    if (!rmap_count(pg) && !(pg->flags & (PG_FILECACHE | PG_SWAPCACHE | PG_SHM)))
        return 0;                       /* not a user page */
    if (mlock_page_locked(pg))
        return 0;                       /* a locked region maps it: never evicted */
    if (!(pg->flags & (PG_FILECACHE | PG_SWAPCACHE)) && !swap_room(b))
        return 0;                       /* it could only go to swap, which is full */
    evictable++;
    if (referenced(pg))
        return 0;                       /* second chance */
    if (pg->flags & PG_SHM) {
        unmap_everywhere(pg, 0);        /* the object keeps the page */
        return pg->count == 1 ? shm_evict(pg) : 0;
    }
    if (pg->flags & PG_FILECACHE) {
        unmap_everywhere(pg, 0);
        if (pg->count != 1)
            return 0;                   /* someone in the kernel holds it */
        reclaim_stats.evicted_file++;
        trace(TRACE_SWAP, "pid %d drop file page frame %p", current->pid,
              (void *)page_to_phys(pg));
        filemap_drop(pg);
        return 1;
    }
    return evict_anon(pg, b);
}

uint32_t reclaim_pages(uint32_t want)
{
    struct swap_batch batch = { .n = 0 };
    uint32_t freed = 0, n;
    evictable = 0;
    for (n = 0; n < 2 * frame_max_pfn && freed + batch.n < want; n++) {
        struct page *pg = &frame_table[hand];
        hand = hand + 1 < frame_max_pfn ? hand + 1 : 0;
        reclaim_stats.scanned++;
        freed += evict(pg, &batch);
    }
    freed += batch_flush(&batch);
    /* Two sweeps visit each frame twice. */
    starved = n >= 2 * frame_max_pfn && evictable < 2 * RECLAIM_MIN_EVICTABLE;
    trace(TRACE_SWAP, "pid %d reclaim: freed %u of %u wanted, %u free", current->pid, freed,
          want, frame_free_count());
    return freed;
}

/* What mm costs, in pages: resident plus swapped pages, as Linux counts,
 * and the kernel memory it holds: its page tables, and its regions' records
 * (a process mapping thousands of one-page regions has nothing resident
 * yet holds the kernel heap; it is the one to kill). */
static uint32_t footprint(struct mm *mm)
{
    uint32_t rss = 0, swapped = 0, tables = 0, regions = 0;
    mm_count_pages(mm, &rss, &swapped);
    for (uint32_t i = 0; i < KERNEL_PDX; i++)
        tables += (mm->pgdir[i] & PTE_PRESENT) != 0;
    for (struct vma *v = mm->vmas; v; v = v->next)
        regions++;
    return rss + swapped + tables + regions * (uint32_t)sizeof(struct vma) / PAGE_SIZE;
}

/* Chooses the process using the most memory and kills it. Returns 0 if
 * that is the caller (it must die), 1 if another was killed or is already
 * dying (the caller waits for it). */
static int oom_kill(void)
{
    struct proc *victim = 0;
    uint32_t most = 0;
    for (int i = 1; i < NPROC; i++) {
        struct proc *p = &proc_table[i];
        if (p->state == PROC_UNUSED || p->state == PROC_ZOMBIE || !p->mm)
            continue;
        if (p->killed == SIGKILL)
            return 1;                   /* one is dying already: wait for it */
        uint32_t n = footprint(p->mm);
        if (n > most || !victim) {
            most = n;
            victim = p;
        }
    }
    reclaim_stats.oom_kills++;
    if (!victim || victim == current)
        return 0;                       /* the fault handler says so and kills */
    printk("out of memory: killed pid %d (%s), %u KiB resident and in swap\n", victim->pid,
           victim->name, most * 4);
    /* Every process in the victim's address space dies with it, as on
     * Linux: a vfork parent cannot exit while its child borrows the
     * space (it would wait for the child forever, and the child, asking
     * for memory, for it). */
    for (int i = 1; i < NPROC; i++) {
        struct proc *p = &proc_table[i];
        if (p->state == PROC_UNUSED || p->state == PROC_ZOMBIE || p->mm != victim->mm)
            continue;
        signal_send(p, SIGKILL, 0);     /* wakes it, unless fork is still building it */
    }
    return 1;
}

struct page *page_alloc_user(void)
{
    for (int tries = 0;; tries++) {
        if (frame_free_count() < RECLAIM_LOW)
            reclaim_pages(RECLAIM_BATCH);
        /* Starved, a frame that eviction just gave is one that a process
         * needs back at once: take only frames nobody had to give up. */
        if (frame_free_count() > (starved ? RECLAIM_LOW : RECLAIM_RESERVE)) {
            struct page *pg = frame_alloc();
            if (pg)
                return pg;
        }
        if (current->killed)
            return 0;                   /* dying anyway: give up the memory */
        if (tries < 3) {
            reclaim_pages(RECLAIM_BATCH);
            continue;
        }
        if (!oom_kill())
            return 0;
        /* Let the victim run and exit: sleep a tick, so that interrupts
         * (a disk it waits for) come in even if nothing else can run. */
        sleep_on((void *)&jiffies);
        tries = 0;
    }
}
