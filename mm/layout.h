/* layout.h: the map of virtual memory, and the one seam between physical
 * addresses and the kernel's pointers (phys_to_virt/virt_to_phys).
 *
 *   0xFFFFFFFF +-----------------------------+
 *              | device registers (kmap_io)  |  one uncached 4 MiB window
 *   0xFFC00000 +-----------------------------+
 *              | unused (above 768 MiB RAM)  |
 *   0xF0000000 +-----------------------------+
 *              | all RAM, phys 0 .. 768 MiB, |  4 MiB global pages,
 *              | mapped 1:1 (kernel only)    |  shared by every page directory
 *   0xC0000000 +-----------------------------+  KERNEL_BASE = USER_TOP
 *              | argv/envp strings, auxv     |
 *              | stack (grows down, 8 MiB)   |
 *   0xBF800000 +- - - - - - - - - - - - - - -+  STACK_RESERVED
 *              | mmap regions (grow down)    |
 *              | heap (brk, grows up)        |
 *              | bss, data, rodata, text     |
 *   0x08048000 +-----------------------------+  USER_BASE
 *              | free for MAP_FIXED          |
 *   0x00010000 +-----------------------------+  MMAP_MIN_ADDR
 *              | never mapped: NULL faults   |
 *   0x00000000 +-----------------------------+
 */
#ifndef MM_LAYOUT_H
#define MM_LAYOUT_H

#include <stdint.h>

#define PAGE_SIZE 4096u
#define PAGE_SHIFT 12
#define PAGE_MASK (~(PAGE_SIZE - 1))
#define PAGE_ROUND_DOWN(a) ((a) & PAGE_MASK)
#define PAGE_ROUND_UP(a) (((a) + PAGE_SIZE - 1) & PAGE_MASK)

#define KERNEL_BASE 0xC0000000u
#define USER_TOP KERNEL_BASE
#define USER_BASE 0x08048000u
/* Nothing is ever mapped below this (Linux's vm.mmap_min_addr, as Debian
 * sets it): a NULL pointer, even plus a large offset, always faults. */
#define MMAP_MIN_ADDR 0x00010000u
#define KERNEL_MAP_MAX (768u << 20)     /* RAM the kernel maps and uses */
#define STACK_MAX (8u << 20)            /* the stack may grow to this size */
#define STACK_RESERVED (USER_TOP - STACK_MAX)   /* nothing else maps above */

/* The host unit tests run mm/ over a simulated physical memory: there the
 * offset is a variable pointing at it; in the kernel it is KERNEL_BASE. */
#ifdef HOST_TEST
extern uintptr_t host_phys_offset;
#define PHYS_OFFSET host_phys_offset
#else
#define PHYS_OFFSET KERNEL_BASE
#endif

static inline void *phys_to_virt(uint32_t phys)
{
    return (void *)((uintptr_t)phys + PHYS_OFFSET);
}

static inline uint32_t virt_to_phys(const void *virt)
{
    return (uint32_t)((uintptr_t)virt - PHYS_OFFSET);
}

#endif
