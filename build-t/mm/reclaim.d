build-t/mm/reclaim.o: mm/reclaim.c mm/reclaim.h kernel/printk.h \
 kernel/proc.h kernel/fs/file.h kernel/fs/fs.h kernel/sched.h \
 kernel/x86/timer.h mm/filemap.h mm/frame.h kernel/bootinfo.h mm/layout.h \
 mm/mm.h mm/pte.h mm/pgtable.h mm/rmap.h mm/shmem.h mm/swap.h \
 mm/swap_map.h
mm/reclaim.h:
kernel/printk.h:
kernel/proc.h:
kernel/fs/file.h:
kernel/fs/fs.h:
kernel/sched.h:
kernel/x86/timer.h:
mm/filemap.h:
mm/frame.h:
kernel/bootinfo.h:
mm/layout.h:
mm/mm.h:
mm/pte.h:
mm/pgtable.h:
mm/rmap.h:
mm/shmem.h:
mm/swap.h:
mm/swap_map.h:
