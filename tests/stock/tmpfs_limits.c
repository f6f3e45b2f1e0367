/* tmpfs_limits.c: what only vmos can answer the same way each time, so it
 * is not compared with the host (whose root can be written, whose /tmp has
 * another size, and whose free memory moves on its own): the read-only
 * root gives EROFS for every way of writing it, /tmp gives ENOSPC at its
 * limit (boot with tmpfs_size=2M), and 1,000 rounds of create, write,
 * map, unlink leave MemFree where it was. */
#define _FILE_OFFSET_BITS 64
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/utsname.h>
#include <unistd.h>
#include "check.h"

#define PAGE 4096

/* A number of /proc/meminfo, in kB. */
static long meminfo(const char *key)
{
    char line[128];
    long v = -1;
    FILE *f = fopen("/proc/meminfo", "r");
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, key, strlen(key)) == 0)
            v = atol(line + strlen(key));
    if (f)
        fclose(f);
    return v;
}

static void read_only_root(void)
{
    CHECK("erofs-create", open("/bin/new", O_WRONLY | O_CREAT, 0644) == -1 && errno == EROFS);
    CHECK("erofs-open-write", open("/bin/sh", O_RDWR) == -1 && errno == EROFS);
    CHECK("erofs-truncate", truncate("/bin/sh", 0) == -1 && errno == EROFS);
    CHECK("erofs-mkdir", mkdir("/newdir", 0755) == -1 && errno == EROFS);
    CHECK("erofs-unlink", unlink("/bin/sh") == -1 && errno == EROFS);
    CHECK("erofs-rename", rename("/bin/sh", "/bin/sh2") == -1 && errno == EROFS);
    CHECK("exdev-rename", rename("/bin/sh", "/tmp/sh") == -1 && errno == EXDEV);
    int fd = open("/bin/sh", O_RDONLY);
    CHECK("eacces-shared-write-map",
          mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) == MAP_FAILED &&
          errno == EACCES);
    char *p = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
    CHECK("initrd-map-still-works", p != MAP_FAILED && memcmp(p, "\177ELF", 4) == 0);
    close(fd);
}

static void enospc(void)
{
    static char buf[PAGE];
    struct statfs st;
    int fd = open("/tmp/stock_full", O_RDWR | O_CREAT | O_TRUNC, 0600);
    long total = 0, r;
    while ((r = write(fd, buf, sizeof buf)) > 0)
        total += r;
    CHECK("enospc", r == -1 && errno == ENOSPC);
    CHECK("statfs-full", fstatfs(fd, &st) == 0 && st.f_bfree == 0);
    printf("  %ld KiB written before ENOSPC\n", total / 1024);
    CHECK("unlink-frees", unlink("/tmp/stock_full") == 0 && close(fd) == 0 &&
                              statfs("/tmp", &st) == 0 && st.f_bfree == st.f_blocks);
}

/* MemFree is read at the same point of a round each time, so that the C
 * library's own buffers (meminfo's FILE) are counted alike. */
static void no_leak(void)
{
    long before = 0;
    for (int i = 0; i < 1100; i++) {
        if (i == 100)
            before = meminfo("MemFree:");   /* the kernel heap's slabs have settled */
        int fd = open("/tmp/stock_leak", O_RDWR | O_CREAT | O_TRUNC, 0600);
        char *p = MAP_FAILED;
        if (fd >= 0 && write(fd, "abc", 3) == 3 && ftruncate(fd, 2 * PAGE) == 0)
            p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        if (p == MAP_FAILED) {
            CHECK("leak-round", 0);
            return;
        }
        p[PAGE] = p[0];
        if (i % 250 == 0)
            printf("  round %d MemFree %ld\n", i, meminfo("MemFree:"));
        unlink("/tmp/stock_leak");
        munmap(p, 2 * PAGE);
        close(fd);
    }
    long after = meminfo("MemFree:");
    printf("  MemFree %ld kB before, %ld kB after 1000 rounds\n", before, after);
    CHECK("no-leak-1000-rounds", before > 0 && after == before);
}

int main(void)
{
    /* It tries to write, truncate and unlink /bin/sh: harmless on this
     * kernel's read-only root, a broken machine on a host run as root. */
    struct utsname u;
    if (uname(&u) != 0 || strcmp(u.sysname, "vmos") != 0) {
        printf("tmpfs_limits: runs only on vmos (its root must be read-only)\n");
        return 2;
    }
    read_only_root();
    enospc();
    no_leak();
    return check_done("tmpfs_limits");
}
