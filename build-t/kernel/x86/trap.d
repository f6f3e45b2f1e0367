build-t/kernel/x86/trap.o: kernel/x86/trap.c kernel/x86/trap.h \
 kernel/x86/gdt.h kernel/ksyms.h kernel/x86/pic.h kernel/power.h \
 kernel/printk.h kernel/proc.h kernel/fs/file.h kernel/fs/fs.h \
 kernel/syscall.h kernel/x86/x86.h mm/fault.h mm/mmu.h
kernel/x86/trap.h:
kernel/x86/gdt.h:
kernel/ksyms.h:
kernel/x86/pic.h:
kernel/power.h:
kernel/printk.h:
kernel/proc.h:
kernel/fs/file.h:
kernel/fs/fs.h:
kernel/syscall.h:
kernel/x86/x86.h:
mm/fault.h:
mm/mmu.h:
