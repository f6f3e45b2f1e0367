/* procfs.h: /proc, the kernel's state as files: meminfo, vmstat, trace
 * (read and written), and per process (/proc/<pid>, /proc/self) maps,
 * status and pagemap. Which names exist and how an open file holds its
 * contents is kernel/fs/procfs.c; what each file says is kernel/fs/procfs_show.c. */
#ifndef KERNEL_PROCFS_H
#define KERNEL_PROCFS_H

#include <stdint.h>
#include "kernel/fs/fs.h"

struct proc;
struct seqbuf;

/* The ops of the /proc directory: kernel/fs/initrd.c puts them on the inode
 * it makes for /proc. */
extern const struct inode_ops procfs_root_ops;

/* What the text files say, printed onto s at open (kernel/fs/procfs_show.c).
 * Running out of memory shows as s->overflow. p is a live process (a
 * zombie has no mm: its status has no Vm lines and its maps are empty). */
void procfs_show_meminfo(struct seqbuf *s);
void procfs_show_vmstat(struct seqbuf *s);
void procfs_show_status(struct seqbuf *s, const struct proc *p);
void procfs_show_maps(struct seqbuf *s, const struct proc *p);
/* /proc/trace: the trace classes on, by name in class order, one blank
 * between them ("fault cow"), or "none"; then a newline. */
void procfs_show_trace(struct seqbuf *s);

/* Bytes of p's /proc/<pid>/pagemap from offset off, computed now into dst
 * (n bytes of room): one little-endian 64-bit entry per page of the user
 * half, the page at va at offset va / 4096 * 8. Only whole entries are
 * copied. Returns the bytes copied, 0 at the end of the user half or for a
 * process with no address space, -EINVAL when off is not a multiple of 8
 * or n is less than 8. */
long procfs_read_pagemap(const struct proc *p, uint32_t off, void *dst, uint32_t n);

#endif
