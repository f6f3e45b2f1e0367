/* serial.c: the COM1 16550 UART at 115200 8N1, the primary console.
 * Output is polled; input arrives by IRQ 4 and goes to console_input. */
#include "kernel/dev/console.h"
#include "kernel/x86/pic.h"
#include "kernel/x86/x86.h"

#define COM1 0x3F8
enum {
    UART_DATA = 0, UART_IER = 1, UART_FCR = 2, UART_LCR = 3,
    UART_MCR = 4, UART_LSR = 5,
};
#define LSR_DATA_READY 0x01
#define LSR_TX_EMPTY   0x20

void serial_init(void)
{
    outb(COM1 + UART_IER, 0x00);        /* no interrupts while we set up */
    outb(COM1 + UART_LCR, 0x80);        /* divisor latch */
    outb(COM1 + UART_DATA, 1);          /* 115200 / 1 */
    outb(COM1 + UART_IER, 0);
    outb(COM1 + UART_LCR, 0x03);        /* 8 bits, no parity, 1 stop */
    outb(COM1 + UART_FCR, 0xC7);        /* FIFOs on, cleared */
    outb(COM1 + UART_MCR, 0x0B);        /* DTR, RTS, OUT2 (IRQ line) */
}

void serial_putc(char c)
{
    if (c == '\n')
        serial_putc('\r');
    for (int spins = 0; !(inb(COM1 + UART_LSR) & LSR_TX_EMPTY) && spins < 100000; spins++)
        ;
    outb(COM1 + UART_DATA, (uint8_t)c);
}

static void serial_irq(void)
{
    while (inb(COM1 + UART_LSR) & LSR_DATA_READY) {
        char c = (char)inb(COM1 + UART_DATA);
        console_input(c == '\r' ? '\n' : c);
    }
}

/* Turns on the receive interrupt; called once the IDT and PIC are ready. */
void serial_enable_input(void)
{
    irq_register(4, serial_irq);
    outb(COM1 + UART_IER, 0x01);
    /* The IRQ line is edge-triggered at the PIC: if the UART raised it
     * before now, no new edge comes until its cause is cleared. Read
     * everything that can hold it up. */
    (void)inb(COM1 + UART_LSR);
    (void)inb(COM1 + 2);                /* IIR */
    (void)inb(COM1 + 6);                /* MSR */
    serial_irq();
}
