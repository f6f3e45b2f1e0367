/* console.h: the console, serial (primary) and VGA (mirror) for output,
 * serial and keyboard for input. */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

#include <stddef.h>

void console_init(void);
void console_write(const char *buf, size_t len);
void console_putc(char c);

/* Called from interrupt handlers with each received character. */
void console_input(char c);

/* Returns the next input character, waiting (halted) until there is one. */
int console_getc(void);

/* Reads one line with echo and backspace into buf (NUL-terminated, no
 * newline); returns its length. */
int console_readline(char *buf, int size);

void serial_init(void);
void serial_putc(char c);
void serial_enable_input(void);
void vga_clear(void);
void vga_putc(char c);
void keyboard_init(void);

#endif
