build-t/kernel/dev/block.o: kernel/dev/block.c kernel/dev/block.h \
 kernel/errno.h
kernel/dev/block.h:
kernel/errno.h:
