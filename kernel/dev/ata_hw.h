/* ata_hw.h: the ATA driver's own view of the hardware, shared by its two
 * halves: kernel/dev/ata.c (detection, PIO, the interrupt) and
 * kernel/dev/ata_dma.c (bus-master DMA through the PCI IDE controller).
 * Nothing outside the driver includes it; the kernel sees disks through
 * kernel/dev/block.h. */
#ifndef KERNEL_ATA_HW_H
#define KERNEL_ATA_HW_H

#include <stdint.h>
#include "kernel/dev/ata.h"
#include "kernel/dev/block.h"

/* Command block registers, as offsets from a channel's base port. */
#define ATA_REG_DATA 0
#define ATA_REG_ERROR 1
#define ATA_REG_COUNT 2
#define ATA_REG_LBA_LOW 3
#define ATA_REG_LBA_MID 4
#define ATA_REG_LBA_HIGH 5
#define ATA_REG_DRIVE 6         /* 0xA0 | slave << 4, | 0x40 for LBA */
#define ATA_REG_STATUS 7        /* reading it acknowledges the interrupt */
#define ATA_REG_COMMAND 7
/* The control block port reads as the alternate status (no acknowledge)
 * and writes as the device control register. */

#define ATA_SR_ERR 0x01
#define ATA_SR_DRQ 0x08         /* the disk wants data or has data */
#define ATA_SR_DF 0x20
#define ATA_SR_BSY 0x80

/* Bus-master registers, as offsets from a channel's bus-master base
 * (BAR4 of the IDE controller, + 8 for the secondary channel). */
#define BM_REG_COMMAND 0
#define BM_REG_STATUS 2
#define BM_REG_PRDT 4           /* 32 bits: physical address of the PRD table */
#define BM_CMD_START 0x01       /* run the table; clearing it stops the engine */
#define BM_CMD_READ 0x08        /* the engine writes memory: a disk read */
#define BM_SR_ACTIVE 0x01       /* the engine is working through the table */
#define BM_SR_ERR 0x02          /* a memory access failed; write 1 to clear */
#define BM_SR_IRQ 0x04          /* the disk interrupted; write 1 to clear */
#define BM_SR_DMA_CAPABLE 0x20  /* << slave: firmware's note that a disk does DMA */

#define ATA_WORDS 256           /* 16-bit words in a sector */
/* Status reads before a polled wait gives up: about 30 s on real hardware
 * (some 1 us a read), the longest the ATA standard lets a disk stay busy;
 * some 2 s under QEMU (TCG). */
#define ATA_POLL_LIMIT 30000000u
#define ATA_TIMEOUT (-1)        /* what a wait returns instead of a status */

struct prd;

struct ata_channel {
    uint16_t base;              /* command block */
    uint16_t ctrl;              /* control block */
    int irq;
    uint16_t bm;                /* bus-master base, 0 when there is none */
    struct prd *prdt;           /* its PRD table (kernel/dev/ata_dma.c) */
    int busy;                   /* a request holds the channel */
    volatile int irq_seen;      /* the disk interrupted since we last looked */
    volatile uint8_t irq_status;        /* the status the handler read */
    volatile uint8_t irq_bm_status;     /* bus-master status bits it saw */
};

struct ata_disk {
    struct block_device dev;
    struct ata_channel *ch;
    int slave;
    uint32_t block;             /* sectors per data block (and interrupt):
                                   above 1 in READ/WRITE MULTIPLE mode */
    struct ata_stats stats;     /* stats.dma: transfers go by DMA */
};

/* A request's memory as the driver walks it: pieces of piece_bytes each
 * (a multiple of 512), in order, not necessarily adjacent (the pages of
 * block_write_pages); piece_bytes 0: one contiguous buffer, pieces[0]. */
struct ata_buf {
    void *const *pieces;
    uint32_t piece_bytes;
};

/* The address of sector k (counted from the start of the request) of b. */
static inline uint16_t *ata_buf_sector(const struct ata_buf *b, uint32_t k)
{
    if (!b->piece_bytes)
        return (uint16_t *)b->pieces[0] + k * ATA_WORDS;
    uint32_t off = k * BLOCK_SECTOR_SIZE;
    return (uint16_t *)((char *)b->pieces[off / b->piece_bytes] + off % b->piece_bytes);
}

/* kernel/dev/ata.c: the steps every command shares (see their contracts). */
void ata_delay(struct ata_channel *ch);
int ata_poll(struct ata_channel *ch);
int ata_wait(struct ata_channel *ch, int use_irq);
int ata_check(struct ata_disk *d, int status, int want_data, const char *op,
              uint32_t sector);
int ata_issue(struct ata_disk *d, uint8_t cmd, uint32_t lba, uint32_t count, int use_irq);

/* kernel/dev/ata_dma.c */

/* Looks for the PCI IDE controller (class 01, subclass 01) and, if it has
 * a bus master (BAR4, an I/O BAR: given ports here when the firmware left
 * it unassigned), turns bus mastering on and gives each of the two
 * channels that sits at the legacy ports (compatibility mode) its
 * bus-master base and PRD table. Says why when there is none: the disks
 * then use PIO. Boot only. */
void ata_dma_init(struct ata_channel *channels);

/* Whether d can use DMA, from its IDENTIFY words id: its channel has a bus
 * master and the disk offers DMA (word 49 bit 8). Also marks the disk DMA
 * capable in the bus-master status, as firmware does. Boot only. */
int ata_dma_usable(struct ata_disk *d, const uint16_t *id);

/* What ata_dma_transfer returns when DMA cannot reach the buffer. */
#define ATA_DMA_UNREACHABLE 1

/* One READ DMA or WRITE DMA command: count (1..256) sectors at lba into
 * sectors first.. of b (write 0) or from them (write 1); interrupt-driven
 * when use_irq (the caller is a process, interrupts off, holding the
 * channel), else polled. Returns 0; ATA_DMA_UNREACHABLE (nothing sent)
 * when the PRD table cannot describe the memory: outside the kernel's
 * direct map, at an odd address, or in more pieces than the table holds;
 * -EIO after printing what failed (the disk or the bus master; the caller
 * may retry by PIO). */
int ata_dma_transfer(struct ata_disk *d, uint32_t lba, const struct ata_buf *b, uint32_t first,
                     uint32_t count, int write, int use_irq);

#endif
