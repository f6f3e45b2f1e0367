build-t/kernel/fs/sys_fs.o: kernel/fs/sys_fs.c kernel/fs/sys_fs.h \
 kernel/fs/fs.h kernel/errno.h kernel/fs/file.h kernel/fs/tmpfs.h \
 mm/shmem.h kernel/string.h mm/uaccess.h
kernel/fs/sys_fs.h:
kernel/fs/fs.h:
kernel/errno.h:
kernel/fs/file.h:
kernel/fs/tmpfs.h:
mm/shmem.h:
kernel/string.h:
mm/uaccess.h:
