/* procfs_show.c: what /proc's files say, in Linux's formats: meminfo and
 * vmstat from the frame, page-cache, fault and swap counters; a process's
 * status and maps from its struct mm and its page tables; pagemap's binary
 * entries from its PTEs; and trace (ours) from trace_mask. The names and
 * the open files are kernel/fs/procfs.c. */
#include "kernel/fs/procfs.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/proc.h"
#include "kernel/fs/seqbuf.h"
#include "kernel/string.h"
#include "mm/fault.h"
#include "mm/filemap.h"
#include "mm/shmem.h"
#include "kernel/fs/tmpfs.h"
#include "mm/frame.h"
#include "mm/layout.h"
#include "mm/mlock.h"
#include "mm/mm.h"
#include "mm/pgtable.h"
#include "mm/swap_map.h"
#include "mm/pte.h"
#include "mm/swap.h"
#include "mm/swap_readahead.h"
#include "mm/vma.h"
#include "mm/zero_page.h"
#include "kernel/ipc_shm.h"
#include "kernel/format.h"
#include "kernel/string.h"

#define KB_PER_PAGE (PAGE_SIZE / 1024)

/* maps: Linux pads a line with a name to this width, then one space, so
 * names start at column 49 on a 32-bit kernel (seq_setwidth in
 * fs/proc/task_mmu.c: 25 + sizeof(void *) * 6 - 1). */
#define MAPS_PAD_WIDTH (25 + 4 * 6 - 1)
#define MAPS_FILE_MAJOR 0               /* st_dev of the root (kernel/fs/sys_file.c): 00:01 */
#define MAPS_FILE_MINOR 1

/* pagemap entry bits (Linux's Documentation/admin-guide/mm/pagemap.rst). */
#define PM_PFN_MASK ((1ull << 55) - 1)  /* bits 0-54: pfn, or swap type and offset */
#define PM_SWAP_TYPE_BITS 5             /* swap: bits 0-4 type, 5-54 offset */
#define PM_ZERO (1ull << 58)            /* ours (zero in Linux): the shared zero page */
#define PM_FILE (1ull << 61)            /* file page or shared anonymous */
#define PM_SWAP (1ull << 62)
#define PM_PRESENT (1ull << 63)
#define PM_ENTRY_BYTES 8

/* A meminfo line: the name padded to 16 columns, the value in kB right-
 * aligned in 8 (Linux's show_val_kb). */
static void meminfo_line(struct seqbuf *s, const char *name, uint32_t pages)
{
    seqbuf_printf(s, "%-16s%8u kB\n", name, pages * KB_PER_PAGE);
}

/* Frames of Cached (the page cache and shared memory objects) that some
 * process maps: the cache or object holds one reference on each, every
 * mapping one more (Linux's Mapped: file pages in page tables). A walk of
 * the frame table, done only when meminfo is read. */
static uint32_t mapped_file_pages(void)
{
    uint32_t n = 0;
    for (uint32_t pfn = 0; pfn < frame_max_pfn; pfn++)
        n += (frame_table[pfn].flags & (PG_FILECACHE | PG_SHM)) && frame_table[pfn].count > 1;
    return n;
}

void procfs_show_meminfo(struct seqbuf *s)
{
    uint32_t cached, swap_total, swap_free, shmem = shm_total_frames();
    filemap_stats(&cached);
    cached += shmem;                    /* as Linux: shared memory is page cache */
    swap_get_stats(&swap_total, &swap_free);
    uint32_t free = frame_free_count();
    meminfo_line(s, "MemTotal:", frame_total_count());
    meminfo_line(s, "MemFree:", free);
    /* What a new program could have without swapping: the page cache is
     * never dropped here, so exactly the free frames. */
    meminfo_line(s, "MemAvailable:", free);
    meminfo_line(s, "Cached:", cached);
    /* Pages that locked regions map (mm/mlock.c): page replacement
     * cannot take them, so they are also Linux's Unevictable. */
    uint32_t locked = mlock_count_pages();
    meminfo_line(s, "Unevictable:", locked);
    meminfo_line(s, "Mlocked:", locked);
    meminfo_line(s, "SwapTotal:", swap_total);
    meminfo_line(s, "SwapFree:", swap_free);
    /* Pages in RAM that also keep their copy in swap (read back clean, or
     * being written): each holds a slot that SwapFree does not count. */
    meminfo_line(s, "SwapCached:", swap_cache_count());
    meminfo_line(s, "Mapped:", mapped_file_pages());
    /* Resident pages of tmpfs files, shared anonymous memory and System V
     * segments: the frames their objects hold (mm/shmem.c). */
    meminfo_line(s, "Shmem:", shmem);
    /* Page tables and directories: they never go to swap, and may hold at
     * most half of RAM (mm/pgtable.c). */
    meminfo_line(s, "PageTables:", pgtable_frame_count());
}

void procfs_show_vmstat(struct seqbuf *s)
{
    uint32_t pswpin = swap_pswpin();
    seqbuf_printf(s, "nr_free_pages %u\n", frame_free_count());
    seqbuf_printf(s, "pswpin %u\n", pswpin);
    seqbuf_printf(s, "pswpout %u\n", swap_pswpout());
    seqbuf_printf(s, "swap_ra %u\n", swap_ra);
    seqbuf_printf(s, "swap_ra_hit %u\n", swap_ra_hit);
    seqbuf_printf(s, "pgfault %u\n", fault_stats.faults);
    /* Major: the fault waited for a read, from a file or from swap (a
     * swap-in fault counts once, however many pages it read ahead). */
    seqbuf_printf(s, "pgmajfault %u\n", fault_stats.file_fill + fault_stats.swap_in);
    seqbuf_printf(s, "zero_fill %u\n", fault_stats.zero_fill);
    seqbuf_printf(s, "zero_page %u\n", fault_stats.zero_page);
    seqbuf_printf(s, "nr_zero_page_mapped %u\n", zero_page_mapped());
    seqbuf_printf(s, "file_fill %u\n", fault_stats.file_fill);
    seqbuf_printf(s, "cow_copy %u\n", fault_stats.cow_copy);
    seqbuf_printf(s, "cow_reuse %u\n", fault_stats.cow_reuse);
    seqbuf_printf(s, "fault_signal %u\n", fault_stats.signals);
}

static const char *state_name(enum proc_state st)
{
    switch (st) {
    case PROC_RUNNABLE:
    case PROC_RUNNING: return "R (running)";
    case PROC_ZOMBIE: return "Z (zombie)";
    default: return "S (sleeping)";
    }
}

/* The signal lines of status, as 16 hex digits each (bit sig - 1 for
 * each signal): pending, blocked, ignored, caught (a handler set). */
static void status_signals(struct seqbuf *s, const struct proc *p)
{
    uint64_t ign = 0, cgt = 0;
    if (!p->sig.action)
        return;                         /* the idle process */
    for (int sig = 1; sig <= NSIG; sig++) {
        uint32_t h = p->sig.action[sig - 1].handler;
        if (h == SIG_IGN)
            ign |= SIGBIT(sig);
        else if (h != SIG_DFL)
            cgt |= SIGBIT(sig);
    }
    uint64_t pnd = p->sig.pending | (p->killed == SIGKILL ? SIGBIT(SIGKILL) : 0);
    seqbuf_printf(s, "SigPnd:\t%08x%08x\n", (uint32_t)(pnd >> 32), (uint32_t)pnd);
    seqbuf_printf(s, "SigBlk:\t%08x%08x\n", (uint32_t)(p->sig.blocked >> 32), (uint32_t)p->sig.blocked);
    seqbuf_printf(s, "SigIgn:\t%08x%08x\n", (uint32_t)(ign >> 32), (uint32_t)ign);
    seqbuf_printf(s, "SigCgt:\t%08x%08x\n", (uint32_t)(cgt >> 32), (uint32_t)cgt);
}

void procfs_show_status(struct seqbuf *s, const struct proc *p)
{
    seqbuf_printf(s, "Name:\t%s\n", p->name);
    seqbuf_printf(s, "State:\t%s\n", state_name(p->state));
    seqbuf_printf(s, "Tgid:\t%d\n", p->pid);
    seqbuf_printf(s, "Pid:\t%d\n", p->pid);
    seqbuf_printf(s, "PPid:\t%d\n", p->parent ? p->parent->pid : 0);
    status_signals(s, p);
    if (!p->mm)
        return;                         /* a zombie: Linux shows no Vm lines */
    uint32_t size = 0, rss, swap;
    for (const struct vma *v = p->mm->vmas; v; v = v->next)
        size += (v->end - v->start) / PAGE_SIZE;
    mm_count_pages(p->mm, &rss, &swap);
    seqbuf_printf(s, "VmSize:\t%8u kB\n", size * KB_PER_PAGE);
    seqbuf_printf(s, "VmRSS:\t%8u kB\n", rss * KB_PER_PAGE);
    seqbuf_printf(s, "VmSwap:\t%8u kB\n", swap * KB_PER_PAGE);
}

void procfs_show_maps(struct seqbuf *s, const struct proc *p)
{
    char path[FS_PATH_MAX + 16], perms[5];
    for (const struct vma *v = p->mm ? p->mm->vmas : 0; v; v = v->next) {
        const char *name = 0;
        vma_perms(v, perms);
        if (v->file) {
            /* A file by its path; a tmpfs file unlinked since is still
             * mapped, and Linux says so after its last path. */
            fs_inode_path(v->file, path);
            if (v->file->nlink == 0) {
                uint32_t n = (uint32_t)strlen(path);
                strlcpy(path + n, " (deleted)", sizeof path - n);
            }
            name = path;
            uint32_t dev = inode_dev(v->file);
            seqbuf_printf(s, "%08x-%08x %s %08x %02x:%02x %u ", v->start, v->end, perms,
                          v->shm ? v->shm_pgoff << PAGE_SHIFT : v->file_off, dev >> 8,
                          dev & 0xFF, v->file->ino);
        } else if (v->shm) {
            /* Linux's names: shared anonymous memory is a deleted /dev/zero,
             * a System V segment a deleted /SYSV<key>. */
            int32_t key = ipc_shm_key(v->shm);
            if (v->flags & VM_SYSV)
                ksnprintf(path, sizeof path, "/SYSV%08x (deleted)", key < 0 ? 0 : key);
            else
                strlcpy(path, "/dev/zero (deleted)", sizeof path);
            name = path;
            seqbuf_printf(s, "%08x-%08x %s %08x %02x:%02x %u ", v->start, v->end, perms,
                          v->shm_pgoff << PAGE_SHIFT, MAPS_FILE_MAJOR, MAPS_FILE_MINOR, 0u);
        } else {
            name = (v->flags & VM_HEAP) ? "[heap]" : (v->flags & VM_GROWSDOWN) ? "[stack]" : 0;
            seqbuf_printf(s, "%08x-%08x %s %08x %02x:%02x %u ", v->start, v->end, perms,
                          0u, 0u, 0u, 0u);
        }
        if (name) {
            seqbuf_pad(s, MAPS_PAD_WIDTH, ' ');
            seqbuf_printf(s, "%s", name);
        }
        seqbuf_printf(s, "\n");
    }
}

/* The pagemap entry of the page at va in mm (Linux's pte_to_pagemap_entry):
 * present and the frame number, or swapped and the slot; "file page" when
 * the frame belongs to the page cache or to a shared memory object, as
 * Linux counts shmem pages. The shared zero page is "file page" too (it is
 * not the process's own) and also has bit 58, which is ours: Linux
 * leaves it zero. */
static uint64_t pagemap_entry(struct mm *mm, uint32_t va)
{
    pte_t *pte = pgtable_walk(mm->pgdir, va, false);
    if (!pte || pte_none(*pte))
        return 0;
    if (pte_is_swap(*pte)) {
        uint64_t type = 0;              /* one swap area */
        return PM_SWAP | (((uint64_t)pte_swap_slot(*pte) << PM_SWAP_TYPE_BITS | type)
                          & PM_PFN_MASK);
    }
    uint64_t e = PM_PRESENT | ((uint64_t)(PTE_FRAME(*pte) >> PAGE_SHIFT) & PM_PFN_MASK);
    struct page *pg = phys_to_page(PTE_FRAME(*pte));
    if (pg && (pg->flags & (PG_FILECACHE | PG_SHM)))
        e |= PM_FILE;                   /* a page-cache or shared-memory frame */
    if (pg && page_is_zero(pg))
        e |= PM_FILE | PM_ZERO;
    return e;
}

long procfs_read_pagemap(const struct proc *p, uint32_t off, void *dst, uint32_t n)
{
    if (off % PM_ENTRY_BYTES || n < PM_ENTRY_BYTES)
        return -EINVAL;
    uint32_t first = off / PM_ENTRY_BYTES, last = USER_TOP / PAGE_SIZE;
    if (!p->mm || first >= last)
        return 0;
    uint32_t count = n / PM_ENTRY_BYTES;
    if (count > last - first)
        count = last - first;
    for (uint32_t i = 0; i < count; i++) {
        uint64_t e = pagemap_entry(p->mm, (first + i) * PAGE_SIZE);
        memcpy((char *)dst + i * PM_ENTRY_BYTES, &e, PM_ENTRY_BYTES);   /* i386: little-endian */
    }
    return (long)(count * PM_ENTRY_BYTES);
}

void procfs_show_trace(struct seqbuf *s)
{
    const char *sep = "";
    for (unsigned bit = 1; bit & TRACE_ALL; bit <<= 1) {
        if (trace_mask & bit) {
            seqbuf_printf(s, "%s%s", sep, trace_class_name((enum trace_class)bit));
            sep = " ";
        }
    }
    seqbuf_printf(s, "%s\n", *sep ? "" : "none");
}
