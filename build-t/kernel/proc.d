build-t/kernel/proc.o: kernel/proc.c kernel/proc.h kernel/fs/file.h \
 kernel/fs/fs.h kernel/errno.h kernel/exec.h kernel/power.h \
 kernel/printk.h kernel/sched.h kernel/string.h kernel/x86/trap.h \
 mm/kmalloc.h mm/mm.h mm/pte.h mm/uaccess.h
kernel/proc.h:
kernel/fs/file.h:
kernel/fs/fs.h:
kernel/errno.h:
kernel/exec.h:
kernel/power.h:
kernel/printk.h:
kernel/sched.h:
kernel/string.h:
kernel/x86/trap.h:
mm/kmalloc.h:
mm/mm.h:
mm/pte.h:
mm/uaccess.h:
