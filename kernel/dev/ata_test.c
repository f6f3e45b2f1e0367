/* ata_test.c: `ktest=ata`, the disk driver's self-test, through the block
 * interface, on a scratch disk whose sector 0 starts with "ATATEST!" (no
 * other disk is ever written). The boot context checks the polled path;
 * two test-only kernel threads then check the interrupt path (sleep_on
 * until the disk interrupts) while they compete for the same channel. The
 * driver's counters show that each path went by DMA (or PIO) as it says. */
#include "kernel/dev/ata_test.h"
#include "kernel/dev/ata.h"
#include "kernel/dev/block.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/proc.h"
#include "kernel/sched.h"
#include "kernel/string.h"
#include "kernel/x86/timer.h"
#include "kernel/x86/x86.h"
#include "mm/kmalloc.h"

#define MARKER "ATATEST!"
#define REGION 64               /* sectors each writer owns */
#define LONG_READ 300           /* > 256: one request split in two commands */
#define NTHREADS 2
#define THREAD_PID 1000         /* no real process exists during a ktest */
#define WORDS_PER_SECTOR (BLOCK_SECTOR_SIZE / 4)

static struct block_device *disk;
static uint32_t seed;           /* differs from what the disk held before */
static int failures;

/* Word k of sector s: readable from the host with xxd (bytes k, s, s >> 8,
 * seed). */
static uint32_t pattern_word(uint32_t s, uint32_t k)
{
    return seed << 24 | (s & 0xFFFF) << 8 | k;
}

static void pattern_fill(uint32_t *buf, uint32_t first, uint32_t count)
{
    for (uint32_t s = 0; s < count; s++)
        for (uint32_t k = 0; k < WORDS_PER_SECTOR; k++)
            buf[s * WORDS_PER_SECTOR + k] = pattern_word(first + s, k);
}

/* Counts a failure unless buf holds the pattern of count sectors from
 * first; what says which check this was. */
static void pattern_check(const uint32_t *buf, uint32_t first, uint32_t count,
                          const char *what)
{
    for (uint32_t s = 0; s < count; s++) {
        for (uint32_t k = 0; k < WORDS_PER_SECTOR; k++) {
            uint32_t got = buf[s * WORDS_PER_SECTOR + k], want = pattern_word(first + s, k);
            if (got != want) {
                printk("ata: FAILED: %s: sector %u word %u is %p, not %p\n", what,
                       first + s, k, (void *)got, (void *)want);
                failures++;
                return;
            }
        }
    }
}

static void expect(int ok, const char *what)
{
    if (!ok) {
        printk("ata: FAILED: %s\n", what);
        failures++;
    }
}

/* Writes the pattern on REGION sectors from first in requests of 1, 7, 24
 * and 32 sectors, then reads them back in one request. buf holds REGION
 * sectors. */
static void region_write_check(uint32_t first, uint32_t *buf, const char *what)
{
    static const uint32_t sizes[] = { 1, 7, 24, 32 };
    pattern_fill(buf, first, REGION);
    uint32_t s = 0;
    for (unsigned i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        expect(block_write(disk, first + s, buf + s * WORDS_PER_SECTOR, sizes[i]) == 0,
               what);
        s += sizes[i];
    }
    memset(buf, 0, REGION * BLOCK_SECTOR_SIZE);
    expect(block_read(disk, first, buf, REGION) == 0, what);
    pattern_check(buf, first, REGION, what);
}

/* The disk carrying the marker, or NULL. Reads sector 0 of each disk. */
static struct block_device *find_scratch_disk(void *sector)
{
    for (int i = 0; i < block_count(); i++) {
        struct block_device *d = block_get(i);
        if (block_read(d, 0, sector, 1) == 0 && !memcmp(sector, MARKER, 8))
            return d;
    }
    return 0;
}

/* ---- which method moved the data ---- */

static struct ata_stats stats_now(void)
{
    struct ata_stats s = { 0 };
    expect(ata_get_stats(disk, &s) == 0, "ATA counters of the scratch disk");
    return s;
}

/* Counts a failure unless, since before, the disk ran exactly dma
 * commands by DMA and pio by PIO when it uses DMA (except that a DMA
 * command that failed, and was retried by PIO, counts as PIO), or all
 * dma + pio of them by PIO when it does not. Prints the path's line. */
static void expect_commands(const struct ata_stats *before, uint32_t dma, uint32_t pio,
                            const char *path)
{
    struct ata_stats now = stats_now();
    uint32_t by_dma = now.dma_commands - before->dma_commands;
    uint32_t by_pio = now.pio_commands - before->pio_commands;
    uint32_t prd = now.prd_entries - before->prd_entries;
    uint32_t retried = now.dma_errors - before->dma_errors;
    printk("ata: %s path: %u commands by DMA in %u PRD entries, %u by PIO\n", path, by_dma,
           prd, by_pio);
    if (!now.dma)
        retried = dma;
    if (by_dma != dma - retried || by_pio != pio + retried) {
        printk("ata: FAILED: %s path: %u commands by DMA and %u by PIO, not %u and %u\n",
               path, by_dma, by_pio, dma - retried, pio + retried);
        failures++;
    }
}

/* ---- the interrupt path: test-only kernel threads ---- */

static volatile int threads_done;
static int forever;             /* the channel a finished thread sleeps on */

/* Thread i (pid THREAD_PID + i) writes and checks its own region after the
 * boot context's, then reads the boot context's region back. It runs as a
 * process (pid != 0), so the driver sleeps until the disk interrupts. */
static void thread_main(void)
{
    int i = current->pid - THREAD_PID;
    uint32_t *buf = kmalloc(REGION * BLOCK_SECTOR_SIZE);
    if (!buf) {
        expect(0, "thread buffer");
    } else {
        region_write_check(1 + REGION * (1 + i), buf, "interrupt-driven write/read");
        expect(block_read(disk, 1, buf, REGION) == 0, "interrupt-driven read");
        pattern_check(buf, 1, REGION, "interrupt-driven read of polled writes");
        kfree(buf);
    }
    threads_done++;
    for (;;)
        sleep_on(&forever);
}

/* Starts thread_main as a process with no user memory (mm NULL) in a free
 * slot: a kernel stack whose first sched_switch returns into thread_main
 * (which never returns). Test-only: the kernel has no kernel threads.
 * Returns 0, or -ENOMEM. */
static int thread_start(int pid)
{
    for (int i = 1; i < NPROC; i++) {
        struct proc *p = &proc_table[i];
        if (p->state != PROC_UNUSED)
            continue;
        uint32_t *sp = kmalloc(KSTACK_SIZE);
        if (!sp)
            return -ENOMEM;
        memset(p, 0, sizeof *p);
        p->kstack = sp;
        sp = (uint32_t *)((char *)sp + KSTACK_SIZE);
        *--sp = 0;                              /* thread_main's return address */
        *--sp = (uint32_t)thread_main;          /* where sched_switch returns */
        for (int r = 0; r < 4; r++)
            *--sp = 0;                          /* ebp, ebx, esi, edi */
        p->kernel_esp = (uint32_t)sp;
        p->pid = pid;
        strlcpy(p->name, "ata-test", PROC_NAME_LEN);
        p->state = PROC_RUNNABLE;
        return 0;
    }
    return -ENOMEM;
}

/* Runs the threads from the boot context (pid 0) as the idle loop would,
 * for at most 20 seconds, and counts how often it found one of them
 * asleep inside the driver (on anything but `forever`). Returns that
 * count, which must not be 0: every transfer sleeps. */
static int threads_run(void)
{
    int asleep_in_driver = 0;
    for (int i = 0; i < NTHREADS; i++)
        expect(thread_start(THREAD_PID + i) == 0, "thread start");
    uint32_t deadline = jiffies + 20 * TIMER_HZ;
    int irq_on = irq_save();
    while (threads_done < NTHREADS && (int32_t)(jiffies - deadline) < 0) {
        schedule();
        for (int i = 1; i < NPROC; i++) {
            struct proc *p = &proc_table[i];
            if (p->pid >= THREAD_PID && p->state == PROC_SLEEPING && p->chan != &forever)
                asleep_in_driver++;
        }
        __asm__ volatile("sti; hlt; cli");
    }
    irq_restore(irq_on);
    expect(threads_done == NTHREADS, "threads finished within 20 s");
    return asleep_in_driver;
}

/* ---- the test ---- */

