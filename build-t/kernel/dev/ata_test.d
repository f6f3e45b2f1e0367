build-t/kernel/dev/ata_test.o: kernel/dev/ata_test.c \
 kernel/dev/ata_test.h kernel/dev/ata.h kernel/dev/block.h kernel/errno.h \
 kernel/printk.h kernel/proc.h kernel/fs/file.h kernel/fs/fs.h \
 kernel/sched.h kernel/string.h kernel/x86/timer.h kernel/x86/x86.h \
 mm/kmalloc.h
kernel/dev/ata_test.h:
kernel/dev/ata.h:
kernel/dev/block.h:
kernel/errno.h:
kernel/printk.h:
kernel/proc.h:
kernel/fs/file.h:
kernel/fs/fs.h:
kernel/sched.h:
kernel/string.h:
kernel/x86/timer.h:
kernel/x86/x86.h:
mm/kmalloc.h:
