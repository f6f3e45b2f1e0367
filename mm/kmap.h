/* kmap.h: the kernel's page directory, whose upper quarter (the kernel
 * half) maps all RAM at KERNEL_BASE + phys and is shared by every process. */
#ifndef MM_KMAP_H
#define MM_KMAP_H

#include <stdint.h>
#include "mm/pte.h"

extern pde_t kernel_pgdir[PT_ENTRIES];

/* Fills kernel_pgdir with 4 MiB global supervisor pages for physical
 * [0, ram_top) (at most KERNEL_MAP_MAX), switches CR3 to it and turns on
 * global pages. Returns the number of bytes mapped. */
uint32_t kmap_init(uint64_t ram_top);

/* Maps the 4 MiB of device registers (I/O memory) around phys, uncached,
 * at the top of the kernel half (KMAP_IO_BASE), and returns the address
 * of phys there. One window only: later calls move it. */
#define KMAP_IO_BASE 0xFFC00000u
void *kmap_io(uint32_t phys);

#endif
