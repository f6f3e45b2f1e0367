build-t/mm/brk.o: mm/brk.c mm/brk.h kernel/proc.h kernel/fs/file.h \
 kernel/fs/fs.h mm/layout.h mm/mm.h mm/pte.h mm/pgtable.h mm/vma.h
mm/brk.h:
kernel/proc.h:
kernel/fs/file.h:
kernel/fs/fs.h:
mm/layout.h:
mm/mm.h:
mm/pte.h:
mm/pgtable.h:
mm/vma.h:
