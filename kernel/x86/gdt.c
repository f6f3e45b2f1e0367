/* gdt.c: the GDT (flat kernel and user segments, one TSS, and the three
 * thread-local storage entries of the running process) and the TSS, whose
 * esp0 is the kernel stack of the running process.
 *
 *   index  selector  what
 *   0      0x00      null
 *   1      0x08      kernel code          (base 0, limit 4 GiB, DPL 0)  %cs
 *   2      0x10      kernel data          (base 0, limit 4 GiB, DPL 0)  %ss
 *   3      0x1B      user code            (base 0, limit 4 GiB, DPL 3)
 *   4      0x23      user data            (base 0, limit 4 GiB, DPL 3)  %ds, %es too
 *   5      0x28      the TSS
 *   6-8    0x33...   the running process's TLS segments (kernel/x86/tls.c),
 *                    rewritten at a context switch when they differ
 *
 * What the kernel keeps in its segment registers, and why, is explained at
 * the top of kernel/x86/trap_entry.asm: %cs and %ss are the kernel's own,
 * %ds and %es the flat user data segment, %fs and %gs the program's. */
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
        "movw %%ax, %%ss\n"
        "movw %w3, %%ax\n"
        "movw %%ax, %%ds\n"            /* flat, and what the trap entry */
        "movw %%ax, %%es\n"            /* expects (trap_entry.asm) */
        "xorl %%eax, %%eax\n"
        "movw %%ax, %%fs\n"            /* unused by the kernel: null */
        "movw %%ax, %%gs\n"
        "movw %w4, %%ax\n"
        "ltr %%ax\n"
        : : "m"(gdtr), "i"(SEG_KCODE), "i"(SEG_KDATA), "i"(SEG_UDATA), "i"(SEG_TSS)
        : "eax", "memory");
}

void tss_set_kernel_stack(uint32_t esp0)
{
    tss.esp0 = esp0;
}

/* Copies the TLS descriptors of the process about to run into GDT entries
 * 6-8, if they are not there already. A segment register keeps the
 * descriptor it loaded until it is loaded again, and the kernel leaves the
 * last program's %fs and %gs loaded (trap_entry.asm): after new entries
 * they would still reach the old descriptors. So they are made null here,
 * and trap_return, finding the frame's selector different from the
 * register, loads it from the new entries. (%ds and %es hold SEG_UDATA in
 * the kernel, whose descriptor never changes.) */
void gdt_load_tls(const struct tls_state *t)
{
    if (memcmp(&gdt[GDT_ENTRY_TLS_MIN], t->desc, sizeof t->desc) == 0)
        return;                         /* the same descriptors (a fork child) */
    for (int i = 0; i < GDT_ENTRY_TLS_ENTRIES; i++)
        gdt[GDT_ENTRY_TLS_MIN + i] = t->desc[i];
    __asm__ volatile("movw %w0, %%fs\n"
                     "movw %w0, %%gs" : : "r"(0));
}
