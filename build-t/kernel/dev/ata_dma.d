build-t/kernel/dev/ata_dma.o: kernel/dev/ata_dma.c kernel/dev/ata_hw.h \
 kernel/dev/ata.h kernel/dev/block.h kernel/errno.h kernel/dev/pci.h \
 kernel/printk.h kernel/x86/x86.h mm/layout.h
kernel/dev/ata_hw.h:
kernel/dev/ata.h:
kernel/dev/block.h:
kernel/errno.h:
kernel/dev/pci.h:
kernel/printk.h:
kernel/x86/x86.h:
mm/layout.h:
