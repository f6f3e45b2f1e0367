build-t/kernel/main.o: kernel/main.c kernel/dev/ata.h mm/swap.h \
 kernel/bootinfo.h kernel/cmdline.h kernel/fs/memdev.h kernel/fs/tmpfs.h \
 kernel/fs/fs.h mm/shmem.h kernel/dev/console.h kernel/x86/gdt.h \
 kernel/ktest.h kernel/monitor.h kernel/x86/pic.h kernel/power.h \
 kernel/printk.h kernel/proc.h kernel/fs/file.h kernel/sched.h \
 kernel/x86/timer.h kernel/x86/trap.h kernel/x86/x86.h mm/frame.h \
 mm/layout.h mm/kmap.h mm/pte.h
kernel/dev/ata.h:
mm/swap.h:
kernel/bootinfo.h:
kernel/cmdline.h:
kernel/fs/memdev.h:
kernel/fs/tmpfs.h:
kernel/fs/fs.h:
mm/shmem.h:
kernel/dev/console.h:
kernel/x86/gdt.h:
kernel/ktest.h:
kernel/monitor.h:
kernel/x86/pic.h:
kernel/power.h:
kernel/printk.h:
kernel/proc.h:
kernel/fs/file.h:
kernel/sched.h:
kernel/x86/timer.h:
kernel/x86/trap.h:
kernel/x86/x86.h:
mm/frame.h:
mm/layout.h:
mm/kmap.h:
mm/pte.h:
