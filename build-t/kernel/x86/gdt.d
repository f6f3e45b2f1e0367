build-t/kernel/x86/gdt.o: kernel/x86/gdt.c kernel/x86/gdt.h \
 kernel/string.h
kernel/x86/gdt.h:
kernel/string.h:
