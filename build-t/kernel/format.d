build-t/kernel/format.o: kernel/format.c kernel/format.h
kernel/format.h:
