/* console.c: one console over the serial line and the VGA screen: output
 * goes to both; input from either lands in one ring buffer for the monitor,
 * or, once tty_enable() has run, in the line discipline (kernel/fs/tty.c). */
#include "kernel/dev/console.h"
#include "kernel/fs/tty.h"
#include "kernel/x86/x86.h"

#define INPUT_SIZE 256

static char input[INPUT_SIZE];
static unsigned input_head, input_tail;    /* head: next write, tail: next read */

void console_init(void)
{
    serial_init();
    vga_clear();
}

void console_putc(char c)
{
    serial_putc(c);
    vga_putc(c);
}

void console_write(const char *buf, size_t len)
{
    int on = irq_save();
    for (size_t i = 0; i < len; i++)
        console_putc(buf[i]);
    irq_restore(on);
}

/* Runs in interrupt context: drops the character when the buffer is full. */
void console_input(char c)
{
    if (tty_enabled()) {
        tty_input(c);
        return;
    }
    if (input_head - input_tail < INPUT_SIZE)
        input[input_head++ % INPUT_SIZE] = c;
}

int console_getc(void)
{
    for (;;) {
        cli();
        if (input_head != input_tail) {
            char c = input[input_tail++ % INPUT_SIZE];
            sti();
            return (unsigned char)c;
        }
        /* sti takes effect after the next instruction: no lost wake-up. */
        __asm__ volatile("sti; hlt");
    }
}

int console_readline(char *buf, int size)
{
    int len = 0;
    for (;;) {
        int c = console_getc();
        if (c == '\n') {
            console_write("\n", 1);
            break;
        }
        if (c == '\b' || c == 127) {
            if (len > 0) {
                len--;
                console_write("\b \b", 3);
            }
            continue;
        }
        if (c < ' ' || len >= size - 1)
            continue;
        buf[len++] = (char)c;
        console_write((char *)&buf[len - 1], 1);
    }
    buf[len] = '\0';
    return len;
}
