/* sigtty.c: a read of the console that nobody types into, interrupted by
 * SIGALRM. Without SA_RESTART the read fails with EINTR; with SA_RESTART
 * it is made again after the handler, until a handler without SA_RESTART
 * (the third alarm's: the second one changes the action) lets it fail.
 * The console must stay silent, so this runs only under the kernel (the
 * QEMU test types nothing); on a host the terminal would answer. */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/time.h>
#include <unistd.h>
#include "check.h"

static volatile int alarms;

static void plain(int sig)
{
    (void)sig;
    alarms++;
}

static void set_handler(void (*fn)(int), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fn;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, NULL);
}

static void restarting(int sig)
{
    (void)sig;
    if (++alarms == 2)
        set_handler(plain, 0);          /* the next alarm interrupts for good */
}

int main(void)
{
    char buf[16];
    set_handler(plain, 0);
    alarm(1);
    errno = 0;
    ssize_t n = read(0, buf, sizeof buf);
    CHECK("read of a silent console: EINTR after the handler", n == -1 && errno == EINTR &&
          alarms == 1);

    alarms = 0;
    set_handler(restarting, SA_RESTART);
    struct itimerval it = { { 0, 300000 }, { 0, 300000 } };
    setitimer(ITIMER_REAL, &it, NULL);
    errno = 0;
    n = read(0, buf, sizeof buf);
    struct itimerval off = { { 0, 0 }, { 0, 0 } };
    setitimer(ITIMER_REAL, &off, NULL);
    CHECK("with SA_RESTART the read went on twice, then EINTR", n == -1 && errno == EINTR &&
          alarms == 3);
    return check_done("sigtty");
}
