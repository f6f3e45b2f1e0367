/* procfs_stub.c: /proc for the host tests of kernel/fs/initrd.c: a directory
 * whose ops compute nothing, so it stays empty. The real ops
 * (kernel/fs/procfs.c) need the process table, which the host does not have. */
#include "kernel/fs/procfs.h"

const struct inode_ops procfs_root_ops;
