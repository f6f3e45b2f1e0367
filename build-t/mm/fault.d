build-t/mm/fault.o: mm/fault.c mm/fault.h kernel/fs/fs.h kernel/ksyms.h \
 kernel/format.h kernel/printk.h kernel/proc.h kernel/fs/file.h \
 kernel/string.h kernel/x86/trap.h mm/cow.h mm/pte.h mm/filemap.h \
 mm/frame.h kernel/bootinfo.h mm/layout.h mm/mm.h mm/mmu.h mm/pgtable.h \
 mm/reclaim.h mm/shmem.h mm/swap.h mm/swap_map.h kernel/sched.h mm/vma.h
mm/fault.h:
kernel/fs/fs.h:
kernel/ksyms.h:
kernel/format.h:
kernel/printk.h:
kernel/proc.h:
kernel/fs/file.h:
kernel/string.h:
kernel/x86/trap.h:
mm/cow.h:
mm/pte.h:
mm/filemap.h:
mm/frame.h:
kernel/bootinfo.h:
mm/layout.h:
mm/mm.h:
mm/mmu.h:
mm/pgtable.h:
mm/reclaim.h:
mm/shmem.h:
mm/swap.h:
mm/swap_map.h:
kernel/sched.h:
mm/vma.h:
