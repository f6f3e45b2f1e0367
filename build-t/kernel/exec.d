build-t/kernel/exec.o: kernel/exec.c kernel/exec.h kernel/elf.h \
 mm/layout.h kernel/errno.h kernel/exec_stack.h kernel/fs/fs.h \
 kernel/x86/gdt.h kernel/printk.h kernel/proc.h kernel/fs/file.h \
 kernel/string.h kernel/x86/trap.h kernel/x86/x86.h mm/frame.h \
 kernel/bootinfo.h mm/kmalloc.h mm/mm.h mm/pte.h mm/pgtable.h \
 mm/reclaim.h mm/uaccess.h mm/vma.h
kernel/exec.h:
kernel/elf.h:
mm/layout.h:
kernel/errno.h:
kernel/exec_stack.h:
kernel/fs/fs.h:
kernel/x86/gdt.h:
kernel/printk.h:
kernel/proc.h:
kernel/fs/file.h:
kernel/string.h:
kernel/x86/trap.h:
kernel/x86/x86.h:
mm/frame.h:
kernel/bootinfo.h:
mm/kmalloc.h:
mm/mm.h:
mm/pte.h:
mm/pgtable.h:
mm/reclaim.h:
mm/uaccess.h:
mm/vma.h:
