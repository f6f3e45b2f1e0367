build-t/kernel/monitor.o: kernel/monitor.c kernel/monitor.h \
 kernel/bootinfo.h kernel/dev/console.h kernel/ksyms.h kernel/power.h \
 kernel/printk.h kernel/string.h mm/frame.h mm/layout.h mm/kmalloc.h
kernel/monitor.h:
kernel/bootinfo.h:
kernel/dev/console.h:
kernel/ksyms.h:
kernel/power.h:
kernel/printk.h:
kernel/string.h:
mm/frame.h:
mm/layout.h:
mm/kmalloc.h:
