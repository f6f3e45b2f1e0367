build-t/kernel/fs/procfs.o: kernel/fs/procfs.c kernel/fs/procfs.h \
 kernel/fs/fs.h kernel/errno.h kernel/fs/file.h kernel/format.h \
 kernel/printk.h kernel/proc.h kernel/fs/seqbuf.h kernel/string.h \
 mm/kmalloc.h
kernel/fs/procfs.h:
kernel/fs/fs.h:
kernel/errno.h:
kernel/fs/file.h:
kernel/format.h:
kernel/printk.h:
kernel/proc.h:
kernel/fs/seqbuf.h:
kernel/string.h:
mm/kmalloc.h:
