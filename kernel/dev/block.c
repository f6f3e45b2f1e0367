/* block.c: the table of disks and the two calls everyone uses on them:
 * range checks and counters here, the transfer itself in the driver
 * (kernel/dev/ata.c). */
#include "kernel/dev/block.h"
#include "kernel/errno.h"

static struct block_device *devices[BLOCK_MAX_DEVICES];
static int ndevices;

int block_register(struct block_device *d)
{
    if (ndevices == BLOCK_MAX_DEVICES)
        return -ENOSPC;
    devices[ndevices++] = d;
    return 0;
}

int block_count(void)
{
    return ndevices;
}

struct block_device *block_get(int i)
{
    return i >= 0 && i < ndevices ? devices[i] : 0;
}

/* Whether [sector, sector + count) lies inside d (without overflow). */
static int block_range_ok(const struct block_device *d, uint32_t sector, uint32_t count)
{
    return sector <= d->sectors && count <= d->sectors - sector;
}

int block_read(struct block_device *d, uint32_t sector, void *buf, uint32_t count)
{
    if (!block_range_ok(d, sector, count))
        return -EINVAL;
    if (count == 0)
        return 0;
    int err = d->ops->read(d, sector, buf, count);
    if (!err) {
        d->reads++;
        d->sectors_read += count;
    }
    return err;
}

int block_write(struct block_device *d, uint32_t sector, const void *buf, uint32_t count)
{
    if (!block_range_ok(d, sector, count))
        return -EINVAL;
    if (count == 0)
        return 0;
    int err = d->ops->write(d, sector, buf, count);
    if (!err) {
        d->writes++;
        d->sectors_written += count;
    }
    return err;
}

int block_write_pages(struct block_device *d, uint32_t sector, void *const *pages,
                      uint32_t npages)
{
    if (npages > d->sectors / BLOCK_SECTORS_PER_PAGE ||
        !block_range_ok(d, sector, npages * BLOCK_SECTORS_PER_PAGE))
        return -EINVAL;
    if (npages == 0)
        return 0;
    int err = 0;
    if (d->ops->write_pages)
        err = d->ops->write_pages(d, sector, pages, npages);
    for (uint32_t i = 0; !d->ops->write_pages && !err && i < npages; i++)
        err = d->ops->write(d, sector + i * BLOCK_SECTORS_PER_PAGE, pages[i],
                            BLOCK_SECTORS_PER_PAGE);
    if (!err) {
        d->writes++;
        d->sectors_written += npages * BLOCK_SECTORS_PER_PAGE;
    }
    return err;
}

int block_read_pages(struct block_device *d, uint32_t sector, void *const *pages,
                     uint32_t npages)
{
    if (npages > d->sectors / BLOCK_SECTORS_PER_PAGE ||
        !block_range_ok(d, sector, npages * BLOCK_SECTORS_PER_PAGE))
        return -EINVAL;
    if (npages == 0)
        return 0;
    int err = 0;
    if (d->ops->read_pages)
        err = d->ops->read_pages(d, sector, pages, npages);
    for (uint32_t i = 0; !d->ops->read_pages && !err && i < npages; i++)
        err = d->ops->read(d, sector + i * BLOCK_SECTORS_PER_PAGE, pages[i],
                           BLOCK_SECTORS_PER_PAGE);
    if (!err) {
        d->reads++;
        d->sectors_read += npages * BLOCK_SECTORS_PER_PAGE;
    }
    return err;
}
