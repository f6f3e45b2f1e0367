build-t/mm/kmalloc.o: mm/kmalloc.c mm/kmalloc.h kernel/printk.h \
 kernel/string.h mm/frame.h kernel/bootinfo.h mm/layout.h
mm/kmalloc.h:
kernel/printk.h:
kernel/string.h:
mm/frame.h:
kernel/bootinfo.h:
mm/layout.h:
