build-t/kernel/elf.o: kernel/elf.c kernel/elf.h mm/layout.h \
 kernel/errno.h kernel/string.h
kernel/elf.h:
mm/layout.h:
kernel/errno.h:
kernel/string.h:
