build-t/mm/selftest.o: mm/selftest.c mm/selftest.h kernel/printk.h \
 kernel/string.h mm/frame.h kernel/bootinfo.h mm/layout.h mm/kmalloc.h \
 mm/mm.h mm/pte.h mm/pgtable.h
mm/selftest.h:
kernel/printk.h:
kernel/string.h:
mm/frame.h:
kernel/bootinfo.h:
mm/layout.h:
mm/kmalloc.h:
mm/mm.h:
mm/pte.h:
mm/pgtable.h:
