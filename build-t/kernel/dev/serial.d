build-t/kernel/dev/serial.o: kernel/dev/serial.c kernel/dev/console.h \
 kernel/x86/pic.h kernel/x86/x86.h
kernel/dev/console.h:
kernel/x86/pic.h:
kernel/x86/x86.h:
