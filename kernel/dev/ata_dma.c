/* ata_dma.c: bus-master DMA for the ATA driver, through the PCI IDE
 * controller (a PIIX on QEMU's i440FX machine): finding it, the PRD table
 * that tells its bus master where the buffer is, and READ DMA / WRITE DMA.
 * The disk then moves a whole command's data itself and interrupts once at
 * the end. Detection, PIO and the interrupt handler are in kernel/dev/ata.c. */
#include "kernel/dev/ata_hw.h"
#include "kernel/errno.h"
#include "kernel/dev/pci.h"
#include "kernel/printk.h"
#include "kernel/x86/x86.h"
#include "mm/layout.h"

#define ATA_CMD_READ_DMA 0xC8
#define ATA_CMD_WRITE_DMA 0xCA

#define PCI_CLASS_STORAGE 0x01
#define PCI_SUBCLASS_IDE 0x01
/* Programming interface of an IDE controller: bit 0 (primary) or 2
 * (secondary) set means that channel is in native mode, at ports of its
 * own BARs instead of the legacy ones this driver uses; bit 7: it has a
 * bus master. */
#define IDE_PROGIF_NATIVE(c) (1u << (2 * (c)))
#define IDE_PROGIF_BUS_MASTER 0x80
#define IDE_BAR_BUS_MASTER (PCI_BAR0 + 4 * 4)   /* BAR4 */

/* One physical region descriptor: a piece of the buffer. The bus master
 * reads the table from memory: the pieces in order, until the one marked
 * PRD_EOT. A piece lies within one 64 KiB-aligned block of physical
 * memory, starts at an even address and is an even number of bytes long
 * (bytes 0 meaning 64 KiB). */
struct prd {
    uint32_t addr;              /* physical address of the piece */
    uint32_t bytes;             /* bits 15..0: its length; bit 31: PRD_EOT */
};
#define PRD_EOT 0x80000000u
#define PRD_BLOCK 0x10000u      /* no piece crosses a multiple of 64 KiB */

/* The most pieces a command may need: 256 sectors (128 KiB) in separate
 * pages (block_write_pages) take one entry per page-aligned page; a
 * contiguous buffer in the direct map crosses at most two 64 KiB lines. */
#define PRDT_ENTRIES 32

/* One table per channel (a channel runs one command at a time). The bus
 * master wants it 4-byte aligned and not crossing a 64 KiB line: aligned
 * to its own size (256 bytes), it cannot. It is in the kernel image, so in
 * the direct map, where virt_to_phys gives its address. */
#define PRDT_BYTES (PRDT_ENTRIES * sizeof(struct prd))
static struct prd prd_tables[2][PRDT_ENTRIES] __attribute__((aligned(PRDT_BYTES)));
_Static_assert((PRDT_BYTES & (PRDT_BYTES - 1)) == 0, "a PRD table aligned to its size");

/* The compiler must not move memory accesses across a port access that
 * starts or ends a DMA (outb/inb do not tell it they touch memory). */
static inline void dma_barrier(void)
{
    __asm__ volatile("" ::: "memory");
}

void ata_dma_init(struct ata_channel *channels)
{
    struct pci_function f;
    if (!pci_find_class(PCI_CLASS_STORAGE, PCI_SUBCLASS_IDE, &f)) {
        pr_info("ata: no PCI IDE controller; disks use PIO\n");
        return;
    }
    uint8_t progif = pci_read8(&f, PCI_CLASS_REVISION + 1);
    uint16_t port = 0;
    if (progif & IDE_PROGIF_BUS_MASTER)
        port = pci_assign_io_bar(&f, IDE_BAR_BUS_MASTER);
    if (port == 0) {
        pr_info("ata: IDE controller %02x:%02x.%u has no bus master; disks use PIO\n",
                f.bus, f.dev, f.fn);
        return;
    }
    pci_write16(&f, PCI_COMMAND,
                pci_read16(&f, PCI_COMMAND) | PCI_COMMAND_IO | PCI_COMMAND_MASTER);
    for (int c = 0; c < 2; c++) {
        if (progif & IDE_PROGIF_NATIVE(c))
            continue;           /* not at the ports this driver talks to */
        channels[c].bm = (uint16_t)(port + 8 * c);
        channels[c].prdt = prd_tables[c];
    }
    pr_info("ata: IDE controller %02x:%02x.%u, bus master at port 0x%x\n", f.bus, f.dev,
            f.fn, port);
}

int ata_dma_usable(struct ata_disk *d, const uint16_t *id)
{
    struct ata_channel *ch = d->ch;
    if (!ch->bm || !(id[49] & (1u << 8)))
        return 0;
    /* Bits 5 and 6 are plain storage; writing 0 to bits 1 and 2 keeps them. */
    uint8_t keep = inb(ch->bm + BM_REG_STATUS) & (BM_SR_DMA_CAPABLE * 3);
    outb(ch->bm + BM_REG_STATUS, keep | BM_SR_DMA_CAPABLE << d->slave);
    return 1;
}

/* Appends the bytes at buf to ch's PRD table, which holds n entries.
 * Returns the new number of entries, or 0 when the table cannot: buf
 * outside the direct map, odd, or needing more than PRDT_ENTRIES in all.
 * Every kernel buffer lives in the direct map, where a physical address is
 * the virtual one minus KERNEL_BASE: the buffer is one physically
 * contiguous piece, cut only where it crosses a 64 KiB line. */
static int prdt_add(struct ata_channel *ch, int n, const void *buf, uint32_t bytes)
{
    uintptr_t v = (uintptr_t)buf;
    if (v < KERNEL_BASE || v - KERNEL_BASE >= KERNEL_MAP_MAX ||
        bytes > KERNEL_MAP_MAX - (v - KERNEL_BASE) || (v & 1) || (bytes & 1))
        return 0;
    uint32_t phys = virt_to_phys(buf);
    while (bytes > 0) {
        if (n == PRDT_ENTRIES)
            return 0;
        uint32_t piece = PRD_BLOCK - (phys & (PRD_BLOCK - 1));
        if (piece > bytes)
            piece = bytes;
        ch->prdt[n].addr = phys;
        ch->prdt[n].bytes = piece & 0xFFFF;     /* 64 KiB is written as 0 */
        phys += piece;
        bytes -= piece;
        n++;
    }
    return n;
}

/* Describes count sectors of b from sector first on in ch's PRD table, a
 * piece of b at a time. Returns the number of entries, or 0 when the table
 * cannot (see prdt_add). */
static int prdt_build(struct ata_channel *ch, const struct ata_buf *b, uint32_t first,
                      uint32_t count)
{
    int n = 0;
    for (uint32_t k = first; k < first + count;) {
        uint32_t len = first + count - k;       /* sectors to the end of the piece */
        if (b->piece_bytes) {
            uint32_t left = (b->piece_bytes - k * BLOCK_SECTOR_SIZE % b->piece_bytes) /
                            BLOCK_SECTOR_SIZE;
            if (left < len)
                len = left;
        }
        n = prdt_add(ch, n, ata_buf_sector(b, k), len * BLOCK_SECTOR_SIZE);
        if (n == 0)
            return 0;
        k += len;
    }
    ch->prdt[n - 1].bytes |= PRD_EOT;
    return n;
}

/* Polls until the command is over: the disk not busy, and the bus master
 * done with its table (or failed, or the disk reported an error, which
 * leaves the table unfinished). Returns the disk's status (read from the
 * status register, which acknowledges it) or ATA_TIMEOUT. */
static int dma_poll(struct ata_channel *ch)
{
    for (uint32_t i = 0; i < ATA_POLL_LIMIT; i++) {
        uint8_t status = inb(ch->ctrl);
        if (status & ATA_SR_BSY)
            continue;
        uint8_t bm_status = inb(ch->bm + BM_REG_STATUS);
        if (!(bm_status & BM_SR_ACTIVE) || (bm_status & BM_SR_ERR) ||
            (status & (ATA_SR_ERR | ATA_SR_DF)))
            return inb(ch->base + ATA_REG_STATUS);
    }
    return ATA_TIMEOUT;
}

/* The order follows the bus-master programming model: the table and the
 * direction first, the status bits cleared, then the disk's command, and
 * only then the start bit; at the end the engine is stopped before its
 * status is trusted. */
int ata_dma_transfer(struct ata_disk *d, uint32_t lba, const struct ata_buf *b, uint32_t first,
                     uint32_t count, int write, int use_irq)
{
    struct ata_channel *ch = d->ch;
    int entries = prdt_build(ch, b, first, count);
    if (entries == 0)
        return ATA_DMA_UNREACHABLE;
    uint8_t direction = write ? 0 : BM_CMD_READ;
    dma_barrier();              /* the table and a write's data are in memory */
    outb(ch->bm + BM_REG_COMMAND, direction);
    outl(ch->bm + BM_REG_PRDT, virt_to_phys(ch->prdt));
    outb(ch->bm + BM_REG_STATUS, inb(ch->bm + BM_REG_STATUS) | BM_SR_IRQ | BM_SR_ERR);
    int err = ata_issue(d, write ? ATA_CMD_WRITE_DMA : ATA_CMD_READ_DMA, lba, count, use_irq);
    if (err)
        return err;
    ch->irq_bm_status = 0;
    outb(ch->bm + BM_REG_COMMAND, direction | BM_CMD_START);
    int status = use_irq ? ata_wait(ch, 1) : dma_poll(ch);
    outb(ch->bm + BM_REG_COMMAND, direction);
    uint8_t bm_status = inb(ch->bm + BM_REG_STATUS);
    outb(ch->bm + BM_REG_STATUS, bm_status | BM_SR_IRQ | BM_SR_ERR);
    bm_status |= ch->irq_bm_status;
    dma_barrier();              /* a read's data is read only from here on */
    const char *op = write ? "DMA write" : "DMA read";
    if (status != ATA_TIMEOUT && (bm_status & BM_SR_ERR)) {
        printk("ata: %s: %s: bus master error at sector %u (status 0x%02x)\n", d->dev.name,
               op, lba, bm_status);
        return -EIO;
    }
    err = ata_check(d, status, 0, op, lba);
    if (err)
        return err;
    d->stats.dma_commands++;
    d->stats.prd_entries += entries;
    return 0;
}
