build-t/kernel/fs/tmpfs.o: kernel/fs/tmpfs.c kernel/fs/tmpfs.h \
 kernel/fs/fs.h mm/shmem.h kernel/errno.h kernel/fs/file.h \
 kernel/printk.h kernel/string.h kernel/x86/timer.h mm/frame.h \
 kernel/bootinfo.h mm/layout.h mm/kmalloc.h mm/uaccess.h
kernel/fs/tmpfs.h:
kernel/fs/fs.h:
mm/shmem.h:
kernel/errno.h:
kernel/fs/file.h:
kernel/printk.h:
kernel/string.h:
kernel/x86/timer.h:
mm/frame.h:
kernel/bootinfo.h:
mm/layout.h:
mm/kmalloc.h:
mm/uaccess.h:
