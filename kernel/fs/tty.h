/* tty.h: the console's line discipline in canonical mode: echo, erase,
 * line kill and end-of-file on input, one line per read. Before
 * tty_enable() the console's input goes to the monitor instead. */
#ifndef KERNEL_TTY_H
#define KERNEL_TTY_H

#include <stdint.h>

/* Linux's struct termios as the TCGETS ioctl fills it (i386: 36 bytes). */
#define TTY_NCCS 19
struct termios {
    uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
    uint8_t c_line;
    uint8_t c_cc[TTY_NCCS];
};
_Static_assert(sizeof(struct termios) == 36, "struct termios is Linux's");

/* Linux's struct winsize (TIOCGWINSZ). */
struct winsize {
    uint16_t ws_row, ws_col, ws_xpixel, ws_ypixel;
};

/* From now on, console input characters go to tty_input. */
void tty_enable(void);
int tty_enabled(void);

/* Takes one input character (interrupt context): edits the current line,
 * echoes, and completes it on Enter or Ctrl-D (waking readers). */
void tty_input(char c);

/* Copies at most n bytes of ONE completed line (its newline included)
 * into the kernel buffer kbuf, leaving the rest of that line for the next
 * read. Sleeps until a line is complete. Returns the bytes copied, 0 for
 * end of file (Ctrl-D at the start of a line) or n == 0, or -ERESTARTSYS when
 * a signal came while it waited (kernel/signal.c makes that -EINTR, or
 * reads again after a SA_RESTART handler). */
long tty_read(void *kbuf, uint32_t n);

/* Writes n bytes of kbuf to the console; returns n. */
long tty_write(const void *kbuf, uint32_t n);

/* The settings we start with, for TCGETS and TIOCGWINSZ. */
void tty_get_termios(struct termios *t);
void tty_get_winsize(struct winsize *w);

/* Echo typed characters (ECHO in c_lflag), or not. */
void tty_set_echo(int on);

/* Is a completed line (or an end of file) waiting to be read? */
int tty_input_ready(void);
/* Bytes of completed lines not yet read (FIONREAD). */
uint32_t tty_input_bytes(void);
/* Drops typed input: completed lines and the line being edited (TCSETSF). */
void tty_flush_input(void);

/* The console's ioctls (kernel/fs/tty_ioctl.c): TCGETS, TCSETS, TCSETSW,
 * TCSETSF, TIOCGWINSZ, TIOCSWINSZ, TIOCGPGRP, TIOCSPGRP, TIOCGSID,
 * FIONREAD. Returns 0 (or the call's value) or -errno: -ENOTTY for any
 * other command, -EFAULT. */
long tty_ioctl(uint32_t cmd, uint32_t arg);

/* The console becomes the controlling terminal of session sid, with pgrp
 * in the foreground (for the first process). */
void tty_set_ctty(int sid, int pgrp);

#endif
