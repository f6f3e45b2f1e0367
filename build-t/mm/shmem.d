build-t/mm/shmem.o: mm/shmem.c mm/shmem.h kernel/errno.h kernel/printk.h \
 kernel/sched.h kernel/string.h mm/frame.h kernel/bootinfo.h mm/layout.h \
 mm/kmalloc.h mm/pgtable.h mm/pte.h mm/reclaim.h mm/rmap.h mm/swap.h \
 mm/swap_map.h
mm/shmem.h:
kernel/errno.h:
kernel/printk.h:
kernel/sched.h:
kernel/string.h:
mm/frame.h:
kernel/bootinfo.h:
mm/layout.h:
mm/kmalloc.h:
mm/pgtable.h:
mm/pte.h:
mm/reclaim.h:
mm/rmap.h:
mm/swap.h:
mm/swap_map.h:
