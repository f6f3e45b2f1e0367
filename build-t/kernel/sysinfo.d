build-t/kernel/sysinfo.o: kernel/sysinfo.c kernel/sysinfo.h \
 kernel/errno.h kernel/proc.h kernel/fs/file.h kernel/fs/fs.h \
 kernel/sched.h kernel/string.h kernel/x86/timer.h kernel/x86/x86.h \
 mm/frame.h kernel/bootinfo.h mm/layout.h mm/swap.h mm/uaccess.h
kernel/sysinfo.h:
kernel/errno.h:
kernel/proc.h:
kernel/fs/file.h:
kernel/fs/fs.h:
kernel/sched.h:
kernel/string.h:
kernel/x86/timer.h:
kernel/x86/x86.h:
mm/frame.h:
kernel/bootinfo.h:
mm/layout.h:
mm/swap.h:
mm/uaccess.h:
