/* block.h: the block interface: disks as arrays of 512-byte sectors. It is
 * the only way mm/ (swap) reaches a disk; drivers (kernel/dev/ata.c) register
 * their disks here and never show their own headers to mm/. */
#ifndef KERNEL_BLOCK_H
#define KERNEL_BLOCK_H

#include <stdint.h>

#define BLOCK_SECTOR_SIZE 512
#define BLOCK_MAX_DEVICES 4
#define BLOCK_NAME_LEN 8
#define BLOCK_PAGE_SIZE 4096            /* a buffer of block_write_pages */
#define BLOCK_SECTORS_PER_PAGE (BLOCK_PAGE_SIZE / BLOCK_SECTOR_SIZE)

struct block_device;

/* What a driver provides. Called with a range already checked against the
 * disk's size and count > 0; return 0 or -EIO (see block_read).
 * write_pages and read_pages may be NULL: block_write_pages and
 * block_read_pages then go page by page. */
struct block_ops {
    int (*read)(struct block_device *d, uint32_t sector, void *buf, uint32_t count);
    int (*write)(struct block_device *d, uint32_t sector, const void *buf, uint32_t count);
    int (*write_pages)(struct block_device *d, uint32_t sector, void *const *pages,
                       uint32_t npages);
    int (*read_pages)(struct block_device *d, uint32_t sector, void *const *pages,
                      uint32_t npages);
};

struct block_device {
    char name[BLOCK_NAME_LEN];          /* "hda".."hdd" */
    uint32_t sectors;                   /* size in 512-byte sectors */
    const struct block_ops *ops;
    void *driver;                       /* the driver's own state */
    /* Counters of successful requests, for /proc. */
    uint32_t reads, writes;             /* requests */
    uint32_t sectors_read, sectors_written;
};

/* Adds d (filled in by its driver, counters zero) to the table. Returns 0,
 * or -ENOSPC when BLOCK_MAX_DEVICES are already registered. */
int block_register(struct block_device *d);

/* The number of registered disks, and disk i of them (NULL if out of
 * range), in the order the drivers found them (hda before hdb...). */
int block_count(void);
struct block_device *block_get(int i);

/* Reads count sectors from sector on into buf (count * 512 bytes), or
 * writes them from buf; a write is on the medium when it returns 0.
 * Returns 0; -EINVAL if the range runs past the end of the disk; -EIO if
 * the device failed (the driver has printed which disk and sector; buf
 * may then hold part of the data); -EBUSY if called from the idle
 * context while a sleeping process's request holds the device.
 * May sleep when called by a process (pid != 0): the caller must expect
 * other processes to run meanwhile. In the idle context or at boot it
 * polls and never sleeps. Any interrupt state on entry, the same on
 * return. count 0 does nothing and returns 0. */
int block_read(struct block_device *d, uint32_t sector, void *buf, uint32_t count);
int block_write(struct block_device *d, uint32_t sector, const void *buf, uint32_t count);

/* A vectored write: npages buffers of BLOCK_PAGE_SIZE bytes each (kernel
 * memory, not necessarily adjacent), written in order to the consecutive
 * sectors from sector on, as one request when the driver can (the ATA
 * driver: one command, one PRD entry per page). Returns and sleeps as
 * block_write; on -EIO any part of the range may have been written. */
int block_write_pages(struct block_device *d, uint32_t sector, void *const *pages,
                      uint32_t npages);
/* The same, reading: the consecutive sectors from sector on into the
 * npages buffers, as one request when the driver can. Returns and sleeps
 * as block_read; on -EIO any of the buffers may hold part of the data. */
int block_read_pages(struct block_device *d, uint32_t sector, void *const *pages,
                     uint32_t npages);

#endif
