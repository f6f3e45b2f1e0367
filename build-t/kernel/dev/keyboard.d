build-t/kernel/dev/keyboard.o: kernel/dev/keyboard.c kernel/dev/console.h \
 kernel/x86/pic.h kernel/x86/x86.h
kernel/dev/console.h:
kernel/x86/pic.h:
kernel/x86/x86.h:
