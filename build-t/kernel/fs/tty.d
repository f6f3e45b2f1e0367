build-t/kernel/fs/tty.o: kernel/fs/tty.c kernel/fs/tty.h \
 kernel/dev/console.h kernel/errno.h kernel/sched.h kernel/string.h \
 kernel/x86/x86.h
kernel/fs/tty.h:
kernel/dev/console.h:
kernel/errno.h:
kernel/sched.h:
kernel/string.h:
kernel/x86/x86.h:
