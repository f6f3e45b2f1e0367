build-t/kernel/fs/sys_file.o: kernel/fs/sys_file.c kernel/errno.h \
 kernel/fs/file.h kernel/fs/fs.h kernel/fs/sys_fs.h kernel/fs/tmpfs.h \
 mm/shmem.h kernel/string.h kernel/fs/tty.h mm/uaccess.h
kernel/errno.h:
kernel/fs/file.h:
kernel/fs/fs.h:
kernel/fs/sys_fs.h:
kernel/fs/tmpfs.h:
mm/shmem.h:
kernel/string.h:
kernel/fs/tty.h:
mm/uaccess.h:
