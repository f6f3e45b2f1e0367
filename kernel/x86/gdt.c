/* gdt.c: the GDT (flat kernel and user segments, one TSS, and the three
 * thread-local storage entries of the running process) and the TSS, whose
 * esp0 is the kernel stack of the running process.
 *
 *   index  selector  what
 *   0      0x00      null
 *   1      0x08      kernel code          (base 0, limit 4 GiB, DPL 0)
 *   2      0x10      kernel data          (base 0, limit 4 GiB, DPL 0)
 *   3      0x1B      user code            (base 0, limit 4 GiB, DPL 3)
 *   4      0x23      user data            (base 0, limit 4 GiB, DPL 3)
 *   5      0x28      the TSS
 *   6-8    0x33...   the running process's TLS segments (kernel/x86/tls.c),
 *                    rewritten at every context switch */
#include "kernel/x86/gdt.h"
#include "kernel/string.h"
#include "kernel/x86/tls.h"

struct tss {
    uint32_t prev, esp0, ss0, esp1, ss1, esp2, ss2, cr3, eip, eflags;
    uint32_t eax, ecx, edx, ebx, esp, ebp, esi, edi;
    uint32_t es, cs, ss, ds, fs, gs, ldt;
    uint16_t trap, iomap_base;
} __attribute__((packed));

static struct tss tss;
static uint64_t gdt[GDT_ENTRY_TLS_MAX + 1];

/* Builds a descriptor: access byte and flags nibble as in the Intel SDM. */
static uint64_t gdt_entry(uint32_t base, uint32_t limit, uint8_t access, uint8_t flags)
{
    uint64_t d = limit & 0xFFFF;
    d |= (uint64_t)(base & 0xFFFFFF) << 16;
    d |= (uint64_t)access << 40;
    d |= (uint64_t)((limit >> 16) & 0xF) << 48;
    d |= (uint64_t)(flags & 0xF) << 52;
    d |= (uint64_t)(base >> 24) << 56;
    return d;
}

void gdt_init(void)
{
    gdt[0] = 0;
    gdt[1] = gdt_entry(0, 0xFFFFF, 0x9A, 0xC);     /* kernel code */
    gdt[2] = gdt_entry(0, 0xFFFFF, 0x92, 0xC);     /* kernel data */
    gdt[3] = gdt_entry(0, 0xFFFFF, 0xFA, 0xC);     /* user code, DPL 3 */
    gdt[4] = gdt_entry(0, 0xFFFFF, 0xF2, 0xC);     /* user data, DPL 3 */
    memset(&tss, 0, sizeof tss);
    tss.ss0 = SEG_KDATA;
    tss.iomap_base = sizeof tss;                    /* no I/O bitmap: IOPL rules */
    gdt[5] = gdt_entry((uint32_t)&tss, sizeof tss - 1, 0x89, 0x0);

    struct {
        uint16_t limit;
        uint32_t base;
    } __attribute__((packed)) gdtr = { sizeof gdt - 1, (uint32_t)gdt };

    __asm__ volatile(
        "lgdt %0\n"
        "ljmp %1, $1f\n"
        "1:\n"
        "movw %w2, %%ax\n"
        "movw %%ax, %%ds\n"
        "movw %%ax, %%es\n"
        "movw %%ax, %%fs\n"
        "movw %%ax, %%gs\n"
        "movw %%ax, %%ss\n"
        "movw %w3, %%ax\n"
        "ltr %%ax\n"
        : : "m"(gdtr), "i"(SEG_KCODE), "i"(SEG_KDATA), "i"(SEG_TSS) : "eax", "memory");
}

void tss_set_kernel_stack(uint32_t esp0)
{
    tss.esp0 = esp0;
}

/* Copies the TLS descriptors of the process about to run into GDT entries
 * 6-8. A segment register keeps the descriptor it loaded until it is
 * loaded again, so the new entries take effect when trap_return pops the
 * process's %ds, %es, %fs and %gs on its way back to user mode. */
void gdt_load_tls(const struct tls_state *t)
{
    for (int i = 0; i < GDT_ENTRY_TLS_ENTRIES; i++)
        gdt[GDT_ENTRY_TLS_MIN + i] = t->desc[i];
}
