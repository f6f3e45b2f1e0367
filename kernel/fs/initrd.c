/* initrd.c: the root file system. Parses the initrd, a cpio "newc" archive
 * the boot loader left in memory, into a read-only tree of struct inode
 * (kmalloc'd; file data stays in the archive), adds the synthetic /dev and
 * /proc (whose entries kernel/fs/procfs.c computes), and answers path lookups
 * and reads. Open files are kernel/fs/file.c; the page cache over these inodes
 * is mm/filemap.c.
 *
 * A newc entry: a 110-byte header of ASCII text, "070701" and thirteen
 * 8-digit hex fields; the name (its NUL counted in namesize) padded so that
 * header + name is a multiple of 4; the data, padded to 4. "TRAILER!!!" ends
 * the archive. */
#include "kernel/fs/fs.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/fs/procfs.h"
#include "kernel/string.h"
#include "mm/filemap.h"
#include "mm/kmalloc.h"

#define NEWC_HEADER 110
#define NEWC_FIELDS 13
#define ALIGN4(x) (((x) + 3u) & ~3u)

/* The header fields, in archive order. */
enum { F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE, F_DEVMAJOR,
       F_DEVMINOR, F_RDEVMAJOR, F_RDEVMINOR, F_NAMESIZE, F_CHECK };

static struct inode *root;
static uint32_t next_ino;
static struct initrd_stats stats;

struct inode *fs_inode_alloc(const char *name, uint32_t len, uint32_t namemax, uint32_t mode)
{
    struct inode *ip = kzalloc(sizeof *ip + (namemax > len ? namemax : len) + 1);
    if (!ip)
        return 0;
    memcpy(ip->name, name, len);
    ip->name[len] = '\0';
    ip->ino = next_ino++;
    ip->mode = mode;
    ip->nlink = S_ISDIR(mode) ? 2 : 1;
    ip->parent = ip;
    return ip;
}

static struct inode *inode_alloc(const char *name, uint32_t len, uint32_t mode)
{
    return fs_inode_alloc(name, len, 0, mode);
}

struct inode *fs_dir_find(struct inode *dir, const char *name, uint32_t len)
{
    for (struct inode *c = dir->children; c; c = c->next)
        if (strncmp(c->name, name, len) == 0 && c->name[len] == '\0')
            return c;
    return 0;
}

static struct inode *dir_find(struct inode *dir, const char *name, uint32_t len)
{
    return fs_dir_find(dir, name, len);
}

/* Appends ip to dir's entries (keeping archive order for getdents), at the
 * next listing position. */
void fs_dir_add(struct inode *dir, struct inode *ip)
{
    struct inode **link = &dir->children;
    while (*link)
        link = &(*link)->next;
    *link = ip;
    ip->parent = dir;
    ip->dpos = dir->next_dpos++;
    dir->nchildren++;
    if (S_ISDIR(ip->mode))
        dir->nlink++;
}

static void dir_add(struct inode *dir, struct inode *ip)
{
    fs_dir_add(dir, ip);
}

void fs_dir_remove(struct inode *ip)
{
    struct inode *dir = ip->parent;
    for (struct inode **link = &dir->children; *link; link = &(*link)->next) {
        if (*link == ip) {
            *link = ip->next;
            ip->next = 0;
            dir->nchildren--;
            if (S_ISDIR(ip->mode))
                dir->nlink--;
            return;
        }
    }
}

/* Writes the absolute path of ip into buf (FS_PATH_MAX bytes), by walking
 * up its parents: "/bin/sh". A path too long is cut at the front. */
void fs_inode_path(const struct inode *ip, char *buf)
{
    uint32_t at = FS_PATH_MAX - 1;
    buf[at] = '\0';
    for (; ip->parent != ip && at > 0; ip = ip->parent) {
        uint32_t n = (uint32_t)strlen(ip->name);
        if (n + 1 > at)
            break;
        at -= n;
        memcpy(buf + at, ip->name, n);
        buf[--at] = '/';
    }
    if (buf[at] == '\0')
        buf[--at] = '/';                /* the root itself */
    memmove(buf, buf + at, FS_PATH_MAX - at);
}

void inode_get(struct inode *ip)
{
    ip->refs++;
}

void inode_put(struct inode *ip)
{
    if (--ip->refs == 0 && ip->nlink == 0 && ip->ops && ip->ops->destroy)
        ip->ops->destroy(ip);
}

/* Makes a new entry name[0..len) with mode in dir. NULL if out of memory. */
static struct inode *dir_make(struct inode *dir, const char *name, uint32_t len,
                              uint32_t mode)
{
    struct inode *ip = inode_alloc(name, len, mode);
    if (ip)
        dir_add(dir, ip);
    return ip;
}

static void free_tree(struct inode *ip)
{
    struct inode *c = ip->children;
    while (c) {
        struct inode *next = c->next;
        free_tree(c);
        c = next;
    }
    if (ip->cache)
        filemap_release(ip);
    kfree(ip);
}

void fs_free(void)
{
    if (root)
        free_tree(root);
    root = 0;
}

/* The synthetic part: the root, /dev with the console, and /proc. Returns 0
 * or -ENOMEM. */
static int make_skeleton(void)
{
    next_ino = 1;
    root = inode_alloc("", 0, S_IFDIR | 0755);
    if (!root)
        return -ENOMEM;
    struct inode *dev = dir_make(root, "dev", 3, S_IFDIR | 0755);
    struct inode *console = dev ? dir_make(dev, "console", 7, S_IFCHR | 0620) : 0;
    struct inode *proc = dir_make(root, "proc", 4, S_IFDIR | 0555);
    if (!console || !proc)
        return -ENOMEM;
    console->rdev = DEV_CONSOLE;
    proc->ops = &procfs_root_ops;       /* its entries are computed, not archived */
    return 0;
}

/* Reads the 8 hex digits at p into *out. Returns 0, or -1 for a non-digit. */
static int parse_hex8(const char *p, uint32_t *out)
{
    uint32_t v = 0;
    for (int i = 0; i < 8; i++) {
        char c = p[i];
        uint32_t d;
        if (c >= '0' && c <= '9')
            d = (uint32_t)(c - '0');
        else if (c >= 'a' && c <= 'f')
            d = (uint32_t)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            d = (uint32_t)(c - 'A' + 10);
        else
            return -1;
        v = v << 4 | d;
    }
    *out = v;
    return 0;
}

/* Sets what an archive entry says about an inode: permissions and time. */
static void set_attrs(struct inode *ip, const uint32_t *f)
{
    ip->mode = (ip->mode & S_IFMT) | (f[F_MODE] & 07777);
    ip->mtime = f[F_MTIME];
}

/* Adds one archive entry: its path (e.g. "bin/sh", "./etc", "."), header
 * fields f and data. Missing parent directories are made (0755); an entry
 * naming an existing directory only sets its permissions and time. Returns
 * 0; -EINVAL after reporting why the entry was skipped (parents it made
 * stay); -ENOMEM when memory ran out. */
static int add_entry(const char *path, const uint32_t *f, const uint8_t *data)
{
    uint32_t mode = f[F_MODE];
    if (!S_ISREG(mode) && !S_ISDIR(mode)) {
        printk("initrd: %s: file type %x not supported, skipped\n", path, mode & S_IFMT);
        return -EINVAL;
    }
    struct inode *dir = root;
    const char *p = path;
    for (;;) {
        while (*p == '/')
            p++;
        if (*p == '\0')
            break;              /* the entry names dir itself */
        const char *end = p;
        while (*end && *end != '/')
            end++;
        uint32_t len = (uint32_t)(end - p);
        const char *rest = end;
        while (*rest == '/')
            rest++;
        int last = *rest == '\0';
        if (len == 1 && p[0] == '.') {
            p = end;
            continue;
        }
        if ((len == 2 && p[0] == '.' && p[1] == '.') || len > FS_NAME_MAX) {
            printk("initrd: %s: bad path, skipped\n", path);
            return -EINVAL;
        }
        struct inode *ip = dir_find(dir, p, len);
        if (!ip && last) {
            ip = dir_make(dir, p, len, mode & S_IFMT);
            if (!ip)
                return -ENOMEM;
            set_attrs(ip, f);
            if (S_ISREG(mode)) {
                ip->size = f[F_FILESIZE];
                ip->data = data;
                stats.files++;
                stats.bytes += ip->size;
            } else {
                stats.dirs++;
            }
            return 0;
        }
        if (!ip) {
            ip = dir_make(dir, p, len, S_IFDIR | 0755);
            if (!ip)
                return -ENOMEM;
            stats.dirs++;
        } else if (!S_ISDIR(ip->mode)) {
            printk("initrd: %s: %s, skipped\n", path,
                   last ? "already exists" : "a parent is not a directory");
            return -EINVAL;
        }
        dir = ip;
        p = end;
    }
    if (!S_ISDIR(mode)) {
        printk("initrd: %s: already exists as a directory, skipped\n", path);
        return -EINVAL;
    }
    set_attrs(dir, f);
    return 0;
}

/* Parses the entry at *off of the archive a[0..len): checks the header,
 * adds the entry, and moves *off to the next one. Returns 0 to go on, 1 at
 * the trailer, -1 when the archive is damaged (reported) or memory ran out. */
static int parse_entry(const char *a, uint32_t len, uint32_t *off)
{
    uint32_t at = *off, f[NEWC_FIELDS];
    if (at >= len) {
        printk("initrd: ends at offset %u without TRAILER!!!\n", len);
        return -1;
    }
    if (len - at < NEWC_HEADER) {
        printk("initrd: truncated header at offset %u\n", at);
        return -1;
    }
    if (memcmp(a + at, "070701", 6) != 0 && memcmp(a + at, "070702", 6) != 0) {
        printk("initrd: bad magic at offset %u\n", at);
        return -1;
    }
    for (int i = 0; i < NEWC_FIELDS; i++) {
        if (parse_hex8(a + at + 6 + 8 * i, &f[i]) < 0) {
            printk("initrd: bad header field at offset %u\n", at);
            return -1;
        }
    }
    uint32_t name_at = at + NEWC_HEADER, namesize = f[F_NAMESIZE];
    const char *name = a + name_at;
    if (namesize == 0 || namesize > len - name_at || name[namesize - 1] != '\0') {
        printk("initrd: bad name at offset %u\n", at);
        return -1;
    }
    uint32_t data_at = ALIGN4(name_at + namesize);
    if (strcmp(name, "TRAILER!!!") == 0)
        return 1;
    if (data_at > len || f[F_FILESIZE] > len - data_at) {
        printk("initrd: %s: data runs past the end of the archive (offset %u)\n",
               name, at);
        return -1;
    }
    *off = ALIGN4(data_at + f[F_FILESIZE]);
    int r = add_entry(name, f, (const uint8_t *)a + data_at);
    if (r == -ENOMEM) {
        printk("initrd: out of memory at %s\n", name);
        return -1;
    }
    if (r < 0)
        stats.errors++;
    return 0;
}

void initrd_init(const void *start, uint32_t len)
{
    fs_free();
    memset(&stats, 0, sizeof stats);
    if (make_skeleton() < 0) {
        printk("initrd: out of memory\n");
        stats.errors++;
        return;
    }
    if (!start)
        return;
    uint32_t off = 0;
    int r;
    while ((r = parse_entry(start, len, &off)) == 0)
        ;
    if (r < 0)
        stats.errors++;
}

void initrd_get_stats(struct initrd_stats *st)
{
    *st = stats;
}

struct inode *fs_root(void)
{
    return root;
}

/* The entry name[0..len) of a synthetic directory (/proc: a pid, "self"),
 * or NULL: also for a directory of the archive, whose entries dir_find saw. */
static struct inode *synthetic_lookup(struct inode *dir, const char *name, uint32_t len)
{
    if (!dir->ops || !dir->ops->lookup)
        return 0;
    return dir->ops->lookup(dir, name, len);
}

int fs_lookup_err(const char *path, struct inode **out)
{
    uint32_t n = 0;
    while (n < FS_PATH_MAX && path[n])
        n++;
    if (n == FS_PATH_MAX)
        return -ENAMETOOLONG;
    if (!root || path[0] != '/')
        return -ENOENT;
    struct inode *ip = root;
    const char *p = path;
    for (;;) {
        while (*p == '/')
            p++;
        if (*p == '\0')
            break;
        const char *end = p;
        while (*end && *end != '/')
            end++;
        uint32_t len = (uint32_t)(end - p);
        if (len > FS_NAME_MAX)
            return -ENAMETOOLONG;
        struct inode *next;
        if (len == 1 && p[0] == '.')
            next = ip;
        else if (len == 2 && p[0] == '.' && p[1] == '.')
            next = ip->parent;
        else if (!(next = dir_find(ip, p, len)) && !(next = synthetic_lookup(ip, p, len)))
            return -ENOENT;
        /* Anything after this component, even a bare '/', needs a directory. */
        if (*end == '/' && !S_ISDIR(next->mode))
            return -ENOTDIR;
        ip = next;
        p = end;
    }
    *out = ip;
    return 0;
}

struct inode *fs_lookup(const char *path)
{
    struct inode *ip;
    return fs_lookup_err(path, &ip) == 0 ? ip : 0;
}

long inode_read(struct inode *ip, uint32_t off, void *dst, uint32_t n)
{
    if (S_ISDIR(ip->mode))
        return -EISDIR;
    if (!S_ISREG(ip->mode))
        return -EINVAL;
    if (off >= ip->size)
        return 0;
    if (n > ip->size - off)
        n = ip->size - off;
    memcpy(dst, ip->data + off, n);
    return (long)n;
}

struct inode *fs_dir_entry(struct inode *dir, uint32_t i)
{
    struct inode *c = dir->children;
    while (c && c->dpos < i)
        c = c->next;
    return c;
}
