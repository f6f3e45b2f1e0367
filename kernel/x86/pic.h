/* pic.h: the two 8259 PICs (IRQs 0-15 at vectors 32-47). */
#ifndef KERNEL_PIC_H
#define KERNEL_PIC_H

typedef void (*irq_handler_fn)(void);

void pic_init(void);
/* Lets the 8259's interrupts through the local APIC (see pic.c). */
void pic_route_through_lapic(void);
/* Installs fn for IRQ irq and unmasks it. */
void irq_register(int irq, irq_handler_fn fn);
/* Called by trap_dispatch for vectors 32-47. */
void irq_dispatch(int irq);

#endif
