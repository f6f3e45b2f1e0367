build-t/mm/frame.o: mm/frame.c mm/frame.h kernel/bootinfo.h mm/layout.h \
 kernel/printk.h kernel/string.h
mm/frame.h:
kernel/bootinfo.h:
mm/layout.h:
kernel/printk.h:
kernel/string.h:
