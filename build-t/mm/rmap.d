build-t/mm/rmap.o: mm/rmap.c mm/rmap.h mm/pte.h kernel/errno.h \
 kernel/printk.h mm/frame.h kernel/bootinfo.h mm/layout.h mm/kmalloc.h
mm/rmap.h:
mm/pte.h:
kernel/errno.h:
kernel/printk.h:
mm/frame.h:
kernel/bootinfo.h:
mm/layout.h:
mm/kmalloc.h:
