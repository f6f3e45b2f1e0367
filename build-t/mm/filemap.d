build-t/mm/filemap.o: mm/filemap.c mm/filemap.h kernel/fs/fs.h mm/frame.h \
 kernel/bootinfo.h mm/layout.h kernel/string.h mm/kmalloc.h mm/reclaim.h \
 kernel/printk.h
mm/filemap.h:
kernel/fs/fs.h:
mm/frame.h:
kernel/bootinfo.h:
mm/layout.h:
kernel/string.h:
mm/kmalloc.h:
mm/reclaim.h:
kernel/printk.h:
