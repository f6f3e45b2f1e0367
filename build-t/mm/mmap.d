build-t/mm/mmap.o: mm/mmap.c mm/mmap.h kernel/errno.h kernel/fs/file.h \
 kernel/fs/fs.h kernel/proc.h mm/frame.h kernel/bootinfo.h mm/layout.h \
 mm/mm.h mm/pte.h mm/pgtable.h mm/shmem.h mm/uaccess.h mm/vma.h
mm/mmap.h:
kernel/errno.h:
kernel/fs/file.h:
kernel/fs/fs.h:
kernel/proc.h:
mm/frame.h:
kernel/bootinfo.h:
mm/layout.h:
mm/mm.h:
mm/pte.h:
mm/pgtable.h:
mm/shmem.h:
mm/uaccess.h:
mm/vma.h:
