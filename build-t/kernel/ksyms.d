build-t/kernel/ksyms.o: kernel/ksyms.c kernel/ksyms.h kernel/printk.h
kernel/ksyms.h:
kernel/printk.h:
