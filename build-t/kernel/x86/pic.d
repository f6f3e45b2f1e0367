build-t/kernel/x86/pic.o: kernel/x86/pic.c kernel/x86/pic.h \
 kernel/x86/x86.h mm/kmap.h mm/pte.h
kernel/x86/pic.h:
kernel/x86/x86.h:
mm/kmap.h:
mm/pte.h:
