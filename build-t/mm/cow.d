build-t/mm/cow.o: mm/cow.c mm/cow.h mm/pte.h kernel/errno.h \
 kernel/printk.h kernel/string.h mm/fault.h mm/frame.h kernel/bootinfo.h \
 mm/layout.h mm/mm.h mm/pgtable.h mm/vma.h mm/reclaim.h mm/swap_map.h \
 kernel/proc.h kernel/fs/file.h kernel/fs/fs.h
mm/cow.h:
mm/pte.h:
kernel/errno.h:
kernel/printk.h:
kernel/string.h:
mm/fault.h:
mm/frame.h:
kernel/bootinfo.h:
mm/layout.h:
mm/mm.h:
mm/pgtable.h:
mm/vma.h:
mm/reclaim.h:
mm/swap_map.h:
kernel/proc.h:
kernel/fs/file.h:
kernel/fs/fs.h:
