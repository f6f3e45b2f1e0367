/* fault.c: the page-fault handler. Every fault is decided here, in one
 * function a student can read top to bottom: fault_handle.
 *
 *   where the fault is                    what it means            action
 *   ------------------------------------  -----------------------  -------------------
 *   kernel address, from the kernel       a kernel bug             panic with diagnosis
 *   kernel address, from user mode        not the process's        SIGSEGV, SEGV_MAPERR
 *   user address, no process              a kernel bug             panic with diagnosis
 *   in no region (below a stack: grow     not the process's        SIGSEGV, SEGV_MAPERR
 *     it, if within RLIMIT_STACK and
 *     near esp)
 *   region forbids the access             protection               SIGSEGV, SEGV_ACCERR
 *   PTE zero, shared memory region        first touch              the object's page
 *     (shared anonymous, System V, a       (a private mapping of a  (read-only, copy-on-
 *     tmpfs file, shared or private)        tmpfs file)              write)
 *   PTE zero, tmpfs file, past its end    no page there            SIGBUS, BUS_ADRERR
 *   PTE zero, tmpfs full                  no room for the page     SIGBUS, BUS_ADRERR
 *   PTE zero, file page in the region     first touch              read from the file
 *   PTE zero, shared file, past its end   no page there            SIGBUS, BUS_ADRERR
 *   PTE zero, read, no file behind it     first read               map the zero page
 *   PTE zero, write, no file behind it    first write              zero-fill
 *   PTE holds a swap entry                paged out                swap in (sleeps), retry
 *     ... and the disk cannot read it     the page is lost         SIGBUS, BUS_ADRERR
 *   PTE present, write, marked COW        shared since fork, or    break copy-on-write
 *                                           the zero page            (a zeroed frame)
 *   PTE present, access allowed           stale TLB entry          flush, retry
 *   present, write, not COW, writable VMA should not happen        SIGSEGV, SEGV_ACCERR
 *
 * A signal carries the address in si_addr and the code in si_code, so a
 * program's SIGSEGV handler can tell an unmapped address from a protected
 * page, fix the page (mprotect) and return to retry the access.
 * A SIGSEGV decided for the kernel's own copy to or from user memory
 * (uaccess_copy.asm) becomes -EFAULT for the system call instead. Getting
 * a frame may evict others and sleep (mm/reclaim.c); every case re-checks
 * its PTE after that, or simply returns so that the access faults again.
 * Running out of memory kills a process with a message. */
#include "mm/fault.h"
#include "kernel/errno.h"
#include "kernel/fs/fs.h"
#include "kernel/ksyms.h"
#include "kernel/format.h"
#include "kernel/printk.h"
#include "kernel/proc.h"
#include "kernel/signal.h"
#include "kernel/rlimit.h"
#include "kernel/rusage.h"
#include "kernel/string.h"
#include "kernel/x86/trap.h"
#include "mm/cow.h"
#include "mm/filemap.h"
#include "mm/frame.h"
#include "mm/layout.h"
#include "mm/mm.h"
#include "mm/mmu.h"
#include "mm/page_data.h"
#include "mm/pgtable.h"
#include "mm/pte.h"
#include "mm/reclaim.h"
#include "mm/rmap.h"
#include "mm/shmem.h"
#include "mm/swap.h"
#include "mm/swap_map.h"
#include "mm/swap_readahead.h"
#include "kernel/sched.h"
#include "mm/vma.h"
#include "mm/zero_page.h"

struct fault_stats fault_stats;

#define STACK_SLACK (65536u + 256)  /* how far below esp a push may land */

/* FAULT_MAPERR and FAULT_ACCERR are SIGSEGV with that si_code. */
enum decision { FAULT_DONE, FAULT_MAPERR, FAULT_ACCERR, FAULT_SIGBUS, FAULT_OOM };

static const char *access_kind(uint32_t err)
{
    return (err & FAULT_WRITE) ? "write" : "read";
}

static const char *cause(uint32_t err)
{
    return (err & FAULT_PRESENT) ? "protection violation" : "not present";
}

/* Panics with the fault's address, access, EIP and the PDE/PTE found for
 * the address in the current page directory. */
static void fault_kernel_bug(struct trapframe *tf, uint32_t addr)
{
    const pde_t *pgdir = phys_to_virt(mmu_current_pgdir());
    pde_t pde = pgdir[PDX(addr)];
    char why[160];
    int n = ksnprintf(why, sizeof why, "%s of %p by the kernel, %s; pde 0x%08x",
                      access_kind(tf->err), (void *)addr, cause(tf->err), pde);
    if ((pde & PTE_PRESENT) && !(pde & PTE_HUGE)) {
        const pte_t *table = phys_to_virt(PTE_FRAME(pde));
        ksnprintf(why + n, sizeof why - n, " pte 0x%08x", table[PTX(addr)]);
    }
    fault_stats.kernel_bugs++;
    trap_kernel_fatal(tf, why);
}

/* The region holding addr, growing the stack down to it when addr is just
 * below the stack (within STACK_MAX of the top and STACK_SLACK of esp).
 * Inlined into fault_user, as fault_fill is: every fault runs them, and a
 * call and return are not free (under QEMU's TCG, a return is a lookup). */
static inline __attribute__((always_inline)) struct vma *
find_or_grow(struct mm *mm, uint32_t addr, uint32_t esp)
{
    struct vma *v = vma_find(mm, addr);
    if (v)
        return v;
    struct vma *above = vma_find_above(mm, addr);
    if (!above || !(above->flags & VM_GROWSDOWN))
        return 0;
    if (USER_TOP - addr > rlimit_stack_max() || addr + STACK_SLACK < esp)
        return 0;
    uint32_t new_start = PAGE_ROUND_DOWN(addr);
    for (struct vma *w = mm->vmas; w != above; w = w->next)
        if (w->end > new_start)
            return 0;                   /* would run into another region */
    above->start = new_start;
    return above;
}

/* Maps frame pg at page for a first touch or swap-in, in the PTE the
 * fault found: it must still be what the fault saw (`was`), since getting
 * a frame may have slept; a swap entry's slot reference is the caller's.
 * Consumes the caller's reference on pg either way. */
static inline __attribute__((always_inline)) enum decision
install(uint32_t page, pte_t *pte, pte_t was, struct page *pg, uint32_t prot)
{
    if (*pte != was) {
        page_put(pg);                   /* changed while we slept: retry */
        return FAULT_DONE;
    }
    pgtable_fill(page, pte, page_to_phys(pg), prot);
    return FAULT_DONE;
}

/* First touch of a page of a shared memory object: a shared anonymous
 * mapping, a System V segment, or a tmpfs file (v->file). Maps the
 * object's frame for that page: writable in a shared writable region,
 * read-only and copy-on-write in a private one (the first write copies
 * it, as a private mapping of any file). A tmpfs file has no page past
 * its end, nor room for a new one when its file system is full: SIGBUS. */
static enum decision fault_shared(struct vma *v, uint32_t page, pte_t *pte)
{
    int status;
    uint32_t index = v->shm_pgoff + ((page - v->start) >> PAGE_SHIFT);
    if (v->file && (uint64_t)index << PAGE_SHIFT >= v->file->size)
        return FAULT_SIGBUS;
    struct page *pg = shm_get_page(v->shm, index, &status);
    if (!pg)
        return status == SHM_RETRY ? FAULT_DONE : status == SHM_NOSPC ? FAULT_SIGBUS : FAULT_OOM;
    uint32_t prot = PTE_USER | ((v->flags & VM_WRITE) ? PTE_WRITE : 0);
    if (!(v->flags & VM_SHARED) && (prot & PTE_WRITE))
        prot = (prot & ~PTE_WRITE) | PTE_COW;
    return install(page, pte, 0, pg, prot);
}

/* First touch of a page (its PTE is zero): fill a frame from the file
 * and/or with zeros, as the region says, and map it. A read of a page
 * that the file's page-cache frame holds exactly (wholly inside the
 * file's part of the region, or that part reaches the end of the file,
 * after which the cache frame is zero) maps that frame itself: read-only,
 * copy-on-write if the region is writable; so every process running a
 * program shares its text, and a shared file mapping shares the cache. */
static inline __attribute__((always_inline)) enum decision
fault_fill(struct vma *v, uint32_t page, pte_t *pte, int write, const char **how)
{
    *how = "shared memory";
    if (v->shm)
        return fault_shared(v, page, pte);
    uint32_t prot = PTE_USER | ((v->flags & VM_WRITE) ? PTE_WRITE : 0);
    uint32_t rel = page - v->start;
    int in_file = v->file && rel < v->file_len;
    *how = "past the end of the file";
    if (!in_file && v->file && (v->flags & VM_SHARED))
        return FAULT_SIGBUS;            /* a shared file mapping past the end */
    *how = in_file ? "read from the file" : write ? "zero-fill" : "zero page";
    int cache_exact = in_file && (rel + PAGE_SIZE <= v->file_len ||
                                  v->file_off + v->file_len >= v->file->size);
    if (cache_exact && !write) {
        struct page *pg = filemap_get_page(v->file, (v->file_off + rel) >> PAGE_SHIFT);
        if (!pg)
            return FAULT_OOM;
        if (prot & PTE_WRITE)
            prot = (prot & ~PTE_WRITE) | PTE_COW;
        fault_stats.file_fill++;
        return install(page, pte, 0, pg, prot);
    }
    if (!in_file && !write) {
        /* Nothing to store yet: share the zero page, read-only. */
        if (prot & PTE_WRITE)
            prot = (prot & ~PTE_WRITE) | PTE_COW;
        page_get(zero_page);
        fault_stats.zero_page++;
        pgtable_fill_zero(pte, page_to_phys(zero_page), prot);
        return FAULT_DONE;
    }
    struct page *pg = page_alloc_user();
    if (!pg)
        return FAULT_OOM;
    char *dst = page_to_virt(pg);
    uint32_t from_file = 0;
    if (in_file) {
        from_file = v->file_len - rel < PAGE_SIZE ? v->file_len - rel : PAGE_SIZE;
        long got = inode_read(v->file, v->file_off + rel, dst, from_file);
        from_file = got > 0 ? (uint32_t)got : 0;
        fault_stats.file_fill++;
    } else {
        fault_stats.zero_fill++;
    }
    if (from_file)
        memset(dst + from_file, 0, PAGE_SIZE - from_file);
    else
        page_zero(dst);
    return install(page, pte, 0, pg, prot);
}

/* Leave a page that a read fault brings back in the swap cache, mapped
 * read-only? Then its copy in swap stays good, and page replacement can
 * drop it again without a write, as long as nothing writes it: the first
 * write is a copy-on-write fault, which takes it out of the cache
 * (cow_break). Only in a private writable region (elsewhere nothing would
 * ever free the slot), never for a page whose write to swap failed, and
 * only while swap is at most half full (as Linux's vm_swap_full). */
static int swap_cache_keeps(const struct page *pg, const struct vma *v, int write)
{
    return !write && (v->flags & (VM_WRITE | VM_SHARED)) == VM_WRITE &&
           !(pg->flags & PG_SWAPBAD) && swap_slots_free() * 2 >= swap_slots_total();
}

/* The PTE holds a swap entry: bring the page into the swap cache (reading
 * it from the disk with its neighbours, mm/swap_readahead.c, sleeping)
 * and retry, or, once it is there, map it.
 * The last PTE to hold the slot takes the frame over and frees the slot,
 * unless a read fault may keep the page in the swap cache (read-only,
 * copy-on-write: swap_cache_keeps); while other PTEs still hold it, the
 * frame is shared copy-on-write. Inlined like fault_user (see there). */
static inline __attribute__((always_inline)) enum decision
fault_swap_in(struct mm *mm, struct vma *v, uint32_t page, pte_t *pte, int write)
{
    pte_t was = *pte;
    uint32_t slot = pte_swap_slot(was);
    struct page *pg = swap_cache_find(slot);
    if (!pg) {
        if (frame_free_count() < RECLAIM_LOW + SWAP_CLUSTER_MAX)
            reclaim_pages(SWAP_CLUSTER_MAX);    /* room to read ahead; may sleep */
        pg = page_alloc_user();         /* may sleep */
        if (!pg)
            return FAULT_OOM;
        if (*pte != was || swap_cache_find(slot)) {
            frame_free(pg);             /* someone was quicker: retry */
            return FAULT_DONE;
        }
        int err = swap_readahead(mm, v, page, slot, pg);    /* sleeps */
        fault_stats.swap_in++;
        if (err < 0) {
            printk("swap: read error on slot %u\n", slot);
            return FAULT_SIGBUS;
        }
        return FAULT_DONE;              /* retry: it is in the cache now */
    }
    if (pg->flags & PG_LOCKED) {
        sleep_on(pg);                   /* being read or written: wait, retry */
        return FAULT_DONE;
    }
    if (pg->flags & PG_READAHEAD) {
        pg->flags &= ~PG_READAHEAD;     /* read ahead, and now wanted */
        swap_readahead_hit();
    }
    uint32_t prot = PTE_USER | ((v->flags & VM_WRITE) ? PTE_WRITE : 0);
    page_get(pg);
    int alone = swap_entry_count(slot) == 1 && pg->count == 2 && !rmap_count(pg);
    if (alone && !swap_cache_keeps(pg, v, write)) {
        swap_cache_remove(pg);          /* ours alone: the slot can go */
    } else if (prot & PTE_WRITE) {
        prot = (prot & ~PTE_WRITE) | PTE_COW;
    }
    enum decision d = install(page, pte, was, pg, prot);
    if (*pte != was)
        swap_entry_put(slot);           /* the PTE no longer holds the slot */
    return d;
}

/* Decides a fault on a user address for the current process; *how names
 * the row of the table above that was taken (for the trace line). Always
 * inlined, with fault_swap_in, into fault_handle and fault_populate alike,
 * so that a backtrace from a fault reads as docs/tour.md shows it. */
static inline __attribute__((always_inline)) enum decision fault_user(struct mm *mm, uint32_t addr, uint32_t err, uint32_t esp,
                                const char **how)
{
    int write = (err & FAULT_WRITE) != 0;
    struct vma *v = find_or_grow(mm, addr, esp);
    *how = "in no region";
    if (!v)
        return FAULT_MAPERR;
    *how = "region forbids it";
    if ((write && !(v->flags & VM_WRITE)) || !(v->flags & (VM_READ | VM_WRITE | VM_EXEC)))
        return FAULT_ACCERR;

    uint32_t page = PAGE_ROUND_DOWN(addr);
    pte_t *pte = pgtable_walk(mm->pgdir, page, true);
    *how = "no page table";
    if (!pte)
        return FAULT_OOM;
    if (pte_none(*pte))
        return fault_fill(v, page, pte, write, how);
    if (pte_present(*pte) && write && !(*pte & PTE_WRITE)) {
        *how = (*pte & PTE_COW) ? "copy-on-write" : "write to a read-only page";
        if (!(*pte & PTE_COW))
            return FAULT_ACCERR;
        return cow_break(mm, page, pte) < 0 ? FAULT_OOM : FAULT_DONE;
    }
    *how = "swap in";
    if (pte_is_swap(*pte))
        return fault_swap_in(mm, v, page, pte, write);
    *how = "stale TLB entry";
    mmu_flush_page(page);               /* present and allowed: a stale TLB entry */
    return FAULT_DONE;
}

int fault_populate(struct mm *mm, uint32_t start, uint32_t end)
{
    /* The PTEs below are read as this address space's own. */
    if (pgtable_unshare_range(mm->pgdir, start, end - start) < 0)
        return -ENOMEM;
    for (uint32_t page = start; page < end;) {
        struct vma *v = vma_find(mm, page);
        if (!v)
            return -ENOMEM;
        /* A private writable page is faulted for writing (its own copy);
         * an inaccessible region is left alone, as Linux does. */
        int write = (v->flags & (VM_WRITE | VM_SHARED)) == VM_WRITE;
        pte_t *pte = pgtable_walk(mm->pgdir, page, false);
        if (!(v->flags & (VM_READ | VM_WRITE | VM_EXEC)) ||
            (pte && pte_present(*pte) && (!write || (*pte & PTE_WRITE)))) {
            page += PAGE_SIZE;
            continue;
        }
        uint32_t err = FAULT_USER | (write ? FAULT_WRITE : 0) |
                       (pte && pte_present(*pte) ? FAULT_PRESENT : 0);
        const char *how;
        enum decision d = fault_user(mm, page, err, page, &how);
        if (d == FAULT_OOM)
            return -ENOMEM;
        if (d != FAULT_DONE)
            return -EFAULT;
        if (current->killed)
            return -EINTR;
    }
    return 0;
}

extern char uaccess_copy_insn[], uaccess_copy_fixup[];
extern char uaccess_strncpy_insn[], uaccess_strncpy_fixup[];

/* The fix-up address for a fault at eip in a user-access loop, or 0. */
static uint32_t uaccess_fixup(uint32_t eip)
{
    if (eip == (uint32_t)uaccess_copy_insn)
        return (uint32_t)uaccess_copy_fixup;
    if (eip == (uint32_t)uaccess_strncpy_insn)
        return (uint32_t)uaccess_strncpy_fixup;
    return 0;
}

static const char *decision_name(enum decision d)
{
    return d == FAULT_DONE ? "handled" : d == FAULT_MAPERR ? "SIGSEGV"
           : d == FAULT_ACCERR ? "SIGSEGV" : d == FAULT_SIGBUS ? "SIGBUS" : "out of memory";
}

/* Sends the signal a bad user access stands for (the decision's row of
 * the table), reporting it on the console when nothing catches it. The
 * error code a user access to the kernel half gets is "protection", as
 * Linux reports it, so the layout of the kernel's page tables stays
 * hidden. */
static void fault_signal(const struct trapframe *tf, uint32_t addr, enum decision d)
{
    int sig = d == FAULT_SIGBUS ? SIGBUS : SIGSEGV;
    int code = d == FAULT_SIGBUS ? BUS_ADRERR : d == FAULT_ACCERR ? SEGV_ACCERR : SEGV_MAPERR;
    const struct sigstate *s = &current->sig;
    if (s->action[sig - 1].handler == SIG_DFL || (s->blocked & SIGBIT(sig))) {
        if (d == FAULT_SIGBUS)
            printk("bus error: pid %d (%s) at %p, eip %p: past the end of the mapped file "
                   "or no room in it\n", current->pid, current->name, (void *)addr,
                   (void *)tf->eip);
        else
            printk("segfault: pid %d (%s) at %p, eip %p, %s, %s\n", current->pid,
                   current->name, (void *)addr, (void *)tf->eip, access_kind(tf->err),
                   cause(tf->err));
    }
    fault_stats.signals++;
    uint32_t err = tf->err | FAULT_USER | (addr >= USER_TOP ? FAULT_PRESENT : 0);
    signal_force(sig, code, addr, tf->trapno, err, addr);
}

void fault_handle(struct trapframe *tf)
{
    uint32_t addr = mmu_fault_address();
    int from_user = trap_from_user(tf);
    uint32_t fixup = from_user ? 0 : uaccess_fixup(tf->eip);
    fault_stats.faults++;

    if (!from_user && !fixup) {
        if (trace_mask & TRACE_FAULT) {
            uint32_t off;
            const char *fn = ksyms_lookup(tf->eip, &off);
            trace_print(TRACE_FAULT, "addr %p kernel %s %s eip %p (%s) -> kernel bug",
                        (void *)addr, access_kind(tf->err), cause(tf->err), (void *)tf->eip,
                        fn ? fn : "?");
        }
        fault_kernel_bug(tf, addr);     /* no return */
    }

    enum decision d = FAULT_MAPERR;
    const char *how = addr < USER_TOP ? "no address space" : "kernel address";
    struct mm *mm = current->mm;
    if (addr < USER_TOP && mm) {
        uint32_t esp = from_user ? tf->user_esp : current->tf->user_esp;
        uint32_t swap_ins = fault_stats.swap_in;
        d = fault_user(mm, addr, tf->err, esp, &how);
        if (d == FAULT_DONE)            /* getrusage: major if it read swap */
            rusage_count_fault(&current->usage, fault_stats.swap_in != swap_ins);
    }
    trace(TRACE_FAULT, "pid %d addr %p %s %s %s eip %p -> %s (%s)", current->pid,
          (void *)addr, from_user ? "user" : "kernel", access_kind(tf->err), cause(tf->err),
          (void *)tf->eip, decision_name(d), how);
    if (d == FAULT_DONE)
        return;
    if (d == FAULT_OOM) {
        if (!current->killed)
            printk("out of memory: killed pid %d (%s)\n", current->pid, current->name);
        /* It dies on its way back to user mode, not here: a system call
         * whose copy faulted may be half way through building something
         * (fork's child, not yet runnable), which it must finish or undo.
         * The copy fails, and the call returns through its fix-up. */
        signal_send(current, SIGKILL, 0);
        if (!fixup)
            return;
    }
    if (fixup) {
        tf->eip = fixup;                /* the system call returns -EFAULT */
        return;
    }
    fault_signal(tf, addr, d);
}
