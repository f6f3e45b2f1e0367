build-t/kernel/x86/mmu.o: kernel/x86/mmu.c mm/mmu.h
mm/mmu.h:
