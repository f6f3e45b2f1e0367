/* kmap.c: building the kernel half. After kmap_init the boot page
 * directory is no longer used; every address space copies these entries. */
#include "mm/kmap.h"
#include "mm/layout.h"
#include "mm/mmu.h"

pde_t kernel_pgdir[PT_ENTRIES] __attribute__((aligned(PAGE_SIZE)));

uint32_t kmap_init(uint64_t ram_top)
{
    if (ram_top > KERNEL_MAP_MAX)
        ram_top = KERNEL_MAP_MAX;
    uint32_t n = (uint32_t)((ram_top + PDE_SPAN - 1) / PDE_SPAN);
    for (uint32_t i = 0; i < n; i++)
        kernel_pgdir[KERNEL_PDX + i] =
            (i * PDE_SPAN) | PTE_HUGE | PTE_GLOBAL | PTE_WRITE | PTE_PRESENT;
    mmu_enable_global_pages();
    mmu_load_pgdir(virt_to_phys(kernel_pgdir));
    return n * PDE_SPAN;
}

void *kmap_io(uint32_t phys)
{
    uint32_t base = phys & ~(PDE_SPAN - 1);
    kernel_pgdir[PDX(KMAP_IO_BASE)] = base | PTE_HUGE | PTE_NOCACHE | PTE_WRITETHROUGH |
                                      PTE_WRITE | PTE_PRESENT;
    mmu_load_pgdir(mmu_current_pgdir());       /* drop any old window */
    return (void *)(KMAP_IO_BASE + (phys - base));
}
