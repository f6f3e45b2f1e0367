build-t/mm/kmap.o: mm/kmap.c mm/kmap.h mm/pte.h mm/layout.h mm/mmu.h
mm/kmap.h:
mm/pte.h:
mm/layout.h:
mm/mmu.h:
