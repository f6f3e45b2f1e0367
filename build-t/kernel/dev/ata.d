build-t/kernel/dev/ata.o: kernel/dev/ata.c kernel/dev/ata.h \
 kernel/dev/ata_hw.h kernel/dev/block.h kernel/errno.h kernel/x86/pic.h \
 kernel/printk.h kernel/proc.h kernel/fs/file.h kernel/fs/fs.h \
 kernel/sched.h kernel/x86/x86.h
kernel/dev/ata.h:
kernel/dev/ata_hw.h:
kernel/dev/block.h:
kernel/errno.h:
kernel/x86/pic.h:
kernel/printk.h:
kernel/proc.h:
kernel/fs/file.h:
kernel/fs/fs.h:
kernel/sched.h:
kernel/x86/x86.h:
