/* gdt.h: segment selectors, the TLS entries and the TSS's kernel stack. */
#ifndef KERNEL_GDT_H
#define KERNEL_GDT_H

#include <stdint.h>

#define SEG_KCODE 0x08
#define SEG_KDATA 0x10                  /* the kernel's %ss only (trap_entry.asm) */
#define SEG_UCODE (0x18 | 3)
#define SEG_UDATA (0x20 | 3)
#define SEG_TSS 0x28

struct tls_state;

void gdt_init(void);
/* Puts a process's thread-local storage descriptors in the GDT. */
void gdt_load_tls(const struct tls_state *t);
/* Sets the stack the CPU switches to on a trap from ring 3. */
void tss_set_kernel_stack(uint32_t esp0);

#endif
