/* fs.h: the root file system: a read-only tree of inodes built at boot from
 * the initrd (kernel/fs/initrd.c), plus the synthetic /dev (the console) and
 * /proc. Path lookup and reading a file into a kernel buffer live here; open
 * files and descriptors are kernel/fs/file.h, the page cache is mm/filemap.h. */
#ifndef KERNEL_FS_H
#define KERNEL_FS_H

#include <stdint.h>

/* Linux's mode bits (st_mode): the file type and the permissions. */
#define S_IFMT   0170000
#define S_IFDIR  0040000
#define S_IFCHR  0020000
#define S_IFREG  0100000
#define S_IFLNK  0120000
#define S_ISDIR(m) (((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m) (((m) & S_IFMT) == S_IFCHR)
#define S_ISREG(m) (((m) & S_IFMT) == S_IFREG)
#define S_ISLNK(m) (((m) & S_IFMT) == S_IFLNK)

#define FS_NAME_MAX 255         /* longest name of one component */
#define FS_PATH_MAX 256         /* longest path, its NUL included */

/* Character devices, as Linux numbers them (st_rdev = major << 8 | minor). */
#define DEV_MAKE(major, minor) (((major) << 8) | (minor))
#define DEV_CONSOLE DEV_MAKE(5, 1)

struct filemap;
struct file;
struct dir_entry;

/* What a synthetic inode (kernel/fs/procfs.c: /proc) does in place of what the
 * archive holds: its contents and entries are computed when asked for. A
 * NULL member means "nothing to do" (open, release) or "none" (lookup,
 * readdir, write). Inodes from the archive have no ops at all. */
struct inode_ops {
    /* Directory: the entry named name[0..len) that the tree does not hold,
     * or NULL. The inode must stay valid: it is never freed. */
    struct inode *(*lookup)(struct inode *dir, const char *name, uint32_t len);
    /* Directory open in f: fills *e with the entry at position pos (>= 2:
     * 0 and 1 are "." and "..") or, if none, the first after it. Returns 0,
     * or -1 past the last entry. */
    int (*readdir)(struct file *f, uint32_t pos, struct dir_entry *e);
    /* A new open of the inode: sets f->priv up. 0 or -errno (the caller
     * then drops f, calling release). */
    int (*open)(struct file *f);
    /* Copies up to n bytes at off into the kernel buffer dst. Returns the
     * bytes copied, 0 at the end, or -errno. */
    long (*read)(struct file *f, uint32_t off, void *dst, uint32_t n);
    /* The n bytes of one write() from the kernel buffer src, taken whole
     * (kernel/fs/sys_file.c refuses a write longer than its buffer), so the
     * file sees each write as one command (/proc/trace). Returns n, or
     * -errno when nothing was taken. NULL: the file cannot be written. */
    long (*write)(struct file *f, const void *src, uint32_t n);
    /* The last close of f: frees f->priv. */
    void (*release)(struct file *f);
};

/* One directory entry, as getdents64 reports it. */
struct dir_entry {
    uint32_t pos;               /* its position: the next read starts at pos + 1 */
    uint32_t ino;
    uint32_t mode;              /* S_IF* type (d_type comes from it) */
    const char *name;           /* NUL-terminated; may point into buf */
    char buf[16];               /* room for a computed name (a pid) */
};

struct inode {
    uint32_t ino;               /* inode number: 1 for the root, then in order made */
    uint32_t mode;              /* S_IF* type | permission bits */
    uint32_t size;              /* bytes of a regular file; 0 otherwise */
    uint32_t nlink;             /* 1 for a file; 2 + subdirectories for a directory */
    uint32_t rdev;              /* DEV_MAKE(major, minor) of a device, else 0 */
    uint32_t mtime;             /* seconds since 1970, from the archive */
    const uint8_t *data;        /* regular file: its bytes, inside the initrd */
    struct inode *parent;       /* the directory holding it (the root: itself) */
    struct inode *children;     /* directory: first entry, in archive order */
    struct inode *next;         /* next entry of the same directory */
    uint32_t nchildren;         /* directory: number of entries */
    struct filemap *cache;      /* mm/filemap.c: page cache, NULL until first used */
    const struct inode_ops *ops;  /* synthetic inode (/proc); NULL: from the archive */
    char name[];                /* NUL-terminated; "" for the root */
};

struct initrd_stats {
    uint32_t files;             /* regular files made from the archive */
    uint32_t dirs;              /* directories, the implicit ones included */
    uint32_t bytes;             /* file data */
    uint32_t errors;            /* entries skipped or archive damage reported */
};

/* Builds the tree from the cpio "newc" archive at [start, start+len): the
 * root, /dev/console, /proc (its entries are kernel/fs/procfs.c's), then every
 * archive entry. Regular files point into the archive, which must stay
 * mapped and unchanged. Missing parent
 * directories are made implicitly. A malformed archive is reported with
 * printk; entries parsed before the damage stay. Never panics; (NULL, 0)
 * builds just the synthetic part. A tree built before is freed first. */
void initrd_init(const void *start, uint32_t len);

/* What the last initrd_init made. */
void initrd_get_stats(struct initrd_stats *st);

/* Frees the whole tree and the page caches of its files (host tests; the
 * kernel never lets go of its root). No file may be open. */
void fs_free(void);

/* The root directory, or NULL before initrd_init. */
struct inode *fs_root(void);

/* Looks up an absolute path: repeated slashes, "." and ".." are handled
 * ("/.." is "/"); a directory with ops->lookup (/proc) is asked for the
 * names it computes. Sets *out and returns 0, or returns -ENOENT (missing,
 * not absolute, or empty), -ENOTDIR (a component before the last, or the last
 * when the path ends in '/', is not a directory) or -ENAMETOOLONG (the path
 * is FS_PATH_MAX or longer, or a component longer than FS_NAME_MAX). */
int fs_lookup_err(const char *path, struct inode **out);

/* fs_lookup_err without the reason: the inode, or NULL. */
struct inode *fs_lookup(const char *path);

/* Copies up to n bytes of the regular file ip from offset off into the
 * kernel buffer dst. Returns the bytes copied (0 at or after the end of the
 * file), -EISDIR for a directory, -EINVAL for anything else. */
long inode_read(struct inode *ip, uint32_t off, void *dst, uint32_t n);

/* The i-th entry (from 0) of directory dir, or NULL past the last. */
struct inode *fs_dir_entry(struct inode *dir, uint32_t i);

#endif
