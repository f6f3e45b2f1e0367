build-t/kernel/dev/pci.o: kernel/dev/pci.c kernel/dev/pci.h \
 kernel/x86/x86.h
kernel/dev/pci.h:
kernel/x86/x86.h:
