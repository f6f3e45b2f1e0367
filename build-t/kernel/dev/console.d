build-t/kernel/dev/console.o: kernel/dev/console.c kernel/dev/console.h \
 kernel/fs/tty.h kernel/x86/x86.h
kernel/dev/console.h:
kernel/fs/tty.h:
kernel/x86/x86.h:
