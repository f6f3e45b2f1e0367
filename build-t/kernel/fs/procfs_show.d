build-t/kernel/fs/procfs_show.o: kernel/fs/procfs_show.c \
 kernel/fs/procfs.h kernel/fs/fs.h kernel/errno.h kernel/printk.h \
 kernel/proc.h kernel/fs/file.h kernel/fs/seqbuf.h kernel/string.h \
 mm/fault.h mm/filemap.h mm/frame.h kernel/bootinfo.h mm/layout.h \
 mm/shmem.h kernel/fs/tmpfs.h mm/mm.h mm/pte.h mm/pgtable.h mm/swap.h \
 mm/vma.h kernel/ipc_shm.h kernel/format.h
kernel/fs/procfs.h:
kernel/fs/fs.h:
kernel/errno.h:
kernel/printk.h:
kernel/proc.h:
kernel/fs/file.h:
kernel/fs/seqbuf.h:
kernel/string.h:
mm/fault.h:
mm/filemap.h:
mm/frame.h:
kernel/bootinfo.h:
mm/layout.h:
mm/shmem.h:
kernel/fs/tmpfs.h:
mm/mm.h:
mm/pte.h:
mm/pgtable.h:
mm/swap.h:
mm/vma.h:
kernel/ipc_shm.h:
kernel/format.h:
