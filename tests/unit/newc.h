/* newc.h: building cpio "newc" archives in memory for the host tests of
 * the initrd and the page cache: header, name and data, each padded to 4
 * bytes, as `cpio -o -H newc` writes them. Header-only: each test has its
 * own archive buffer `ar` of NEWC_MAX bytes. */
#ifndef TESTS_UNIT_NEWC_H
#define TESTS_UNIT_NEWC_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "kernel/fs/fs.h"

#define NEWC_MAX (16384 + 1024)

static uint8_t ar[NEWC_MAX];
static uint32_t ar_len;

static inline void ar_reset(void)
{
    memset(ar, 0xEE, sizeof ar);    /* padding must not be taken for data */
    ar_len = 0;
}

static inline void ar_put(const void *p, uint32_t n)
{
    memcpy(ar + ar_len, p, n);
    ar_len += n;
}

static inline void ar_pad4(void)
{
    while (ar_len % 4)
        ar[ar_len++] = 0;
}

/* Appends one newc entry: header, name (padded), data (padded). */
static inline void ar_entry(const char *name, uint32_t mode, const void *data, uint32_t size)
{
    char hdr[111];
    uint32_t namesize = (uint32_t)strlen(name) + 1;
    snprintf(hdr, sizeof hdr, "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
             ar_len, mode, 0u, 0u, 1u, 1700000000u, size, 0u, 0u, 0u, 0u, namesize, 0u);
    ar_put(hdr, 110);
    ar_put(name, namesize);
    ar_pad4();
    ar_put(data, size);
    ar_pad4();
}

static inline void ar_file(const char *name, const char *text)
{
    ar_entry(name, S_IFREG | 0644, text, (uint32_t)strlen(text));
}

static inline void ar_dir(const char *name, uint32_t perm)
{
    ar_entry(name, S_IFDIR | perm, "", 0);
}

static inline void ar_trailer(void)
{
    ar_entry("TRAILER!!!", 0, "", 0);
}

#endif
