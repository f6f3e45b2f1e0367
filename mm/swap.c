/* swap.c: the swap area. At boot, the first block device whose first page
 * is a Linux swap header (as mkswap writes it) becomes the swap area: its
 * page N is slot N, slot 0 being the header itself. Pages move between
 * frames and slots with block_read/block_write/block_write_pages
 * (kernel/dev/block.h; a run of slots in one request), 8 sectors
 * a page. Which slots are in use is kept in mm/swap_map.c. */
#include "mm/swap.h"
#include "kernel/dev/block.h"
#include "kernel/cmdline.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/proc.h"
#include "kernel/string.h"
#include "mm/frame.h"
#include "mm/kmalloc.h"
#include "mm/swap_map.h"

#define SECTORS_PER_PAGE (PAGE_SIZE / BLOCK_SECTOR_SIZE)
#define SWAP_MAGIC "SWAPSPACE2"
#define SWAP_MAGIC_OFFSET (PAGE_SIZE - 10)
#define SWAP_MAX_SLOTS (1u << 20)       /* 4 GiB of swap */

/* The header fields mkswap writes after the first 1024 bytes. */
struct swap_header_info {
    uint32_t version;
    uint32_t last_page;
    uint32_t nr_badpages;
    uint8_t uuid[16];
    uint8_t volume[16];
    uint32_t padding[117];
    uint32_t badpages[];
};

static struct block_device *swap_dev;
static uint32_t pswpin, pswpout;

/* Reads d's first page into hdr and returns the number of slots it
 * offers (0: not a swap area; the header fields stay in hdr). */
static uint32_t probe(struct block_device *d, uint8_t *hdr)
{
    if (d->sectors < 2 * SECTORS_PER_PAGE || block_read(d, 0, hdr, SECTORS_PER_PAGE) < 0)
        return 0;
    if (memcmp(hdr + SWAP_MAGIC_OFFSET, SWAP_MAGIC, 10) != 0)
        return 0;
    const struct swap_header_info *info = (const void *)(hdr + 1024);
    if (info->version != 1) {
        printk("swap: %s: swap header version %u not supported\n", d->name, info->version);
        return 0;
    }
    uint32_t pages = d->sectors / SECTORS_PER_PAGE;
    uint32_t n = info->last_page + 1;
    if (n > pages)
        n = pages;
    return n > SWAP_MAX_SLOTS ? SWAP_MAX_SLOTS : n;
}

void swap_init(void)
{
    if (boot_options.swap_off) {
        printk("swap: off (swap=off)\n");
        return;
    }
    uint8_t *hdr = kmalloc(PAGE_SIZE);
    if (!hdr)
        return;
    for (int i = 0; i < block_count() && !swap_dev; i++) {
        struct block_device *d = block_get(i);
        uint32_t nslots = probe(d, hdr);
        if (!nslots)
            continue;
        const struct swap_header_info *info = (const void *)(hdr + 1024);
        uint32_t nbad = info->nr_badpages;
        uint32_t room = (PAGE_SIZE - 10 - 1024 - sizeof *info) / 4;
        if (swap_map_init(nslots, info->badpages, nbad < room ? nbad : room) < 0) {
            printk("swap: %s: no memory for the slot map\n", d->name);
            continue;
        }
        swap_dev = d;
        printk("swap: %s: %u KiB in %u slots\n", d->name, swap_slots_total() * 4,
               swap_slots_total());
    }
    if (!swap_dev)
        printk("swap: no disk with a swap signature; running without swap\n");
    kfree(hdr);
}

int swap_enabled(void)
{
    return swap_dev != 0;
}

int swap_write(uint32_t slot, struct page *pg)
{
    trace(TRACE_SWAP, "pid %d write frame %p to slot %u", current->pid,
          (void *)page_to_phys(pg), slot);
    int err = block_write(swap_dev, slot * SECTORS_PER_PAGE, page_to_virt(pg), SECTORS_PER_PAGE);
    if (!err)
        pswpout++;
    return err;
}

int swap_write_pages(uint32_t slot, struct page *const *pages, uint32_t n)
{
    void *bufs[SWAP_CLUSTER_MAX];
    int err = 0;
    for (uint32_t i = 0; i < n && !err; i += SWAP_CLUSTER_MAX) {
        uint32_t k = n - i < SWAP_CLUSTER_MAX ? n - i : SWAP_CLUSTER_MAX;
        for (uint32_t j = 0; j < k; j++) {
            trace(TRACE_SWAP, "pid %d write frame %p to slot %u", current->pid,
                  (void *)page_to_phys(pages[i + j]), slot + i + j);
            bufs[j] = page_to_virt(pages[i + j]);
        }
        err = block_write_pages(swap_dev, (slot + i) * SECTORS_PER_PAGE, bufs, k);
        if (!err)
            pswpout += k;
    }
    return err;
}

int swap_read(uint32_t slot, struct page *pg)
{
    trace(TRACE_SWAP, "pid %d read slot %u into frame %p", current->pid, slot,
          (void *)page_to_phys(pg));
    int err = block_read(swap_dev, slot * SECTORS_PER_PAGE, page_to_virt(pg), SECTORS_PER_PAGE);
    if (!err)
        pswpin++;
    return err;
}

int swap_read_pages(uint32_t slot, struct page *const *pages, uint32_t n)
{
    void *bufs[SWAP_CLUSTER_MAX];
    if (n > SWAP_CLUSTER_MAX)
        return -EINVAL;
    for (uint32_t j = 0; j < n; j++) {
        trace(TRACE_SWAP, "pid %d read slot %u into frame %p", current->pid, slot + j,
              (void *)page_to_phys(pages[j]));
        bufs[j] = page_to_virt(pages[j]);
    }
    int err = block_read_pages(swap_dev, slot * SECTORS_PER_PAGE, bufs, n);
    if (!err)
        pswpin += n;
    return err;
}

void swap_get_stats(uint32_t *total_pages, uint32_t *free_pages)
{
    *total_pages = swap_slots_total();
    *free_pages = swap_slots_free();
}

uint32_t swap_pswpin(void)
{
    return pswpin;
}

uint32_t swap_pswpout(void)
{
    return pswpout;
}
