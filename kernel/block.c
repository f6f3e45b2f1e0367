/* block.c: the table of disks and the two calls everyone uses on them:
 * range checks and counters here, the transfer itself in the driver
 * (kernel/ata.c). */
#include "kernel/block.h"
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
