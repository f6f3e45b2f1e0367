build-t/kernel/fs/file.o: kernel/fs/file.c kernel/fs/file.h \
 kernel/fs/fs.h kernel/errno.h kernel/fs/tty.h mm/kmalloc.h
kernel/fs/file.h:
kernel/fs/fs.h:
kernel/errno.h:
kernel/fs/tty.h:
mm/kmalloc.h:
