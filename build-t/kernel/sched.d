build-t/kernel/sched.o: kernel/sched.c kernel/sched.h kernel/errno.h \
 kernel/x86/gdt.h kernel/proc.h kernel/fs/file.h kernel/fs/fs.h \
 kernel/x86/timer.h kernel/x86/x86.h mm/mm.h mm/pte.h
kernel/sched.h:
kernel/errno.h:
kernel/x86/gdt.h:
kernel/proc.h:
kernel/fs/file.h:
kernel/fs/fs.h:
kernel/x86/timer.h:
kernel/x86/x86.h:
mm/mm.h:
mm/pte.h:
