/* mmu.h: the handful of MMU operations mm/ needs from the CPU: CR3, CR2,
 * invlpg. kernel/x86/mmu.c implements them with the real instructions; the host
 * unit tests implement them with fakes that record what was asked. */
#ifndef MM_MMU_H
#define MM_MMU_H

#include <stdint.h>

/* Loads CR3 with the physical address of a page directory (a full switch:
 * every non-global TLB entry is dropped). */
void mmu_load_pgdir(uint32_t pgdir_phys);
/* The physical address in CR3. */
uint32_t mmu_current_pgdir(void);
/* invlpg: drops the TLB entry for one page of the current address space. */
void mmu_flush_page(uint32_t va);
/* CR2: the linear address of the last page fault. */
uint32_t mmu_fault_address(void);
/* Turns on global pages (CR4.PGE). */
void mmu_enable_global_pages(void);

#endif
