build-t/kernel/trace.o: kernel/trace.c kernel/printk.h kernel/errno.h \
 kernel/string.h
kernel/printk.h:
kernel/errno.h:
kernel/string.h:
