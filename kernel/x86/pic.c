/* pic.c: remapping the 8259 PICs to vectors 32-47, masking, end of
 * interrupt, and the table of IRQ handlers. */
#include "kernel/x86/pic.h"
#include "kernel/x86/x86.h"
#include "mm/kmap.h"

#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xA0
#define PIC2_DATA 0xA1
#define PIC_EOI 0x20

static irq_handler_fn handlers[16];
static uint16_t mask = 0xFFFF & ~(1 << 2);     /* cascade line always open */

static void pic_write_mask(void)
{
    outb(PIC1_DATA, mask & 0xFF);
    outb(PIC2_DATA, mask >> 8);
}

void pic_init(void)
{
    outb(PIC1_CMD, 0x11);       /* ICW1: init, ICW4 follows */
    outb(PIC2_CMD, 0x11);
    outb(PIC1_DATA, 32);        /* ICW2: vector offsets */
    outb(PIC2_DATA, 40);
    outb(PIC1_DATA, 4);         /* ICW3: slave on IRQ 2 */
    outb(PIC2_DATA, 2);
    outb(PIC1_DATA, 0x01);      /* ICW4: 8086 mode */
    outb(PIC2_DATA, 0x01);
    pic_write_mask();
}

void irq_register(int irq, irq_handler_fn fn)
{
    handlers[irq] = fn;
    mask &= ~(1 << irq);
    pic_write_mask();
}

void irq_dispatch(int irq)
{
    /* Spurious IRQ 7/15: the in-service bit is clear; no EOI for the PIC
     * that raised it. */
    if (irq == 7 || irq == 15) {
        uint16_t cmd = irq == 7 ? PIC1_CMD : PIC2_CMD;
        outb(cmd, 0x0B);
        if (!(inb(cmd) & 0x80)) {
            if (irq == 15)
                outb(PIC1_CMD, PIC_EOI);
            return;
        }
    }
    if (irq >= 8)
        outb(PIC2_CMD, PIC_EOI);
    outb(PIC1_CMD, PIC_EOI);
    if (handlers[irq])
        handlers[irq]();
}

/* The 8259 reaches the CPU through the local APIC's LINT0 pin, which must
 * be in ExtINT mode and unmasked. SeaBIOS sets it so; qboot leaves it
 * masked, and then no IRQ ever arrives. Set it ourselves (after kmap_init,
 * since the APIC's registers live in the I/O window). */
void pic_route_through_lapic(void)
{
    uint32_t eax = 1, ebx, ecx, edx;
    __asm__ volatile("cpuid" : "+a"(eax), "=b"(ebx), "=c"(ecx), "=d"(edx));
    if (!(edx & (1 << 9)))
        return;                                 /* no local APIC: INTR is direct */
    uint32_t lo, hi;
    __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(0x1B));   /* IA32_APIC_BASE */
    if (!(lo & (1u << 11)))
        return;                                 /* APIC off: INTR is direct */
    volatile uint32_t *lapic = kmap_io(lo & 0xFFFFF000u);
    lapic[0xF0 / 4] = 0x1FF;                    /* spurious vector 255, APIC on */
    lapic[0x350 / 4] = 0x700;                   /* LVT LINT0: ExtINT, unmasked */
    lapic[0x360 / 4] = 0x400;                   /* LVT LINT1: NMI */
}
