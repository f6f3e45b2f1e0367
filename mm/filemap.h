/* filemap.h: the page cache of read-only files. Every process that maps a
 * page of a file (the text of a program) maps the one frame the cache holds
 * for it, so N copies of a program share its text frames. */
#ifndef MM_FILEMAP_H
#define MM_FILEMAP_H

#include <stdint.h>
#include "kernel/fs/fs.h"
#include "mm/frame.h"

/* Returns the frame holding bytes [index*4096, index*4096 + 4096) of the
 * regular file ip, the bytes past the end of the file zero. The first call
 * for a page reads it from the file; later ones return the same frame. The
 * caller gets one reference of its own (page_put it, or let a mapping take
 * it over); the cache keeps another. Returns NULL when out of memory, for a
 * file that is not regular, and for an index at or past the file's last
 * page (index >= ceil(size / 4096): an empty file has no pages). A caller
 * that must tell those apart checks index * 4096 < ip->size first. */
struct page *filemap_get_page(struct inode *ip, uint32_t index);

/* Does the cache hold page index of ip now? (mincore; loads nothing.) */
int filemap_is_cached(const struct inode *ip, uint32_t index);

/* Drops the cache's reference on every page of ip and frees its cache.
 * Frames still mapped elsewhere stay until their last page_put. */
void filemap_release(struct inode *ip);

/* *pages: frames the page cache holds right now (over every file). */
/* Takes pg (PG_FILECACHE) out of its file's cache and drops the cache's
 * reference: page replacement, once nothing maps it. */
void filemap_drop(struct page *pg);

void filemap_stats(uint32_t *pages);

#endif
