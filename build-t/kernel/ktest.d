build-t/kernel/ktest.o: kernel/ktest.c kernel/ktest.h \
 kernel/dev/ata_test.h kernel/power.h kernel/printk.h kernel/string.h \
 mm/selftest.h
kernel/ktest.h:
kernel/dev/ata_test.h:
kernel/power.h:
kernel/printk.h:
kernel/string.h:
mm/selftest.h:
