/* tty.c: the console's line discipline (canonical mode). Input characters
 * arrive from interrupts into an edit line; Enter or Ctrl-D moves the line
 * into a queue of completed lines, where tty_read takes them one line at a
 * time, so a program started by the shell reads the lines the shell left.
 * Output goes straight to console_write. */
#include "kernel/fs/tty.h"
#include "kernel/dev/console.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/string.h"
#include "kernel/x86/x86.h"

#define CTRL(c) ((c) & 0x1F)
#define TTY_LINE_MAX 256        /* longest line, its newline included */
#define TTY_BUF 1024            /* bytes of completed lines not yet read */
#define TTY_LINES 32            /* completed lines not yet read */

static int enabled;
static int echo_off;            /* ECHO cleared by TCSETS */

/* The line being typed. */
static char edit[TTY_LINE_MAX];
static uint32_t edit_len;

/* Completed lines: their bytes in a ring, their lengths in another. A
 * length of 0 is an end of file. head: next write; tail: next read. */
static char ready[TTY_BUF];
static uint32_t ready_head, ready_tail;
static uint32_t lines[TTY_LINES];
static uint32_t lines_head, lines_tail;

void tty_enable(void)
{
    enabled = 1;
}

int tty_enabled(void)
{
    return enabled;
}

static void echo(const char *s, uint32_t n)
{
    if (!echo_off)
        console_write(s, n);
}

void tty_set_echo(int on)
{
    echo_off = !on;
}

int tty_input_ready(void)
{
    return lines_head != lines_tail;
}

uint32_t tty_input_bytes(void)
{
    return ready_head - ready_tail;
}

void tty_flush_input(void)
{
    int on = irq_save();
    ready_tail = ready_head;
    lines_tail = lines_head;
    edit_len = 0;
    irq_restore(on);
}

/* Moves the edit line (and a newline when nl) to the completed lines, and
 * wakes the readers. With no line typed and no newline, this queues an end
 * of file. When the queues are full the line is dropped (with a bell). */
static void line_complete(int nl)
{
    uint32_t len = edit_len + (nl ? 1 : 0);
    if (lines_head - lines_tail == TTY_LINES || TTY_BUF - (ready_head - ready_tail) < len) {
        echo("\a", 1);
    } else {
        for (uint32_t i = 0; i < edit_len; i++)
            ready[ready_head++ % TTY_BUF] = edit[i];
        if (nl)
            ready[ready_head++ % TTY_BUF] = '\n';
        lines[lines_head++ % TTY_LINES] = len;
        wakeup(lines);
    }
    edit_len = 0;
}

static void erase_char(void)
{
    if (edit_len > 0) {
        edit_len--;
        echo("\b \b", 3);
    }
}

void tty_input(char c)
{
    switch (c) {
    case '\r':
    case '\n':
        echo("\n", 1);
        line_complete(1);
        break;
    case '\b':
    case 127:
        erase_char();
        break;
    case CTRL('D'):
        line_complete(0);
        break;
    case CTRL('U'):
        while (edit_len > 0)
            erase_char();
        break;
    default:
        if (((unsigned char)c >= ' ' || c == '\t') && edit_len < TTY_LINE_MAX - 1) {
            edit[edit_len++] = c;
            echo(&c, 1);
        }
        break;
    }
}

long tty_read(void *kbuf, uint32_t n)
{
    if (n == 0)
        return 0;
    int on = irq_save();
    while (lines_head == lines_tail) {
        if (signal_pending()) {
            irq_restore(on);
            return -ERESTARTSYS;        /* -EINTR, or read again (SA_RESTART) */
        }
        sleep_on(lines);
    }
    uint32_t *len = &lines[lines_tail % TTY_LINES];
    uint32_t k = n < *len ? n : *len;
    char *dst = kbuf;
    for (uint32_t i = 0; i < k; i++)
        dst[i] = ready[ready_tail++ % TTY_BUF];
    *len -= k;
    if (*len == 0)
        lines_tail++;           /* the line is used up, or was an end of file */
    irq_restore(on);
    return (long)k;
}

long tty_write(const void *kbuf, uint32_t n)
{
    console_write(kbuf, n);
    return (long)n;
}

/* Linux's flag values for what we do: ICRNL in, OPOST|ONLCR out, 115200
 * 8N1, and canonical mode with echo and visual erase. */
void tty_get_termios(struct termios *t)
{
    memset(t, 0, sizeof *t);
    t->c_iflag = 0000400;                       /* ICRNL */
    t->c_oflag = 0000001 | 0000004;             /* OPOST | ONLCR */
    t->c_cflag = 0010002 | 0000060 | 0000200 | 0004000; /* B115200 CS8 CREAD CLOCAL */
    t->c_lflag = 0000002 | 0000010 | 0000020 | 0000040; /* ICANON ECHO ECHOE ECHOK */
    t->c_cc[2] = 127;                           /* VERASE */
    t->c_cc[3] = CTRL('U');                     /* VKILL */
    t->c_cc[4] = CTRL('D');                     /* VEOF */
    t->c_cc[6] = 1;                             /* VMIN */
}

void tty_get_winsize(struct winsize *w)
{
    memset(w, 0, sizeof *w);
    w->ws_row = 25;             /* the VGA text screen */
    w->ws_col = 80;
}
