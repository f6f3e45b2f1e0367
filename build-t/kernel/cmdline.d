build-t/kernel/cmdline.o: kernel/cmdline.c kernel/cmdline.h \
 kernel/printk.h kernel/string.h
kernel/cmdline.h:
kernel/printk.h:
kernel/string.h:
