build-t/mm/mm.o: mm/mm.c mm/mm.h mm/pte.h kernel/printk.h kernel/string.h \
 mm/frame.h kernel/bootinfo.h mm/layout.h mm/kmalloc.h mm/kmap.h mm/mmu.h \
 mm/pgtable.h mm/vma.h
mm/mm.h:
mm/pte.h:
kernel/printk.h:
kernel/string.h:
mm/frame.h:
kernel/bootinfo.h:
mm/layout.h:
mm/kmalloc.h:
mm/kmap.h:
mm/mmu.h:
mm/pgtable.h:
mm/vma.h:
