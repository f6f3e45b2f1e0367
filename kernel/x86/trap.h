/* trap.h: the saved state of an interrupted context (struct trapframe, laid
 * out by kernel/x86/trap_entry.asm), the IDT, and IRQ handler registration. */
#ifndef KERNEL_TRAP_H
#define KERNEL_TRAP_H

#include <stdint.h>

struct trapframe {
    uint32_t gs, fs, es, ds;
    uint32_t edi, esi, ebp, esp_at_pusha, ebx, edx, ecx, eax;
    uint32_t trapno, err;
    uint32_t eip, cs, eflags;
    uint32_t user_esp, user_ss;     /* only when coming from ring 3 */
};

enum {
    T_DIVIDE = 0, T_DEBUG = 1, T_NMI = 2, T_BREAKPOINT = 3, T_OVERFLOW = 4,
    T_BOUND = 5, T_INVALID_OP = 6, T_NO_FPU = 7, T_DOUBLE_FAULT = 8,
    T_BAD_TSS = 10, T_NO_SEGMENT = 11, T_STACK = 12, T_GPF = 13,
    T_PAGE_FAULT = 14, T_FPU = 16, T_ALIGN = 17, T_MACHINE = 18, T_SIMD = 19,
    T_IRQ0 = 32,
    T_SYSCALL = 0x80,
};

static inline int trap_from_user(const struct trapframe *tf)
{
    return (tf->cs & 3) == 3;
}

void idt_init(void);
void trap_dispatch(struct trapframe *tf);

/* Prints the diagnosis of an exception in the kernel (name, error code, EIP
 * with its function, CR2 for #PF, registers, backtrace) and powers off with
 * POWER_PANIC_STATUS. `why` is an extra line (may be NULL). */
void trap_kernel_fatal(const struct trapframe *tf, const char *why) __attribute__((noreturn));

/* The exception's name, e.g. "page fault". */
const char *trap_name(uint32_t trapno);

#endif
