/* pte.h: the x86 page directory and page table entries: the only header
 * that knows their bits, the copy-on-write bit, and how a swap entry is
 * kept in a non-present PTE. Everything else uses these names. */
#ifndef MM_PTE_H
#define MM_PTE_H

#include <stdbool.h>
#include <stdint.h>

typedef uint32_t pte_t;
typedef uint32_t pde_t;

#define PTE_PRESENT  0x001u
#define PTE_WRITE    0x002u
#define PTE_USER     0x004u
#define PTE_WRITETHROUGH 0x008u
#define PTE_NOCACHE  0x010u
#define PTE_ACCESSED 0x020u
#define PTE_DIRTY    0x040u
#define PTE_HUGE     0x080u     /* in a PDE: a 4 MiB page (CR4.PSE) */
#define PTE_GLOBAL   0x100u
#define PTE_COW      0x200u     /* available bit 9: write-protected for copy-on-write */

#define PTE_FLAGS_MASK 0xFFFu
#define PTE_FRAME(e) ((e) & ~PTE_FLAGS_MASK)

#define PDX(va) ((uint32_t)(va) >> 22)
#define PTX(va) (((uint32_t)(va) >> 12) & 0x3FF)
#define PT_ENTRIES 1024
#define PDE_SPAN (4u << 20)     /* bytes one PDE covers */
#define KERNEL_PDX PDX(0xC0000000u)

/* A PTE is one of three things:
 *   zero                      never touched: the region says how to fill it;
 *   PRESENT set               a frame, with its protection bits;
 *   not present, not zero     a swap entry: slot << 1 (bit 0, PRESENT, clear).
 * Slot 0 is the swap area's header page, so a swap entry is never zero. */
static inline bool pte_present(pte_t e) { return e & PTE_PRESENT; }
static inline bool pte_none(pte_t e) { return e == 0; }
static inline bool pte_is_swap(pte_t e) { return e && !(e & PTE_PRESENT); }
static inline pte_t pte_make_swap(uint32_t slot) { return slot << 1; }
static inline uint32_t pte_swap_slot(pte_t e) { return e >> 1; }

#endif
