build-t/mm/pgtable.o: mm/pgtable.c mm/pgtable.h mm/pte.h kernel/errno.h \
 kernel/printk.h kernel/string.h mm/frame.h kernel/bootinfo.h mm/layout.h \
 mm/mmu.h mm/rmap.h mm/swap_map.h
mm/pgtable.h:
mm/pte.h:
kernel/errno.h:
kernel/printk.h:
kernel/string.h:
mm/frame.h:
kernel/bootinfo.h:
mm/layout.h:
mm/mmu.h:
mm/rmap.h:
mm/swap_map.h:
