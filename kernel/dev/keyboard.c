/* keyboard.c: the PS/2 keyboard (IRQ 1), scancode set 1 translated to ASCII
 * with Shift, Caps Lock and Ctrl, fed to console_input. */
#include "kernel/dev/console.h"
#include "kernel/x86/pic.h"
#include "kernel/x86/x86.h"
#include <stdbool.h>

#define KBD_DATA 0x60
#define KBD_STATUS 0x64

static const char normal_map[128] = {
    0, 27, '1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '-', '=', '\b',
    '\t', 'q', 'w', 'e', 'r', 't', 'y', 'u', 'i', 'o', 'p', '[', ']', '\n',
    0, 'a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l', ';', '\'', '`',
    0, '\\', 'z', 'x', 'c', 'v', 'b', 'n', 'm', ',', '.', '/', 0,
    '*', 0, ' ',
};

static const char shift_map[128] = {
    0, 27, '!', '@', '#', '$', '%', '^', '&', '*', '(', ')', '_', '+', '\b',
    '\t', 'Q', 'W', 'E', 'R', 'T', 'Y', 'U', 'I', 'O', 'P', '{', '}', '\n',
    0, 'A', 'S', 'D', 'F', 'G', 'H', 'J', 'K', 'L', ':', '"', '~',
    0, '|', 'Z', 'X', 'C', 'V', 'B', 'N', 'M', '<', '>', '?', 0,
    '*', 0, ' ',
};

enum { SC_LSHIFT = 0x2A, SC_RSHIFT = 0x36, SC_CTRL = 0x1D, SC_CAPS = 0x3A };

static bool shift, ctrl, caps;

/* Translates one scancode; returns the character or 0 for none. */
static char keyboard_translate(uint8_t sc)
{
    bool release = sc & 0x80;
    uint8_t key = sc & 0x7F;

    if (key == SC_LSHIFT || key == SC_RSHIFT) {
        shift = !release;
        return 0;
    }
    if (key == SC_CTRL) {
        ctrl = !release;
        return 0;
    }
    if (release)
        return 0;
    if (key == SC_CAPS) {
        caps = !caps;
        return 0;
    }
    char c = shift ? shift_map[key] : normal_map[key];
    if (caps && c >= 'a' && c <= 'z')
        c -= 'a' - 'A';
    else if (caps && c >= 'A' && c <= 'Z')
        c += 'a' - 'A';
    if (ctrl && c >= 'a' && c <= 'z')
        c -= 'a' - 1;
    else if (ctrl && c >= 'A' && c <= 'Z')
        c -= 'A' - 1;
    return c;
}

static void keyboard_irq(void)
{
    while (inb(KBD_STATUS) & 1) {
        uint8_t sc = inb(KBD_DATA);
        if (sc == 0xE0)
            continue;       /* extended keys: the next byte is read as usual */
        char c = keyboard_translate(sc);
        if (c)
            console_input(c);
    }
}

/* Waits (bounded) until the controller can take a byte; 0 on time-out. */
static int controller_ready(void)
{
    for (int i = 0; i < 100000; i++)
        if (!(inb(KBD_STATUS) & 2))
            return 1;
    return 0;
}

/* The 8042 controller must translate the keyboard's scancode set 2 into
 * set 1, which the tables above are: the BIOS usually turns that on, but
 * small firmware (qboot) does not. Sets the controller's configuration
 * byte: keyboard interrupt on (bit 0), translation on (bit 6). */
static void controller_configure(void)
{
    if (!controller_ready())
        return;
    outb(KBD_STATUS, 0x20);             /* read the configuration byte */
    int i;
    for (i = 0; i < 100000 && !(inb(KBD_STATUS) & 1); i++)
        ;
    if (i == 100000)
        return;
    uint8_t config = inb(KBD_DATA) | 0x01 | 0x40;
    if (!controller_ready())
        return;
    outb(KBD_STATUS, 0x60);             /* write the configuration byte */
    if (controller_ready())
        outb(KBD_DATA, config);
}

void keyboard_init(void)
{
    while (inb(KBD_STATUS) & 1)
        (void)inb(KBD_DATA);
    controller_configure();
    irq_register(1, keyboard_irq);
}
