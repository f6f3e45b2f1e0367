/* ata.h: the ATA (IDE) disk driver. Its disks are reached through
 * kernel/dev/block.h; this header only starts it and shows, for its self-test,
 * how each disk's transfers went (DMA or PIO). */
#ifndef KERNEL_ATA_H
#define KERNEL_ATA_H

#include <stdint.h>

struct block_device;

/* Looks for ATA disks at the four IDE positions (hda..hdd), registers each
 * one with the block layer and prints one line per disk, with the method
 * its transfers use: DMA through the PCI IDE controller's bus master, or
 * PIO when there is none. ATAPI devices (CD-ROMs) and empty positions are
 * skipped; every wait is bounded, so a missing or dead device never hangs
 * the boot. Call once, after proc_init and pic_init. */
void ata_init(void);

/* What an ATA disk has done since boot. */
struct ata_stats {
    int dma;                    /* its transfers go by DMA (else PIO only) */
    uint32_t dma_commands;      /* commands completed by DMA */
    uint32_t prd_entries;       /* PRD entries those commands used */
    uint32_t pio_commands;      /* commands completed by PIO (retries too) */
    uint32_t dma_errors;        /* DMA commands that failed, then retried by PIO */
};

/* Copies dev's counters into *s. Returns 0, or -EINVAL when dev is not an
 * ATA disk. */
int ata_get_stats(const struct block_device *dev, struct ata_stats *s);

#endif
