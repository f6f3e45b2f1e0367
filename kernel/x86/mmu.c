/* mmu.c: mm/mmu.h on the real CPU: the only code that touches CR2, CR3,
 * CR4's paging bits and invlpg (the FPU's CR0/CR4 bits are in fpu.c). */
#include "mm/mmu.h"

void mmu_load_pgdir(uint32_t pgdir_phys)
{
    __asm__ volatile("movl %0, %%cr3" : : "r"(pgdir_phys) : "memory");
}

uint32_t mmu_current_pgdir(void)
{
    uint32_t v;
    __asm__ volatile("movl %%cr3, %0" : "=r"(v));
    return v;
}

void mmu_flush_page(uint32_t va)
{
    __asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

uint32_t mmu_fault_address(void)
{
    uint32_t v;
    __asm__ volatile("movl %%cr2, %0" : "=r"(v));
    return v;
}

void mmu_enable_global_pages(void)
{
    uint32_t cr4;
    __asm__ volatile("movl %%cr4, %0" : "=r"(cr4));
    cr4 |= 1u << 7;                     /* CR4.PGE */
    __asm__ volatile("movl %0, %%cr4" : : "r"(cr4) : "memory");
}
