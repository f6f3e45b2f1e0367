build-t/kernel/fs/pipe.o: kernel/fs/pipe.c kernel/fs/pipe.h \
 kernel/errno.h kernel/fs/file.h kernel/fs/fs.h kernel/proc.h \
 kernel/sched.h mm/kmalloc.h mm/uaccess.h
kernel/fs/pipe.h:
kernel/errno.h:
kernel/fs/file.h:
kernel/fs/fs.h:
kernel/proc.h:
kernel/sched.h:
mm/kmalloc.h:
mm/uaccess.h:
