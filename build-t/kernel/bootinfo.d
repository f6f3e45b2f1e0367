build-t/kernel/bootinfo.o: kernel/bootinfo.c kernel/bootinfo.h \
 kernel/string.h mm/layout.h
kernel/bootinfo.h:
kernel/string.h:
mm/layout.h:
