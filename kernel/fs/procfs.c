/* procfs.c: the names under /proc, computed at lookup (meminfo, vmstat,
 * self, trace, a directory per process with maps, status, pagemap, exe), and
 * what an open /proc file holds: a text file is printed once, at open,
 * into a snapshot the open file owns (freed at the last close); pagemap is
 * computed at each read; a write to trace switches trace classes. What the
 * files say is kernel/fs/procfs_show.c. */
#include "kernel/fs/procfs.h"
#include "kernel/errno.h"
#include "kernel/fs/file.h"
#include "kernel/fs/path.h"
#include "kernel/format.h"
#include "kernel/printk.h"
#include "kernel/proc.h"
#include "kernel/fs/seqbuf.h"
#include "kernel/string.h"
#include "mm/kmalloc.h"

#define PROCFS_NAME_MAX 11              /* longest name here: a pid in decimal */
#define PROCFS_INO 0xF0000000u          /* procfs inode numbers start here */
#define INO_MEMINFO (PROCFS_INO + 1)
#define INO_VMSTAT (PROCFS_INO + 2)
#define INO_SELF (PROCFS_INO + 3)
#define INO_TRACE (PROCFS_INO + 4)
/* /proc/<pid> is INO_PID(pid, 0); its k-th file INO_PID(pid, k + 1). */
#define INO_PID(pid, k) (PROCFS_INO + 16 + (uint32_t)(pid) * 8 + (uint32_t)(k))

/* getdents positions in /proc ("." and ".." are 0 and 1). Process pid is at
 * POS_PID0 + pid, so a listing resumed later goes on after the last pid it
 * returned, however the process table changed meanwhile. */
#define POS_FIXED 2                     /* meminfo, vmstat, self, trace */
#define POS_PID0 8

/* What one open of a /proc file holds (f->priv). */
struct procfs_open {
    int pid;                    /* whose file; 0 for meminfo and vmstat */
    struct seqbuf text;         /* a text file's snapshot; empty for pagemap */
};

static const struct inode_ops meminfo_ops, vmstat_ops, status_ops, maps_ops,
    pagemap_ops, pid_dir_ops, trace_ops, exe_ops;

/* The files of /proc/<pid>, in listing order. */
enum { PID_MAPS, PID_STATUS, PID_PAGEMAP, PID_EXE, PID_FILES };
static const struct pid_file {
    const char *name;
    uint32_t mode;
    const struct inode_ops *ops;
} pid_files[PID_FILES] = {
    [PID_MAPS] = { "maps", S_IFREG | 0444, &maps_ops },
    [PID_STATUS] = { "status", S_IFREG | 0444, &status_ops },
    [PID_PAGEMAP] = { "pagemap", S_IFREG | 0400, &pagemap_ops },
    [PID_EXE] = { "exe", S_IFLNK | 0777, &exe_ops },       /* the program file */
};

/* The entries of /proc before the pids, in listing order. */
static const struct {
    const char *name;
    uint32_t ino, mode;
} fixed_entries[] = {
    { "meminfo", INO_MEMINFO, S_IFREG | 0444 },
    { "vmstat", INO_VMSTAT, S_IFREG | 0444 },
    { "self", INO_SELF, S_IFLNK | 0777 },       /* Linux: a symbolic link */
    { "trace", INO_TRACE, S_IFREG | 0644 },     /* the one file written to */
};

/* The inodes of one slot of proc_table. Inodes are never freed (a struct
 * file points at its inode): a process's four pass to the next process in
 * its slot. An open file keeps its own pid, so it never shows another. */
struct pid_slot {
    int pid;                    /* whose they are now; 0 until first used */
    struct inode *dir;          /* /proc/<pid> */
    struct inode *files[PID_FILES];
};

static struct pid_slot slots[NPROC];
static struct inode *meminfo_inode, *vmstat_inode, *trace_inode;

/* A new inode named name in directory parent (not linked into the
 * parent's entries: lookups make it reachable). NULL when out of memory. */
static struct inode *procfs_inode_alloc(struct inode *parent, const char *name,
                                        uint32_t mode, uint32_t ino,
                                        const struct inode_ops *ops)
{
    struct inode *ip = kzalloc(sizeof *ip + PROCFS_NAME_MAX + 1);
    if (!ip)
        return 0;
    strlcpy(ip->name, name, PROCFS_NAME_MAX + 1);
    ip->ino = ino;
    ip->mode = mode;
    ip->nlink = S_ISDIR(mode) ? 2 : 1;
    ip->parent = parent;
    ip->ops = ops;
    return ip;
}

/* The process with pid (a zombie counts), or NULL; never the idle one. */
static struct proc *proc_by_pid(int pid)
{
    for (int i = 1; i < NPROC; i++)
        if (pid > 0 && proc_table[i].state != PROC_UNUSED && proc_table[i].pid == pid)
            return &proc_table[i];
    return 0;
}

/* The pid a name of /proc stands for: decimal digits without a leading
 * zero, as Linux takes them. -1 for anything else. */
static int parse_pid(const char *name, uint32_t len)
{
    if (len == 0 || len > 9 || (name[0] == '0' && len > 1))
        return -1;
    int pid = 0;
    for (uint32_t i = 0; i < len; i++) {
        if (name[i] < '0' || name[i] > '9')
            return -1;
        pid = pid * 10 + (name[i] - '0');
    }
    return pid;
}

static int name_is(const char *name, uint32_t len, const char *want)
{
    return strncmp(name, want, len) == 0 && want[len] == '\0';
}

/* /proc/<pid> for process p: its slot's inodes, made on first use and
 * handed to p's pid (renamed, renumbered) when they showed another.
 * NULL when out of memory. */
static struct inode *pid_dir(struct inode *root, const struct proc *p)
{
    struct pid_slot *slot = &slots[p - proc_table];
    if (!slot->dir) {
        struct inode *dir = procfs_inode_alloc(root, "", S_IFDIR | 0555, 0, &pid_dir_ops);
        int ok = dir != 0;
        for (int k = 0; k < PID_FILES; k++) {
            slot->files[k] = dir ? procfs_inode_alloc(dir, pid_files[k].name,
                                                      pid_files[k].mode, 0,
                                                      pid_files[k].ops) : 0;
            ok = ok && slot->files[k];
        }
        if (!ok) {
            kfree(dir);
            for (int k = 0; k < PID_FILES; k++)
                kfree(slot->files[k]);
            memset(slot, 0, sizeof *slot);
            return 0;
        }
        slot->dir = dir;
    }
    if (slot->pid != p->pid) {
        slot->pid = p->pid;
        ksnprintf(slot->dir->name, PROCFS_NAME_MAX + 1, "%d", p->pid);
        slot->dir->ino = INO_PID(p->pid, 0);
        for (int k = 0; k < PID_FILES; k++)
            slot->files[k]->ino = INO_PID(p->pid, k + 1);
    }
    return slot->dir;
}

/* The slot whose /proc/<pid> is dir, or NULL. */
static struct pid_slot *slot_of(const struct inode *dir)
{
    for (int i = 0; i < NPROC; i++)
        if (slots[i].dir == dir)
            return &slots[i];
    return 0;
}

/* The inode *slot of a file at the top of /proc, made on first use with
 * the mode its entry in fixed_entries gives. */
static struct inode *fixed_inode(struct inode **slot, struct inode *root, const char *name,
                                 uint32_t ino, const struct inode_ops *ops)
{
    uint32_t mode = S_IFREG | 0444;
    for (uint32_t i = 0; i < sizeof fixed_entries / sizeof fixed_entries[0]; i++)
        if (fixed_entries[i].ino == ino)
            mode = fixed_entries[i].mode;
    if (!*slot)
        *slot = procfs_inode_alloc(root, name, mode, ino, ops);
    return *slot;
}

/* Lookup in /proc: meminfo, vmstat, trace, self (the calling process's
 * directory, as Linux's symbolic link leads to), or a live pid. */
static struct inode *root_lookup(struct inode *dir, const char *name, uint32_t len)
{
    if (name_is(name, len, "meminfo"))
        return fixed_inode(&meminfo_inode, dir, "meminfo", INO_MEMINFO, &meminfo_ops);
    if (name_is(name, len, "vmstat"))
        return fixed_inode(&vmstat_inode, dir, "vmstat", INO_VMSTAT, &vmstat_ops);
    if (name_is(name, len, "trace"))
        return fixed_inode(&trace_inode, dir, "trace", INO_TRACE, &trace_ops);
    const struct proc *p = name_is(name, len, "self") ? current
                                                      : proc_by_pid(parse_pid(name, len));
    return p && p->pid > 0 ? pid_dir(dir, p) : 0;
}

/* Listing of /proc: the fixed entries, then the processes by pid. */
static int root_readdir(struct file *f, uint32_t pos, struct dir_entry *e)
{
    (void)f;
    if (pos - POS_FIXED < sizeof fixed_entries / sizeof fixed_entries[0]) {
        e->pos = pos;
        e->name = fixed_entries[pos - POS_FIXED].name;
        e->ino = fixed_entries[pos - POS_FIXED].ino;
        e->mode = fixed_entries[pos - POS_FIXED].mode;
        return 0;
    }
    uint32_t min_pid = pos > POS_PID0 ? pos - POS_PID0 : 0;
    const struct proc *next = 0;
    for (int i = 1; i < NPROC; i++) {
        const struct proc *p = &proc_table[i];
        if (p->state != PROC_UNUSED && p->pid > 0 && (uint32_t)p->pid >= min_pid &&
            (!next || p->pid < next->pid))
            next = p;
    }
    if (!next)
        return -1;
    ksnprintf(e->buf, sizeof e->buf, "%d", next->pid);
    e->pos = POS_PID0 + (uint32_t)next->pid;
    e->name = e->buf;
    e->ino = INO_PID(next->pid, 0);
    e->mode = S_IFDIR | 0555;
    return 0;
}

static struct inode *pid_dir_lookup(struct inode *dir, const char *name, uint32_t len)
{
    struct pid_slot *slot = slot_of(dir);
    for (int k = 0; slot && k < PID_FILES; k++)
        if (name_is(name, len, pid_files[k].name))
            return slot->files[k];
    return 0;
}

static int pid_dir_readdir(struct file *f, uint32_t pos, struct dir_entry *e)
{
    uint32_t k = pos - POS_FIXED;
    if (pos < POS_FIXED || k >= PID_FILES)
        return -1;
    e->pos = pos;
    e->name = pid_files[k].name;
    e->ino = f->ip->ino + 1 + k;
    e->mode = pid_files[k].mode;
    return 0;
}

/* What a text file shows. */
enum text_kind { TEXT_MEMINFO, TEXT_VMSTAT, TEXT_STATUS, TEXT_MAPS, TEXT_TRACE };

/* Opens a text file of kind: gives f its procfs_open (release frees it,
 * whatever this returns) and prints the snapshot. A process's file is
 * its slot's process now. 0, -ENOENT (that process is gone) or -ENOMEM. */
static int text_open(struct file *f, enum text_kind kind)
{
    struct procfs_open *o = kzalloc(sizeof *o);
    if (!(f->priv = o))
        return -ENOMEM;
    const struct proc *p = 0;
    if (kind == TEXT_STATUS || kind == TEXT_MAPS) {
        struct pid_slot *slot = slot_of(f->ip->parent);
        o->pid = slot ? slot->pid : 0;
        if (!(p = proc_by_pid(o->pid)))
            return -ENOENT;
    }
    switch (kind) {
    case TEXT_MEMINFO: procfs_show_meminfo(&o->text); break;
    case TEXT_VMSTAT: procfs_show_vmstat(&o->text); break;
    case TEXT_STATUS: procfs_show_status(&o->text, p); break;
    case TEXT_MAPS: procfs_show_maps(&o->text, p); break;
    case TEXT_TRACE: procfs_show_trace(&o->text); break;
    }
    return o->text.overflow ? -ENOMEM : 0;
}

static int meminfo_open(struct file *f) { return text_open(f, TEXT_MEMINFO); }
static int vmstat_open(struct file *f) { return text_open(f, TEXT_VMSTAT); }
static int status_open(struct file *f) { return text_open(f, TEXT_STATUS); }
static int maps_open(struct file *f) { return text_open(f, TEXT_MAPS); }
static int trace_open(struct file *f) { return text_open(f, TEXT_TRACE); }

/* Reads the snapshot text_open printed. */
static long text_read(struct file *f, uint32_t off, void *dst, uint32_t n)
{
    const struct seqbuf *t = &((struct procfs_open *)f->priv)->text;
    if (off >= t->len)
        return 0;
    if (n > t->len - off)
        n = t->len - off;
    memcpy(dst, t->buf + off, n);
    return (long)n;
}

/* Opens /proc/<pid>/pagemap: remembers the pid only. 0, -ENOENT, -ENOMEM. */
static int pagemap_open(struct file *f)
{
    struct procfs_open *o = kzalloc(sizeof *o);
    if (!(f->priv = o))
        return -ENOMEM;
    struct pid_slot *slot = slot_of(f->ip->parent);
    o->pid = slot ? slot->pid : 0;
    return proc_by_pid(o->pid) ? 0 : -ENOENT;
}

/* Computes the entries asked for now; 0 bytes once the process is gone. */
static long pagemap_read(struct file *f, uint32_t off, void *dst, uint32_t n)
{
    const struct proc *p = proc_by_pid(((struct procfs_open *)f->priv)->pid);
    return p ? procfs_read_pagemap(p, off, dst, n) : 0;
}

/* /proc/trace: a write is one command (kernel/trace.c's trace_mask_parse:
 * "fault,cow", "+swap", "-fault", "none", "all"), applied to trace_mask at
 * once, so the next event of a class switched on is traced. A read shows
 * the classes on when the file was opened. Returns n, or -EINVAL (an
 * unknown class: nothing changes). */
static long trace_write(struct file *f, const void *src, uint32_t n)
{
    (void)f;
    unsigned mask = trace_mask;
    if (n > 0x7FFFFFFFu || trace_mask_parse(src, (int)n, &mask) < 0)
        return -EINVAL;
    trace_mask = mask;
    return (long)n;
}

/* /proc/<pid>/exe: a symbolic link to the file the process runs (its
 * absolute path, recorded by exec). -ENOENT once the process has exited. */
static long exe_readlink(struct inode *ip, char *buf, uint32_t n)
{
    struct pid_slot *slot = slot_of(ip->parent);
    const struct proc *p = proc_by_pid(slot ? slot->pid : 0);
    if (!p || p->state == PROC_ZOMBIE || !p->attrs.exe)
        return -ENOENT;
    uint32_t len = (uint32_t)strlen(p->attrs.exe->s);
    memcpy(buf, p->attrs.exe->s, len < n ? len : n);
    return (long)len;
}

static void procfs_release(struct file *f)
{
    struct procfs_open *o = f->priv;
    if (o)
        seqbuf_free(&o->text);
    kfree(o);
    f->priv = 0;
}

const struct inode_ops procfs_root_ops = { .lookup = root_lookup, .readdir = root_readdir };
static const struct inode_ops pid_dir_ops = { .lookup = pid_dir_lookup,
                                              .readdir = pid_dir_readdir };
static const struct inode_ops meminfo_ops = { .open = meminfo_open, .read = text_read,
                                              .release = procfs_release };
static const struct inode_ops vmstat_ops = { .open = vmstat_open, .read = text_read,
                                             .release = procfs_release };
static const struct inode_ops status_ops = { .open = status_open, .read = text_read,
                                             .release = procfs_release };
static const struct inode_ops maps_ops = { .open = maps_open, .read = text_read,
                                           .release = procfs_release };
static const struct inode_ops pagemap_ops = { .open = pagemap_open, .read = pagemap_read,
                                              .release = procfs_release };
static const struct inode_ops exe_ops = { .readlink = exe_readlink };
static const struct inode_ops trace_ops = { .open = trace_open, .read = text_read,
                                            .write = trace_write,
                                            .release = procfs_release };
