/* filemap.c: the page cache of read-only files: per inode, an array with a
 * slot for each page of the file, filled on first use from inode_read
 * (kernel/fs/initrd.c). The cache holds one reference on each frame it fills;
 * it lets go in filemap_drop (page replacement, once no PTE maps the
 * page) and filemap_release. Getting a frame may sleep (reclaim), so a
 * slot is checked again after it. */
#include "mm/filemap.h"
#include "kernel/string.h"
#include "mm/kmalloc.h"
#include "mm/reclaim.h"
#include "kernel/printk.h"

struct filemap {
    uint32_t npages;            /* slots: ceil(size / PAGE_SIZE) at creation */
    struct page *pages[];       /* NULL until the page is first asked for */
};

static uint32_t cached_pages;

/* Pages of a file of size bytes, without overflow near 4 GiB. */
static uint32_t file_pages(uint32_t size)
{
    return (size >> PAGE_SHIFT) + ((size & (PAGE_SIZE - 1)) != 0);
}

/* Reads page index of ip into a new frame (count 1), zero past the end of
 * the file. NULL when no frame is left. */
static struct page *fill_page(struct inode *ip, uint32_t index)
{
    struct page *pg = page_alloc_user();
    if (!pg)
        return 0;
    uint8_t *va = page_to_virt(pg);
    long n = inode_read(ip, index << PAGE_SHIFT, va, PAGE_SIZE);
    if (n < 0)
        n = 0;
    memset(va + n, 0, PAGE_SIZE - (uint32_t)n);
    return pg;
}

int filemap_is_cached(const struct inode *ip, uint32_t index)
{
    return ip->cache && index < ip->cache->npages && ip->cache->pages[index];
}

struct page *filemap_get_page(struct inode *ip, uint32_t index)
{
    uint32_t npages = file_pages(ip->size);
    if (!S_ISREG(ip->mode) || index >= npages)
        return 0;
    if (!ip->cache) {
        struct filemap *fm = kzalloc(sizeof *fm + npages * sizeof fm->pages[0]);
        if (!fm)
            return 0;
        fm->npages = npages;
        ip->cache = fm;
    }
    struct page **slot = &ip->cache->pages[index];
    if (!*slot) {
        struct page *pg = fill_page(ip, index);      /* may sleep */
        if (!pg)
            return 0;
        if (*slot) {
            frame_free(pg);             /* filled by another while we slept */
        } else {
            pg->flags |= PG_FILECACHE;
            pg->file = ip;
            pg->index = index;
            *slot = pg;
            cached_pages++;
        }
    }
    page_get(*slot);
    return *slot;
}

void filemap_release(struct inode *ip)
{
    struct filemap *fm = ip->cache;
    if (!fm)
        return;
    for (uint32_t i = 0; i < fm->npages; i++) {
        if (fm->pages[i]) {
            fm->pages[i]->flags &= ~PG_FILECACHE;
            page_put(fm->pages[i]);
            cached_pages--;
        }
    }
    kfree(fm);
    ip->cache = 0;
}

void filemap_drop(struct page *pg)
{
    struct filemap *fm = pg->file->cache;
    if (!(pg->flags & PG_FILECACHE) || fm->pages[pg->index] != pg)
        panic("filemap_drop: frame %p is not in a page cache", (void *)page_to_phys(pg));
    fm->pages[pg->index] = 0;
    pg->flags &= ~PG_FILECACHE;
    pg->file = 0;
    cached_pages--;
    page_put(pg);
}

void filemap_stats(uint32_t *pages)
{
    *pages = cached_pages;
}
