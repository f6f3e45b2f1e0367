/* trap.c: the IDT and trap_dispatch, the one C entry for every exception,
 * IRQ and system call; and the diagnosis of an exception in the kernel. */
#include "kernel/x86/trap.h"
#include "kernel/x86/gdt.h"
#include "kernel/ksyms.h"
#include "kernel/x86/pic.h"
#include "kernel/power.h"
#include "kernel/printk.h"
#include "kernel/proc.h"
#include "kernel/sched.h"
#include "kernel/syscall.h"
#include "kernel/x86/trap_signal.h"
#include "kernel/x86/x86.h"
#include "mm/fault.h"
#include "mm/mmu.h"

struct idt_gate {
    uint16_t offset_lo, selector;
    uint8_t zero, type;
    uint16_t offset_hi;
} __attribute__((packed));

/* trap_entry.asm reaches these fields by offset. */
_Static_assert(__builtin_offsetof(struct trapframe, gs) == 0 &&
               __builtin_offsetof(struct trapframe, fs) == 4 &&
               __builtin_offsetof(struct trapframe, es) == 8 &&
               __builtin_offsetof(struct trapframe, ds) == 12 &&
               __builtin_offsetof(struct trapframe, cs) == 60, "trap_entry.asm's TF_*");

static struct idt_gate idt[256];
extern const uint32_t trap_stubs[49];

static void idt_set(int vector, uint32_t handler, int user_callable)
{
    idt[vector].offset_lo = handler & 0xFFFF;
    idt[vector].offset_hi = handler >> 16;
    idt[vector].selector = SEG_KCODE;
    idt[vector].zero = 0;
    /* 0x8E: present, 32-bit interrupt gate (IF cleared on entry). */
    idt[vector].type = 0x8E | (user_callable ? 0x60 : 0);
}

void idt_init(void)
{
    for (int v = 0; v < 48; v++)
        idt_set(v, trap_stubs[v], 0);
    idt_set(T_SYSCALL, trap_stubs[48], 1);
    struct {
        uint16_t limit;
        uint32_t base;
    } __attribute__((packed)) idtr = { sizeof idt - 1, (uint32_t)idt };
    __asm__ volatile("lidt %0" : : "m"(idtr));
}

static const char *const exception_names[32] = {
    "divide error", "debug", "non-maskable interrupt", "breakpoint",
    "overflow", "bound range exceeded", "invalid opcode", "device not available",
    "double fault", "coprocessor segment overrun", "invalid TSS",
    "segment not present", "stack-segment fault", "general protection fault",
    "page fault", "reserved (15)", "x87 floating-point error", "alignment check",
    "machine check", "SIMD floating-point error", "virtualization exception",
    "control protection exception", "reserved (22)", "reserved (23)",
    "reserved (24)", "reserved (25)", "reserved (26)", "reserved (27)",
    "hypervisor injection", "VMM communication", "security exception",
    "reserved (31)",
};

const char *trap_name(uint32_t trapno)
{
    if (trapno < 32)
        return exception_names[trapno];
    if (trapno == T_SYSCALL)
        return "system call";
    return "interrupt";
}

void trap_kernel_fatal(const struct trapframe *tf, const char *why)
{
    cli();
    uint32_t off = 0;
    const char *fn = ksyms_lookup(tf->eip, &off);
    printk("\nkernel exception: %s (vector %u), error code 0x%x\n",
           trap_name(tf->trapno), tf->trapno, tf->err);
    printk("  eip %p in %s+0x%x\n", (void *)tf->eip, fn ? fn : "?", off);
    if (tf->trapno == T_PAGE_FAULT)
        printk("  cr2 %p\n", (void *)mmu_fault_address());
    if (why)
        printk("  %s\n", why);
    printk("  eax %08x ebx %08x ecx %08x edx %08x\n", tf->eax, tf->ebx, tf->ecx, tf->edx);
    printk("  esi %08x edi %08x ebp %08x esp %08x\n", tf->esi, tf->edi, tf->ebp,
           tf->esp_at_pusha + 20);
    printk("  cs %04x ds %04x eflags %08x\n", tf->cs, tf->ds, tf->eflags);
    printk("backtrace:\n  [%p] %s+0x%x\n", (void *)tf->eip, fn ? fn : "?", off);
    ksyms_backtrace(tf->ebp);
    power_off(POWER_PANIC_STATUS);
}

/* Has the return to user mode with tf anything to do besides restoring
 * the registers: a signal to act on, or another process to run? Tested on
 * every return from user mode, inline: almost always nothing is due. */
static inline int user_return_work(const struct trapframe *tf)
{
    return need_resched || signal_deliver_due(current->killed, &current->sig,
                                              tf->trapno == T_SYSCALL, tf->eax);
}

void trap_dispatch(struct trapframe *tf)
{
    if (tf->trapno == T_PAGE_FAULT) {
        fault_handle(tf);
    } else if (tf->trapno >= T_IRQ0 && tf->trapno < T_IRQ0 + 16) {
        irq_dispatch(tf->trapno - T_IRQ0);
    } else if (tf->trapno == T_SYSCALL) {
        syscall_dispatch(tf);
    } else if (trap_from_user(tf)) {
        trap_signal(tf);                /* SIGFPE, SIGILL, SIGSEGV, ... */
    } else {
        trap_kernel_fatal(tf, 0);       /* an exception in the kernel is a bug */
    }
    if (trap_from_user(tf) && user_return_work(tf))
        proc_before_user_return(tf);
}
