build-t/kernel/dev/vga.o: kernel/dev/vga.c kernel/dev/console.h \
 kernel/x86/x86.h mm/layout.h
kernel/dev/console.h:
kernel/x86/x86.h:
mm/layout.h:
