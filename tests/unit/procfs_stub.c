/* procfs_stub.c: /proc for the host tests of kernel/initrd.c: a directory
 * whose ops compute nothing, so it stays empty. The real ops
 * (kernel/procfs.c) need the process table, which the host does not have. */
#include "kernel/procfs.h"

const struct inode_ops procfs_root_ops;
