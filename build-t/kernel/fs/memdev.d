build-t/kernel/fs/memdev.o: kernel/fs/memdev.c kernel/fs/memdev.h \
 kernel/errno.h kernel/fs/file.h kernel/fs/fs.h kernel/printk.h \
 kernel/x86/x86.h mm/layout.h mm/uaccess.h
kernel/fs/memdev.h:
kernel/errno.h:
kernel/fs/file.h:
kernel/fs/fs.h:
kernel/printk.h:
kernel/x86/x86.h:
mm/layout.h:
mm/uaccess.h:
