/* ata.c: the ATA disk driver: LBA28 on the four IDE positions (primary
 * channel 0x1F0/0x3F6 IRQ 14, secondary 0x170/0x376 IRQ 15; master and
 * slave: hda, hdb, hdc, hdd). Detection, PIO transfers (READ/WRITE
 * MULTIPLE), the interrupt, and the choice of DMA (kernel/dev/ata_dma.c) or
 * PIO per command. A process sleeps until the disk interrupts; at boot and
 * in the idle context the driver polls, every poll bounded. */
#include "kernel/dev/ata.h"
#include "kernel/dev/ata_hw.h"
#include "kernel/dev/block.h"
#include "kernel/errno.h"
#include "kernel/x86/pic.h"
#include "kernel/printk.h"
#include "kernel/proc.h"
#include "kernel/sched.h"
#include "kernel/x86/x86.h"

#define ATA_CTL_NIEN 0x02       /* no interrupts: set while polling */
#define ATA_DRIVE_LBA 0xE0

#define ATA_CMD_READ 0x20       /* READ SECTORS */
#define ATA_CMD_WRITE 0x30      /* WRITE SECTORS */
#define ATA_CMD_READ_MULTIPLE 0xC4
#define ATA_CMD_WRITE_MULTIPLE 0xC5
#define ATA_CMD_SET_MULTIPLE 0xC6
#define ATA_MAX_BLOCK 16        /* sectors per interrupt we ask for at most */
#define ATA_CMD_IDENTIFY 0xEC

#define ATA_MAX_COUNT 256       /* sectors in one command (count register 0) */
#define ATA_LBA28_MAX 0x0FFFFFFFu       /* the most sectors LBA28 reaches */

static struct ata_channel channels[2] = {
    { .base = 0x1F0, .ctrl = 0x3F6, .irq = 14 },
    { .base = 0x170, .ctrl = 0x376, .irq = 15 },
};
static struct ata_disk disks[4];        /* hda, hdb, hdc, hdd */

static void ata_read_words(uint16_t port, void *buf, uint32_t n)
{
    __asm__ volatile("cld; rep insw" : "+D"(buf), "+c"(n) : "d"(port) : "memory");
}

static void ata_write_words(uint16_t port, const void *buf, uint32_t n)
{
    __asm__ volatile("cld; rep outsw" : "+S"(buf), "+c"(n) : "d"(port) : "memory");
}

/* The 400 ns a disk may take to show a new status: four status reads. */
void ata_delay(struct ata_channel *ch)
{
    for (int i = 0; i < 4; i++)
        inb(ch->ctrl);
}

/* Polls until the disk on ch is not busy; returns its status (read from
 * the status register, which also clears a pending interrupt), or
 * ATA_TIMEOUT after ATA_POLL_LIMIT reads. */
int ata_poll(struct ata_channel *ch)
{
    for (uint32_t i = 0; i < ATA_POLL_LIMIT; i++)
        if (!(inb(ch->ctrl) & ATA_SR_BSY))
            return inb(ch->base + ATA_REG_STATUS);
    return ATA_TIMEOUT;
}

/* Waits until the disk on ch ends a step of the command (a sector ready,
 * a sector taken, the command done); returns its status or ATA_TIMEOUT.
 * use_irq: the caller is a process with interrupts off; it sleeps until
 * the interrupt handler reports the step. That sleep cannot be
 * interrupted (the step must end before the channel can be used again)
 * and has no timeout: it relies on the disk interrupting, as detection
 * showed it answers. Otherwise: polls, bounded. */
int ata_wait(struct ata_channel *ch, int use_irq)
{
    if (!use_irq)
        return ata_poll(ch);
    while (!ch->irq_seen)
        sleep_on(ch);
    ch->irq_seen = 0;
    return ch->irq_status;
}

/* IRQ 14/15. With a bus master, its status comes first: the handler
 * notes it for the DMA command that waits (its error bit) and clears its
 * interrupt and error bits. Then reading the disk's status acknowledges
 * the disk. A status still busy is not the end of a step (a stale
 * interrupt): ignore it. */
static void ata_irq(struct ata_channel *ch)
{
    if (ch->bm) {
        uint8_t bm_status = inb(ch->bm + BM_REG_STATUS);
        outb(ch->bm + BM_REG_STATUS, bm_status | BM_SR_IRQ | BM_SR_ERR);
        ch->irq_bm_status |= bm_status;
    }
    uint8_t status = inb(ch->base + ATA_REG_STATUS);
    if (status & ATA_SR_BSY)
        return;
    ch->irq_status = status;
    ch->irq_seen = 1;
    wakeup(ch);
}

static void ata_irq_primary(void)
{
    ata_irq(&channels[0]);
}

static void ata_irq_secondary(void)
{
    ata_irq(&channels[1]);
}

/* Checks a status returned by ata_wait for the step of op ("read",
 * "write", "DMA read"...) at sector; want_data: the disk must be asking for or
 * offering a sector. Returns 0, or -EIO after printing what went wrong. */
int ata_check(struct ata_disk *d, int status, int want_data, const char *op,
              uint32_t sector)
{
    const char *name = d->dev.name;
    if (status == ATA_TIMEOUT) {
        printk("ata: %s: %s timed out at sector %u\n", name, op, sector);
        return -EIO;
    }
    if (status & (ATA_SR_ERR | ATA_SR_DF)) {
        printk("ata: %s: %s error at sector %u (status 0x%02x, error 0x%02x)\n", name, op,
               sector, status, inb(d->ch->base + ATA_REG_ERROR));
        return -EIO;
    }
    if (want_data != !!(status & ATA_SR_DRQ)) {
        printk("ata: %s: %s: unexpected status 0x%02x at sector %u\n", name, op, status,
               sector);
        return -EIO;
    }
    return 0;
}

/* Selects d, waits until its channel is idle, then sends cmd for count
 * (1..256) sectors at lba, with interrupts from the disk on if use_irq.
 * Returns 0 or -EIO (the channel stayed busy). */
int ata_issue(struct ata_disk *d, uint8_t cmd, uint32_t lba, uint32_t count, int use_irq)
{
    struct ata_channel *ch = d->ch;
    outb(ch->ctrl, use_irq ? 0 : ATA_CTL_NIEN);
    outb(ch->base + ATA_REG_DRIVE, ATA_DRIVE_LBA | d->slave << 4 | ((lba >> 24) & 0x0F));
    ata_delay(ch);
    if (ata_poll(ch) == ATA_TIMEOUT) {         /* ERR from a failed command is fine */
        printk("ata: %s: stays busy; cannot start a command at sector %u\n", d->dev.name,
               lba);
        return -EIO;
    }
    outb(ch->base + ATA_REG_COUNT, count & 0xFF);      /* 256 is written as 0 */
    outb(ch->base + ATA_REG_LBA_LOW, lba & 0xFF);
    outb(ch->base + ATA_REG_LBA_MID, (lba >> 8) & 0xFF);
    outb(ch->base + ATA_REG_LBA_HIGH, (lba >> 16) & 0xFF);
    ch->irq_seen = 0;           /* interrupts are off: none can come between */
    outb(ch->base + ATA_REG_COMMAND, cmd);
    ata_delay(ch);
    return 0;
}

/* Moves n sectors of b, from sector k on, through the data port of d:
 * into memory (write 0) or out of it (write 1), a sector at a time, so
 * that the pieces of b need not be adjacent. */
static void ata_pio_data(struct ata_disk *d, const struct ata_buf *b, uint32_t k, uint32_t n,
                         int write)
{
    uint16_t port = d->ch->base + ATA_REG_DATA;
    for (uint32_t j = 0; j < n; j++) {
        if (write)
            ata_write_words(port, ata_buf_sector(b, k + j), ATA_WORDS);
        else
            ata_read_words(port, ata_buf_sector(b, k + j), ATA_WORDS);
    }
}

/* One read command: count (1..256) sectors at lba into sectors first..
 * of b. The disk interrupts when each data block is ready: one sector
 * (READ SECTORS), or up to d->block sectors in multiple mode (READ
 * MULTIPLE), which saves interrupts, and lets an emulated disk fetch a
 * whole page at once. Returns 0 or -EIO. */
static int ata_read_sectors(struct ata_disk *d, uint32_t lba, const struct ata_buf *b,
                            uint32_t first, uint32_t count, int use_irq)
{
    uint8_t cmd = d->block > 1 ? ATA_CMD_READ_MULTIPLE : ATA_CMD_READ;
    int err = ata_issue(d, cmd, lba, count, use_irq);
    for (uint32_t i = 0; !err && i < count;) {
        uint32_t n = count - i < d->block ? count - i : d->block;
        err = ata_check(d, ata_wait(d->ch, use_irq), 1, "read", lba + i);
        if (!err)
            ata_pio_data(d, b, first + i, n, 0);
        i += n;
    }
    return err;
}

/* One write command: count (1..256) sectors from sectors first.. of b at
 * lba, a data block (one sector, or up to d->block in multiple mode) at a
 * time. The disk asks for the first block without interrupting (so that
 * step is always polled), then interrupts once each block is written:
 * asking for the next, or at the end. Returns 0 or -EIO. */
static int ata_write_sectors(struct ata_disk *d, uint32_t lba, const struct ata_buf *b,
                             uint32_t first, uint32_t count, int use_irq)
{
    uint8_t cmd = d->block > 1 ? ATA_CMD_WRITE_MULTIPLE : ATA_CMD_WRITE;
    int err = ata_issue(d, cmd, lba, count, use_irq);
    if (!err)
        err = ata_check(d, ata_poll(d->ch), 1, "write", lba);
    for (uint32_t i = 0; !err && i < count;) {
        uint32_t n = count - i < d->block ? count - i : d->block;
        ata_pio_data(d, b, first + i, n, 1);
        i += n;
        err = ata_check(d, ata_wait(d->ch, use_irq), i < count, "write", lba + i - n);
    }
    return err;
}

/* Asks the disk for multiple mode with the largest block it offers
 * (IDENTIFY word 47), up to ATA_MAX_BLOCK; returns the sectors per block,
 * 1 when the disk has no multiple mode or refuses (polled, at boot). */
static uint32_t ata_set_multiple(struct ata_disk *d, const uint16_t *id)
{
    uint32_t max = id[47] & 0xFF;
    if (max < 2)
        return 1;
    uint32_t want = max < ATA_MAX_BLOCK ? max : ATA_MAX_BLOCK;
    d->block = 1;
    if (ata_issue(d, ATA_CMD_SET_MULTIPLE, 0, want, 0) < 0)
        return 1;
    int status = ata_poll(d->ch);
    return status == ATA_TIMEOUT || (status & (ATA_SR_ERR | ATA_SR_DF)) ? 1 : want;
}

/* Takes ch for one request. A process sleeps while another one holds it;
 * the idle context cannot sleep and gets -EBUSY. Interrupts off. */
static int ata_channel_get(struct ata_channel *ch, int use_irq)
{
    while (ch->busy) {
        if (!use_irq)
            return -EBUSY;
        sleep_on(&ch->busy);
    }
    ch->busy = 1;
    return 0;
}

static void ata_channel_put(struct ata_channel *ch)
{
    ch->busy = 0;
    wakeup(&ch->busy);
}

/* One command of count (1..256) sectors at lba, to or from sectors
 * first.. of b, by DMA when the disk uses it and DMA reaches the memory,
 * else by PIO; a DMA command that fails is tried once more by PIO, and
 * the driver says so. Holds the channel; interrupts off. Returns 0 or
 * -EIO. */
static int ata_command(struct ata_disk *d, uint32_t lba, const struct ata_buf *b,
                       uint32_t first, uint32_t count, int write, int use_irq)
{
    const char *op = write ? "write" : "read";
    if (d->stats.dma) {
        int err = ata_dma_transfer(d, lba, b, first, count, write, use_irq);
        if (err != ATA_DMA_UNREACHABLE) {
            if (err == 0)
                return 0;
            d->stats.dma_errors++;
            printk("ata: %s: DMA %s of %u sectors at %u failed; retrying with PIO\n",
                   d->dev.name, op, count, lba);
        }
    }
    int err = write ? ata_write_sectors(d, lba, b, first, count, use_irq)
                    : ata_read_sectors(d, lba, b, first, count, use_irq);
    if (!err)
        d->stats.pio_commands++;
    return err;
}

/* The block_ops of an ATA disk: count sectors of b (range already
 * checked by kernel/dev/block.c) in commands of up to 256. No cache flush after a write:
 * the only writer is swap, whose contents need not outlive the boot, and
 * a flush per page costs the host a disk sync. Interrupt-driven when a
 * process (pid != 0) calls, polled otherwise. Any interrupt state on
 * entry; restored on return. */
static int ata_transfer(struct block_device *dev, uint32_t sector, const struct ata_buf *b,
                        uint32_t count, int write)
{
    struct ata_disk *d = dev->driver;
    int use_irq = current && current->pid != 0;
    int irq_on = irq_save();
    int err = ata_channel_get(d->ch, use_irq);
    if (err) {
        irq_restore(irq_on);
        return err;
    }
    for (uint32_t k = 0; !err && k < count;) {
        uint32_t n = count - k < ATA_MAX_COUNT ? count - k : ATA_MAX_COUNT;
        err = ata_command(d, sector + k, b, k, n, write, use_irq);
        k += n;
    }
    ata_channel_put(d->ch);
    irq_restore(irq_on);
    return err;
}

static int ata_read(struct block_device *dev, uint32_t sector, void *buf, uint32_t count)
{
    struct ata_buf b = { .pieces = &buf, .piece_bytes = 0 };
    return ata_transfer(dev, sector, &b, count, 0);
}

static int ata_write(struct block_device *dev, uint32_t sector, const void *buf,
                     uint32_t count)
{
    void *p = (void *)buf;
    struct ata_buf b = { .pieces = &p, .piece_bytes = 0 };
    return ata_transfer(dev, sector, &b, count, 1);
}

/* npages pages, each its own 4 KiB buffer, as one request: one command
 * (one PRD entry per page) up to 32 pages. */
static int ata_write_pages(struct block_device *dev, uint32_t sector, void *const *pages,
                           uint32_t npages)
{
    struct ata_buf b = { .pieces = pages, .piece_bytes = BLOCK_PAGE_SIZE };
    return ata_transfer(dev, sector, &b, npages * BLOCK_SECTORS_PER_PAGE, 1);
}

/* The same, reading into npages separate pages. */
static int ata_read_pages(struct block_device *dev, uint32_t sector, void *const *pages,
                          uint32_t npages)
{
    struct ata_buf b = { .pieces = pages, .piece_bytes = BLOCK_PAGE_SIZE };
    return ata_transfer(dev, sector, &b, npages * BLOCK_SECTORS_PER_PAGE, 0);
}

static const struct block_ops ata_ops = { .read = ata_read, .write = ata_write,
                                          .write_pages = ata_write_pages,
                                          .read_pages = ata_read_pages };

int ata_get_stats(const struct block_device *dev, struct ata_stats *s)
{
    if (dev->ops != &ata_ops)
        return -EINVAL;
    const struct ata_disk *d = dev->driver;
    int irq_on = irq_save();
    *s = d->stats;
    irq_restore(irq_on);
    return 0;
}

/* Sends IDENTIFY to position slave of ch (polled, disk interrupts off).
 * Returns 1 with the 256 words in id for an ATA disk; 0 for an empty
 * position (status 0, or 0xFF: a floating bus), an ATAPI device (whose
 * signature, LBA mid/high 0x14/0xEB or 0x69/0x96, it reports), or
 * anything that does not answer. */
static int ata_identify(struct ata_channel *ch, int slave, const char *name, uint16_t *id)
{
    outb(ch->ctrl, ATA_CTL_NIEN);
    outb(ch->base + ATA_REG_DRIVE, 0xA0 | slave << 4);
    ata_delay(ch);
    uint8_t status = inb(ch->ctrl);
    if (status == 0 || status == 0xFF)
        return 0;
    if (ata_poll(ch) == ATA_TIMEOUT) {
        pr_info("ata: %s: busy, not answering; skipped\n", name);
        return 0;
    }
    for (int i = ATA_REG_COUNT; i <= ATA_REG_LBA_HIGH; i++)
        outb(ch->base + i, 0);
    outb(ch->base + ATA_REG_COMMAND, ATA_CMD_IDENTIFY);
    ata_delay(ch);
    status = inb(ch->ctrl);
    if (status == 0 || status == 0xFF)
        return 0;
    int s = ata_poll(ch);
    uint8_t mid = inb(ch->base + ATA_REG_LBA_MID), high = inb(ch->base + ATA_REG_LBA_HIGH);
    if ((mid == 0x14 && high == 0xEB) || (mid == 0x69 && high == 0x96)) {
        pr_info("ata: %s: ATAPI device (CD-ROM), skipped\n", name);
        return 0;
    }
    if (s == ATA_TIMEOUT || (s & (ATA_SR_ERR | ATA_SR_DF)) || !(s & ATA_SR_DRQ) || mid ||
        high)
        return 0;
    ata_read_words(ch->base + ATA_REG_DATA, id, ATA_WORDS);
    return 1;
}

/* The number of sectors an IDENTIFY reports, or 0 (after saying why) for
 * a disk we cannot use: no LBA, or larger than LBA28 reaches. */
static uint32_t ata_disk_sectors(const uint16_t *id, const char *name)
{
    uint32_t lba28 = id[60] | (uint32_t)id[61] << 16;
    int lba48 = (id[83] >> 10) & 1;
    if (!((id[49] >> 9) & 1) || lba28 == 0) {
        printk("ata: %s: no LBA addressing; not used\n", name);
        return 0;
    }
    if (lba28 > ATA_LBA28_MAX ||
        (lba48 && (id[102] || id[103] || (id[100] | (uint32_t)id[101] << 16) > ATA_LBA28_MAX))) {
        printk("ata: %s: larger than LBA28 reaches (128 GiB); not used\n", name);
        return 0;
    }
    return lba28;
}

void ata_init(void)
{
    static const irq_handler_fn handlers[2] = { ata_irq_primary, ata_irq_secondary };
    static uint16_t id[ATA_WORDS];
    ata_dma_init(channels);
    for (int c = 0; c < 2; c++) {
        int found = 0;
        for (int slave = 0; slave < 2; slave++) {
            struct ata_disk *d = &disks[c * 2 + slave];
            d->dev.name[0] = 'h';
            d->dev.name[1] = 'd';
            d->dev.name[2] = (char)('a' + c * 2 + slave);
            if (!ata_identify(&channels[c], slave, d->dev.name, id))
                continue;
            d->dev.sectors = ata_disk_sectors(id, d->dev.name);
            if (d->dev.sectors == 0)
                continue;
            d->dev.ops = &ata_ops;
            d->dev.driver = d;
            d->ch = &channels[c];
            d->slave = slave;
            d->block = ata_set_multiple(d, id);
            d->stats.dma = ata_dma_usable(d, id);
            if (block_register(&d->dev) < 0)
                continue;
            found = 1;
            pr_info("ata: %s: %u sectors (%u MiB), %s\n", d->dev.name, d->dev.sectors,
                    d->dev.sectors >> 11, d->stats.dma ? "DMA" : "PIO");
        }
        if (found)
            irq_register(channels[c].irq, handlers[c]);
    }
}
