build-t/kernel/printk.o: kernel/printk.c kernel/printk.h \
 kernel/dev/console.h kernel/format.h kernel/ksyms.h kernel/power.h \
 kernel/x86/x86.h
kernel/printk.h:
kernel/dev/console.h:
kernel/format.h:
kernel/ksyms.h:
kernel/power.h:
kernel/x86/x86.h:
