build-t/kernel/power.o: kernel/power.c kernel/power.h kernel/printk.h \
 kernel/x86/x86.h
kernel/power.h:
kernel/printk.h:
kernel/x86/x86.h:
