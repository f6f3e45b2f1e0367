build-t/kernel/ipc_shm.o: kernel/ipc_shm.c kernel/ipc_shm.h \
 kernel/errno.h kernel/proc.h kernel/fs/file.h kernel/fs/fs.h \
 kernel/string.h kernel/x86/timer.h mm/layout.h mm/mm.h mm/pte.h \
 mm/mmap.h mm/shmem.h mm/uaccess.h mm/vma.h
kernel/ipc_shm.h:
kernel/errno.h:
kernel/proc.h:
kernel/fs/file.h:
kernel/fs/fs.h:
kernel/string.h:
kernel/x86/timer.h:
mm/layout.h:
mm/mm.h:
mm/pte.h:
mm/mmap.h:
mm/shmem.h:
mm/uaccess.h:
mm/vma.h:
