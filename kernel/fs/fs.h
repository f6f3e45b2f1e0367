/* fs.h: the file tree: the read-only root built at boot from the initrd
 * (kernel/fs/initrd.c), the synthetic /dev (kernel/fs/memdev.c) and /proc,
 * and the writable tmpfs trees at /tmp and /dev/shm (kernel/fs/tmpfs.c).
 * Path lookup and reading a file into a kernel buffer live here; open
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
#define S_IFIFO  0010000
#define S_ISDIR(m) (((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m) (((m) & S_IFMT) == S_IFCHR)
#define S_ISREG(m) (((m) & S_IFMT) == S_IFREG)
#define S_ISLNK(m) (((m) & S_IFMT) == S_IFLNK)
#define S_ISFIFO(m) (((m) & S_IFMT) == S_IFIFO)

#define FS_NAME_MAX 255         /* longest name of one component */
#define FS_PATH_MAX 256         /* longest path, its NUL included */

/* Character devices, as Linux numbers them (st_rdev = major << 8 | minor). */
#define DEV_MAKE(major, minor) (((major) << 8) | (minor))
#define DEV_CONSOLE DEV_MAKE(5, 1)
#define DEV_NULL DEV_MAKE(1, 3)
#define DEV_ZERO DEV_MAKE(1, 5)
#define DEV_URANDOM DEV_MAKE(1, 9)

/* Readiness bits a file's poll op reports (Linux's POLL* values). */
#define POLLIN   0x001
#define POLLOUT  0x004
#define POLLERR  0x008
#define POLLHUP  0x010

struct filemap;
struct shm_object;
struct tmpfs_sb;
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
    /* read(2) and write(2) themselves, for files whose bytes are not a
     * snapshot (tmpfs files, pipes, /dev/null, /dev/zero): up to n bytes
     * between user memory at ubuf and f at f->off, moving the offset; may
     * sleep. Return the bytes moved (0: end of file) or -errno. */
    long (*read_user)(struct file *f, char *ubuf, uint32_t n);
    long (*write_user)(struct file *f, const char *ubuf, uint32_t n);
    /* Readiness for poll/select: POLLIN | POLLOUT | POLLHUP | POLLERR as
     * they hold now. NULL: always readable and writable. A sleeper waits
     * on file_poll_chan (kernel/fs/file.h), which every change wakes. */
    uint32_t (*poll)(struct file *f);
    /* The last reference to an inode nothing names any more (nlink 0:
     * unlinked, or a pipe) went: frees it and what it holds. */
    void (*destroy)(struct inode *ip);
    /* A symbolic link: copies its target (no NUL) into the kernel buffer
     * buf of n bytes. Returns the target's length (which may exceed n:
     * only n bytes are copied), or -errno. */
    long (*readlink)(struct inode *ip, char *buf, uint32_t n);
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
    uint32_t dpos;              /* its position in its directory's listing */
    uint32_t next_dpos;         /* directory: the position of the next entry made */
    uint32_t refs;              /* open files and regions that use it */
    struct filemap *cache;      /* mm/filemap.c: page cache, NULL until first used */
    const struct inode_ops *ops;  /* synthetic inode (/proc); NULL: from the archive */
    struct tmpfs_sb *sb;        /* the tmpfs it belongs to; NULL: read-only */
    struct shm_object *shm;     /* tmpfs regular file: its pages (mm/shmem.c) */
    void *priv;                 /* what ops keep per inode (a pipe's ring) */
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

/* The first entry of directory dir at listing position i or after it, or
 * NULL past the last. Positions only grow as entries are made, so a
 * listing resumed after an unlink goes on where it was. */
struct inode *fs_dir_entry(struct inode *dir, uint32_t i);

/* The tree itself, for the writable file systems (kernel/fs/tmpfs.c). */
/* A new inode named name[0..len) with mode, in no directory, with room for
 * a name of namemax bytes (rename), refs 0; NULL when out of memory. */
struct inode *fs_inode_alloc(const char *name, uint32_t len, uint32_t namemax, uint32_t mode);
/* The entry of dir named name[0..len), or NULL. */
struct inode *fs_dir_find(struct inode *dir, const char *name, uint32_t len);
/* Appends ip to dir / takes ip out of its directory (nlink counts kept). */
void fs_dir_add(struct inode *dir, struct inode *ip);
void fs_dir_remove(struct inode *ip);

/* Writes the absolute path of ip into buf (FS_PATH_MAX bytes), by walking
 * up its parents: "/bin/sh". A path too long is cut at the front. */
void fs_inode_path(const struct inode *ip, char *buf);

/* References from open files and regions (mm/vma.c). The last put of an
 * inode with nlink 0 and a destroy op frees it. */
void inode_get(struct inode *ip);
void inode_put(struct inode *ip);

#endif
