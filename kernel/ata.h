/* ata.h: the ATA (IDE) disk driver. Its disks are reached through
 * kernel/block.h; this header only starts it. */
#ifndef KERNEL_ATA_H
#define KERNEL_ATA_H

/* Looks for ATA disks at the four IDE positions (hda..hdd), registers each
 * one with the block layer and prints one line per disk. ATAPI devices
 * (CD-ROMs) and empty positions are skipped; every wait is bounded, so a
 * missing or dead device never hangs the boot. Call once, after
 * proc_init and pic_init. */
void ata_init(void);

#endif
