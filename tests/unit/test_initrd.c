/* test_initrd.c: the root file system built from a cpio "newc" archive
 * (kernel/fs/initrd.c): the synthetic /dev and /proc, nested and implicit
 * directories, GNU cpio's "./" names, path lookup with "//", "." and "..",
 * every lookup error, damaged archives reported without a crash, and
 * inode_read at and past the end. The archives are built here, header by
 * header; every case ends with a leak check (all kmalloc memory returned). */
#define _GNU_SOURCE             /* memmem */
#include <stdio.h>
#include "kernel/errno.h"
#include "kernel/fs/fs.h"
#include "mm/frame.h"
#include "mm/kmalloc.h"
#include "newc.h"
#include "unit.h"

#define MiB (1u << 20)
#define SIM_BYTES (8 * MiB)

/* The archive most cases use: a tree as `find . | cpio -o -H newc` gives,
 * with one file whose parents are never listed. */
static void ar_standard(void)
{
    ar_reset();
    ar_dir(".", 0755);
    ar_dir("bin", 0755);
    ar_file("bin/sh", "#!shell");
    ar_dir("etc", 0750);
    ar_file("etc/motd", "vmos initrd\n");
    ar_file("usr/share/doc/readme", "implicit parents");
    ar_file("empty", "");
    ar_trailer();
}

/* ---- memory and leak check ---- */

static uint32_t frames_at_start;

static void setup(void)
{
    static struct boot_info bi;
    if (!frames_at_start) {
        unit_sim_memory(SIM_BYTES);
        bi.ram[0].base = MiB;
        bi.ram[0].end = SIM_BYTES;
        bi.nram = 1;
        frame_init(&bi, 0, 0);
        frames_at_start = frame_free_count();
    }
    unit_log_clear();
}

/* Frees the tree; true when every byte and frame came back. */
static int no_leaks(void)
{
    struct kmalloc_stats st;
    fs_free();
    kmalloc_get_stats(&st);
    return st.used_bytes == 0 && st.pages == 0 && frame_free_count() == frames_at_start &&
           fs_root() == NULL;
}

static struct inode *must(const char *path)
{
    return fs_lookup(path);
}

static int lookup_err(const char *path)
{
    struct inode *ip = NULL;
    return fs_lookup_err(path, &ip);
}

/* ---- cases ---- */

static void skeleton_without_archive(void)
{
    setup();
    initrd_init(NULL, 0);
    struct inode *root = fs_root(), *dev = must("/dev"), *con = must("/dev/console");
    struct inode *proc = must("/proc");
    CHECK(root && dev && con && proc);
    CHECK(root->ino == 1 && root->parent == root && S_ISDIR(root->mode));
    CHECK(S_ISDIR(dev->mode) && dev->parent == root);
    CHECK(con->mode == (S_IFCHR | 0620) && con->rdev == DEV_CONSOLE && con->rdev == 0x501);
    CHECK(S_ISDIR(proc->mode) && proc->children == NULL && proc->nchildren == 0);
    CHECK(root->nlink == 4);                /* 2 + dev + proc */
    struct initrd_stats st;
    initrd_get_stats(&st);
    CHECK(st.files == 0 && st.dirs == 0 && st.errors == 0);
    CHECK(no_leaks());
}

static void nested_files_and_data(void)
{
    setup();
    ar_standard();
    initrd_init(ar, ar_len);
    struct inode *sh = must("/bin/sh"), *motd = must("/etc/motd"), *etc = must("/etc");
    CHECK(sh && motd && etc);
    CHECK(sh->mode == (S_IFREG | 0644) && sh->size == 7);
    CHECK(memcmp(sh->data, "#!shell", 7) == 0);
    CHECK(sh->data > ar && sh->data < ar + ar_len);  /* points into the archive */
    CHECK(etc->mode == (S_IFDIR | 0750) && motd->parent == etc);
    CHECK(motd->mtime == 1700000000u);
    struct inode *empty = must("/empty");
    CHECK(empty && empty->size == 0 && S_ISREG(empty->mode));
    struct initrd_stats st;
    initrd_get_stats(&st);
    CHECK(st.files == 4 && st.dirs == 5 && st.errors == 0);     /* bin etc usr share doc */
    CHECK(st.bytes == 7 + 12 + 16);
    CHECK(strstr(unit_log, "initrd") == NULL);  /* nothing to report */
    CHECK(no_leaks());
}

static void implicit_parents(void)
{
    setup();
    ar_reset();
    ar_file("a/b/c", "deep");
    ar_dir("a", 0700);                      /* listed after its child: sets mode */
    ar_dir("a/b", 0711);
    ar_trailer();
    initrd_init(ar, ar_len);
    struct inode *a = must("/a"), *b = must("/a/b"), *c = must("/a/b/c");
    CHECK(a && b && c);
    CHECK(a->mode == (S_IFDIR | 0700) && b->mode == (S_IFDIR | 0711));
    CHECK(fs_root()->nchildren == 3);       /* dev, proc, a: no second "a" */
    CHECK(a->nchildren == 1 && b->nchildren == 1 && a->nlink == 3);
    CHECK(c->parent == b && b->parent == a && a->parent == fs_root());
    struct initrd_stats st;
    initrd_get_stats(&st);
    CHECK(st.files == 1 && st.dirs == 2 && st.errors == 0);
    CHECK(no_leaks());
}

/* GNU cpio run on `find .` stores "./bin/sh"; a leading '/' is also seen. */
static void dot_slash_names(void)
{
    setup();
    ar_reset();
    ar_dir(".", 0700);
    ar_dir("./bin", 0755);
    ar_file("./bin/sh", "x");
    ar_file("/etc//motd", "y");
    ar_trailer();
    initrd_init(ar, ar_len);
    CHECK(fs_root()->mode == (S_IFDIR | 0700));
    CHECK(must("/bin/sh") && must("/bin/sh")->size == 1);
    CHECK(must("/etc/motd") && must("/etc/motd")->data[0] == 'y');
    CHECK(fs_root()->nchildren == 4);       /* dev proc bin etc */
    CHECK(no_leaks());
}

static void lookup_slashes_dots(void)
{
    setup();
    ar_standard();
    initrd_init(ar, ar_len);
    struct inode *root = fs_root(), *sh = must("/bin/sh"), *bin = must("/bin");
    CHECK(must("/") == root && must("//") == root && must("/.") == root);
    CHECK(must("/..") == root && must("/../..") == root && must("/./../.") == root);
    CHECK(must("//bin///sh") == sh && must("/bin/./sh") == sh);
    CHECK(must("/etc/../bin/sh") == sh && must("/usr/share/../../bin/sh") == sh);
    CHECK(must("/bin/") == bin && must("/bin//.") == bin && must("/bin/sh/../") == NULL);
    CHECK(must("/usr/share/doc/readme")->size == 16);
    CHECK(must("/dev/console")->rdev == DEV_CONSOLE);
    CHECK(no_leaks());
}

static void lookup_errors(void)
{
    char longname[300], longpath[300];
    setup();
    ar_standard();
    initrd_init(ar, ar_len);
    CHECK(lookup_err("/nope") == -ENOENT);
    CHECK(lookup_err("/bin/nope") == -ENOENT);
    CHECK(lookup_err("/nope/sh") == -ENOENT);
    CHECK(lookup_err("bin/sh") == -ENOENT);          /* not absolute */
    CHECK(lookup_err("") == -ENOENT);
    CHECK(lookup_err("/etc/motd/x") == -ENOTDIR);    /* a file as a directory */
    CHECK(lookup_err("/etc/motd/") == -ENOTDIR);
    CHECK(lookup_err("/etc/motd/..") == -ENOTDIR);
    CHECK(lookup_err("/dev/console/x") == -ENOTDIR);
    longname[0] = '/';
    memset(longname + 1, 'n', 256);                 /* one 256-character name */
    longname[257] = '\0';
    CHECK(lookup_err(longname) == -ENAMETOOLONG);
    for (int i = 0; i < 299; i++)
        longpath[i] = i % 2 ? '.' : '/';            /* "/./././..." */
    longpath[299] = '\0';
    CHECK(lookup_err(longpath) == -ENAMETOOLONG);
    longpath[255] = '\0';                           /* 255 characters: fine */
    CHECK(lookup_err(longpath) == 0);
    CHECK(fs_lookup("/nope") == NULL);
    struct inode *ip = NULL;
    CHECK(fs_lookup_err("/bin/sh", &ip) == 0 && ip == must("/bin/sh"));
    CHECK(no_leaks());
    CHECK(lookup_err("/") == -ENOENT);              /* no tree at all */
}

static void truncated_archive(void)
{
    setup();
    ar_standard();
    uint32_t full = ar_len;
    /* Cut inside the data of etc/motd (the fifth entry). */
    const uint8_t *motd = memmem(ar, full, "vmos initrd", 11);
    CHECK(motd != NULL);
    initrd_init(ar, (uint32_t)(motd - ar) + 4);
    CHECK(strstr(unit_log, "etc/motd: data runs past the end") != NULL);
    CHECK(must("/bin/sh") && must("/etc") && !must("/etc/motd") && !must("/usr"));
    struct initrd_stats st;
    initrd_get_stats(&st);
    CHECK(st.files == 1 && st.errors == 1);
    /* Cut at every seventh length: never a crash, always a report. */
    for (uint32_t len = 0; len < full; len += 7) {
        unit_log_clear();
        initrd_init(ar, len);
        CHECK(fs_lookup("/dev/console") != NULL);
        /* Reported, unless the cut only lost the trailer's padding. */
        CHECK(len > full - 4 || strstr(unit_log, "initrd: ") != NULL);
    }
    unit_log_clear();
    initrd_init(ar, 50);
    CHECK(strstr(unit_log, "truncated header at offset 0") != NULL);
    CHECK(no_leaks());
}

static void bad_magic_and_header(void)
{
    setup();
    ar_reset();
    ar_file("good", "1");
    uint32_t second = ar_len;
    ar_file("bad", "2");
    ar_trailer();
    ar[second + 5] = '7';                   /* "070707": the old ASCII format */
    initrd_init(ar, ar_len);
    char want[64];
    snprintf(want, sizeof want, "bad magic at offset %u\n", second);
    CHECK(strstr(unit_log, want) != NULL);
    CHECK(must("/good") && !must("/bad"));

    ar[second + 5] = '1';
    ar[second + 6 + 8 * 6 + 3] = 'g';       /* a non-hex digit in filesize */
    unit_log_clear();
    initrd_init(ar, ar_len);
    snprintf(want, sizeof want, "bad header field at offset %u\n", second);
    CHECK(strstr(unit_log, want) != NULL);
    CHECK(must("/good") && !must("/bad"));
    CHECK(no_leaks());
}

static void missing_trailer(void)
{
    setup();
    ar_reset();
    ar_file("only", "data");
    initrd_init(ar, ar_len);
    CHECK(strstr(unit_log, "without TRAILER!!!") != NULL);
    CHECK(must("/only") != NULL);
    CHECK(no_leaks());
}

/* Entries that cannot be added are reported and skipped; the rest stay. */
static void conflicts_skipped(void)
{
    setup();
    ar_reset();
    ar_file("dev/console", "not a device");
    ar_file("f", "file");
    ar_file("f/child", "under a file");
    ar_dir("f", 0755);
    ar_file("../escape", "no");
    ar_entry("link", 0120777, "target", 6);  /* a symbolic link */
    ar_file("after", "still read");
    ar_trailer();
    initrd_init(ar, ar_len);
    CHECK(must("/dev/console")->rdev == DEV_CONSOLE);
    CHECK(strstr(unit_log, "dev/console: already exists") != NULL);
    CHECK(strstr(unit_log, "f/child: a parent is not a directory") != NULL);
    CHECK(strstr(unit_log, "f: already exists") != NULL);
    CHECK(strstr(unit_log, "../escape: bad path") != NULL);
    CHECK(strstr(unit_log, "link: file type a000 not supported") != NULL);
    CHECK(S_ISREG(must("/f")->mode) && !must("/link") && !must("/escape"));
    CHECK(must("/after") != NULL);
    struct initrd_stats st;
    initrd_get_stats(&st);
    CHECK(st.errors == 5 && st.files == 2);
    CHECK(no_leaks());
}

static void read_at_and_after_eof(void)
{
    char buf[64];
    setup();
    ar_standard();
    initrd_init(ar, ar_len);
    struct inode *motd = must("/etc/motd");         /* "vmos initrd\n", 12 bytes */
    memset(buf, 'z', sizeof buf);
    CHECK(inode_read(motd, 0, buf, sizeof buf) == 12);
    CHECK(memcmp(buf, "vmos initrd\n", 12) == 0 && buf[12] == 'z');
    CHECK(inode_read(motd, 5, buf, 3) == 3 && memcmp(buf, "ini", 3) == 0);
    CHECK(inode_read(motd, 10, buf, 64) == 2 && memcmp(buf, "d\n", 2) == 0);
    CHECK(inode_read(motd, 12, buf, 64) == 0);
    CHECK(inode_read(motd, 13, buf, 64) == 0);
    CHECK(inode_read(motd, 0xFFFFFFFFu, buf, 64) == 0);
    CHECK(inode_read(motd, 0, buf, 0) == 0);
    CHECK(inode_read(must("/empty"), 0, buf, 64) == 0);
    CHECK(inode_read(must("/etc"), 0, buf, 64) == -EISDIR);
    CHECK(inode_read(must("/dev/console"), 0, buf, 64) == -EINVAL);
    CHECK(no_leaks());
}

static void directory_entries_in_order(void)
{
    setup();
    ar_standard();
    initrd_init(ar, ar_len);
    struct inode *root = fs_root();
    const char *want[] = { "dev", "proc", "bin", "etc", "usr", "empty" };
    CHECK(root->nchildren == 6);
    for (uint32_t i = 0; i < 6; i++)
        CHECK(fs_dir_entry(root, i) && strcmp(fs_dir_entry(root, i)->name, want[i]) == 0);
    CHECK(fs_dir_entry(root, 6) == NULL && fs_dir_entry(must("/proc"), 0) == NULL);
    CHECK(root->nlink == 2 + 5);            /* dev proc bin etc usr */
    /* Inode numbers are distinct. */
    CHECK(must("/bin")->ino != must("/etc")->ino && must("/bin/sh")->ino > root->ino);
    CHECK(no_leaks());
}

/* A second initrd_init replaces the first tree without leaking it. */
static void init_twice(void)
{
    setup();
    ar_standard();
    initrd_init(ar, ar_len);
    initrd_init(ar, ar_len);
    CHECK(fs_root()->nchildren == 6 && must("/bin/sh"));
    CHECK(no_leaks());
}

static const struct unit_case cases[] = {
    { "skeleton_without_archive", skeleton_without_archive },
    { "nested_files_and_data", nested_files_and_data },
    { "implicit_parents", implicit_parents },
    { "dot_slash_names", dot_slash_names },
    { "lookup_slashes_dots", lookup_slashes_dots },
    { "lookup_errors", lookup_errors },
    { "truncated_archive", truncated_archive },
    { "bad_magic_and_header", bad_magic_and_header },
    { "missing_trailer", missing_trailer },
    { "conflicts_skipped", conflicts_skipped },
    { "read_at_and_after_eof", read_at_and_after_eof },
    { "directory_entries_in_order", directory_entries_in_order },
    { "init_twice", init_twice },
};

UNIT_SUITE(cases)