/* Range checks of the block layer: nothing past the end reaches the disk. */
static void check_ranges(void *buf)
{
    expect(block_read(disk, disk->sectors, buf, 1) == -EINVAL, "read past the end");
    expect(block_read(disk, disk->sectors - 1, buf, 2) == -EINVAL, "read across the end");
    expect(block_write(disk, 0xFFFFFFFFu, buf, 2) == -EINVAL, "write at 2^32-1");
    expect(block_read(disk, 0, buf, 0) == 0, "read of 0 sectors");
}

/* A read into an odd address, which DMA cannot reach (PRD entries are
 * even): the driver must use PIO for it, and get the data right. big
 * holds at least 3 sectors; buf at least 2. */
static void check_odd_buffer(uint32_t *big, uint32_t *buf)
{
    char *odd = (char *)big + 1;
    expect(block_read(disk, 1, odd, 2) == 0, "read into an odd address");
    memcpy(buf, odd, 2 * BLOCK_SECTOR_SIZE);
    pattern_check(buf, 1, 2, "read into an odd address");
}

/* Every polled request: the marker, the writes of region 1..64 (5
 * commands), a read that the driver splits in two commands, one of 128
 * KiB whose buffer crosses a 64 KiB line of physical memory (so DMA
 * needs more PRD entries than commands), a read into an odd address
 * (PIO), the counters. */
static void check_polled(uint32_t *buf)
{
    struct ata_stats before = stats_now();
    uint32_t writes = disk->writes, written = disk->sectors_written;
    region_write_check(1, buf, "polled write/read");
    expect(disk->writes == writes + 4 && disk->sectors_written == written + REGION,
           "write counters");
    if (disk->sectors < LONG_READ)
        return;
    uint32_t *big = kmalloc(LONG_READ * BLOCK_SECTOR_SIZE);
    expect(big != 0, "long read buffer");
    if (!big)
        return;
    struct ata_stats mid = stats_now();
    expect(block_read(disk, 0, big, LONG_READ) == 0, "long read");
    expect(!memcmp(big, MARKER, 8), "marker kept in sector 0");
    pattern_check(big + WORDS_PER_SECTOR, 1, REGION, "long read");
    struct ata_stats after = stats_now();
    if (after.dma)
        expect(after.prd_entries - mid.prd_entries > after.dma_commands - mid.dma_commands,
               "a 128 KiB DMA across a 64 KiB line took more than one PRD entry");
    check_odd_buffer(big, buf);
    kfree(big);
    expect_commands(&before, 4 + 1 + 2, 1, "polled");
}

int ata_selftest(void)
{
    uint32_t *buf = kmalloc(REGION * BLOCK_SECTOR_SIZE);
    if (!buf)
        return 1;
    disk = find_scratch_disk(buf);
    if (!disk) {
        printk("ata: selftest FAILED: no disk whose sector 0 starts with \"" MARKER "\"\n");
        kfree(buf);
        return 1;
    }
    expect(disk->sectors >= 1 + REGION * (1 + NTHREADS), "disk of at least 193 sectors");
    expect(block_read(disk, 1, buf, 1) == 0, "read of sector 1");
    seed = ((buf[0] >> 24) + 1) & 0xFF;
    if (seed == 0)
        seed = 1;
    printk("ata: selftest on %s (%u sectors), seed 0x%02x\n", disk->name, disk->sectors,
           seed);
    if (!failures) {
        check_ranges(buf);
        check_polled(buf);
    }
    if (!failures) {
        struct ata_stats before = stats_now();
        int asleep = threads_run();
        printk("ata: interrupt path: threads found asleep in the driver %d times\n", asleep);
        expect(asleep > 0, "threads slept in the driver");
        expect_commands(&before, NTHREADS * (4 + 1 + 1), 0, "interrupt");
        memset(buf, 0, REGION * BLOCK_SECTOR_SIZE);
        for (int i = 0; i < NTHREADS; i++) {
            uint32_t first = 1 + REGION * (1 + i);
            expect(block_read(disk, first, buf, REGION) == 0, "polled read");
            pattern_check(buf, first, REGION, "polled read of interrupt-driven writes");
        }
    }
    kfree(buf);
    printk("ata: DMA commands failed and retried by PIO: %u\n", stats_now().dma_errors);
    if (failures)
        printk("ata: selftest FAILED (%d checks)\n", failures);
    else
        printk("ata: selftest passed\n");
    return failures != 0;
}
