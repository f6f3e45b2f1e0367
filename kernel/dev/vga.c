/* vga.c: the VGA text screen (80x25 at physical 0xB8000), a mirror of the
 * serial console: scrolling, backspace and the hardware cursor. */
#include "kernel/dev/console.h"
#include "kernel/x86/x86.h"
#include "mm/layout.h"

#define COLS 80
#define ROWS 25
#define ATTR 0x0700             /* light grey on black */

static uint16_t *const screen = (uint16_t *)(KERNEL_BASE + 0xB8000);
static int row, col;

static void vga_move_cursor(void)
{
    uint16_t pos = (uint16_t)(row * COLS + col);
    outb(0x3D4, 14);
    outb(0x3D5, pos >> 8);
    outb(0x3D4, 15);
    outb(0x3D5, pos & 0xFF);
}

void vga_clear(void)
{
    for (int i = 0; i < COLS * ROWS; i++)
        screen[i] = ATTR | ' ';
    row = col = 0;
    vga_move_cursor();
}

static void vga_scroll(void)
{
    for (int i = 0; i < COLS * (ROWS - 1); i++)
        screen[i] = screen[i + COLS];
    for (int i = COLS * (ROWS - 1); i < COLS * ROWS; i++)
        screen[i] = ATTR | ' ';
    row = ROWS - 1;
}

void vga_putc(char c)
{
    switch (c) {
    case '\n':
        col = 0;
        row++;
        break;
    case '\r':
        col = 0;
        break;
    case '\b':
        if (col > 0)
            col--;
        break;
    case '\t':
        col = (col + 8) & ~7;
        break;
    default:
        screen[row * COLS + col] = ATTR | (uint8_t)c;
        col++;
    }
    if (col >= COLS) {
        col = 0;
        row++;
    }
    if (row >= ROWS)
        vga_scroll();
    vga_move_cursor();
}
