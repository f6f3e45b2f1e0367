build-t/kernel/fs/initrd.o: kernel/fs/initrd.c kernel/fs/fs.h \
 kernel/errno.h kernel/printk.h kernel/fs/procfs.h kernel/string.h \
 mm/filemap.h mm/frame.h kernel/bootinfo.h mm/layout.h mm/kmalloc.h
kernel/fs/fs.h:
kernel/errno.h:
kernel/printk.h:
kernel/fs/procfs.h:
kernel/string.h:
mm/filemap.h:
mm/frame.h:
kernel/bootinfo.h:
mm/layout.h:
mm/kmalloc.h:
