/* tty_ioctl.c: the console's ioctls, as a Linux terminal answers them:
 * its termios settings (kept as set; ECHO is honoured, the line
 * discipline stays canonical), its window size (the 80x25 VGA screen),
 * FIONREAD, and job control's view: the console is the controlling
 * terminal of one session (the first process's) and has a foreground
 * process group; a process of another session gets ENOTTY for those. */
#include "kernel/errno.h"
#include "kernel/fs/tty.h"
#include "kernel/identity.h"
#include "kernel/proc.h"
#include "mm/uaccess.h"

#define TCGETS 0x5401
#define TCSETS 0x5402
#define TCSETSW 0x5403
#define TCSETSF 0x5404
#define TIOCGPGRP 0x540F
#define TIOCSPGRP 0x5410
#define TIOCGWINSZ 0x5413
#define TIOCSWINSZ 0x5414
#define FIONREAD 0x541B
#define TIOCGSID 0x5429
#define ECHO 0000010

static struct termios settings;
static struct winsize size;
static int have_settings;
static int ctty_sid, fg_pgrp;           /* 0: no session has the console */

void tty_set_ctty(int sid, int pgrp)
{
    ctty_sid = sid;
    fg_pgrp = pgrp;
}

static void load_defaults(void)
{
    if (!have_settings) {
        tty_get_termios(&settings);
        tty_get_winsize(&size);
        have_settings = 1;
    }
}

/* TCSETS and its variants: the new settings apply at once (output is
 * never queued, so TCSETSW has nothing to wait for); TCSETSF also drops
 * typed input. */
static long set_termios(uint32_t cmd, uint32_t arg)
{
    struct termios t;
    if (copy_from_user(&t, (void *)arg, sizeof t) < 0)
        return -EFAULT;
    if (cmd == TCSETSF)
        tty_flush_input();
    settings = t;
    tty_set_echo((t.c_lflag & ECHO) != 0);
    return 0;
}

/* Job control: only the session the console belongs to may ask. */
static long job_control(uint32_t cmd, uint32_t arg)
{
    int32_t v;
    if (!ctty_sid || current->attrs.sid != ctty_sid)
        return -ENOTTY;
    if (cmd == TIOCGPGRP || cmd == TIOCGSID) {
        v = cmd == TIOCGPGRP ? fg_pgrp : ctty_sid;
        return copy_to_user((void *)arg, &v, sizeof v) < 0 ? -EFAULT : 0;
    }
    if (copy_from_user(&v, (void *)arg, sizeof v) < 0)
        return -EFAULT;
    if (v < 0)
        return -EINVAL;
    if (!identity_pgrp_in_session(v, ctty_sid))
        return -EPERM;
    fg_pgrp = v;
    return 0;
}

long tty_ioctl(uint32_t cmd, uint32_t arg)
{
    load_defaults();
    switch (cmd) {
    case TCGETS:
        return copy_to_user((void *)arg, &settings, sizeof settings) < 0 ? -EFAULT : 0;
    case TCSETS:
    case TCSETSW:
    case TCSETSF:
        return set_termios(cmd, arg);
    case TIOCGWINSZ:
        return copy_to_user((void *)arg, &size, sizeof size) < 0 ? -EFAULT : 0;
    case TIOCSWINSZ:
        return copy_from_user(&size, (void *)arg, sizeof size) < 0 ? -EFAULT : 0;
    case FIONREAD: {
        int32_t n = (int32_t)tty_input_bytes();
        return copy_to_user((void *)arg, &n, sizeof n) < 0 ? -EFAULT : 0;
    }
    case TIOCGPGRP:
    case TIOCSPGRP:
    case TIOCGSID:
        return job_control(cmd, arg);
    }
    return -ENOTTY;
}
