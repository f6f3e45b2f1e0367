/* poll.c: waiting for descriptors: poll, ppoll, select and pselect on the
 * terminal (no input comes, so a wait on stdin ends by its timeout, after
 * at least that long), on a file (always ready) and on bad descriptors.
 * Where stdin is not a terminal (the host's reference run reads
 * /dev/null) it is ready at once instead, and the checks say so. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

static long long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000LL + t.tv_nsec / 1000000;
}

static void polls(int file, int tty)
{
    struct pollfd p[3] = { { 0, POLLIN, 0 } };
    long long t0 = now_ms();
    int r = poll(p, 1, 100);
    long long took = now_ms() - t0;
    printf("poll(stdin, 100 ms) = %d after %lld ms\n", r, took);
    CHECK("poll on stdin times out after 100 ms (ready when no terminal)",
          tty ? r == 0 && p[0].revents == 0 && took >= 100 : r == 1 && (p[0].revents & POLLIN));
    p[0] = (struct pollfd){ 1, POLLOUT, 0 };
    CHECK("poll: stdout is writable", poll(p, 1, 0) == 1 && p[0].revents == POLLOUT);
    p[0] = (struct pollfd){ file, POLLIN | POLLOUT, 0 };
    p[1] = (struct pollfd){ -1, POLLIN, 77 };
    p[2] = (struct pollfd){ 99, POLLIN, 0 };
    CHECK("poll: a file is ready, fd -1 is skipped, a closed fd is POLLNVAL",
          poll(p, 3, 1000) == 2 && p[0].revents == (POLLIN | POLLOUT) && p[1].revents == 0 &&
          p[2].revents == POLLNVAL);
    t0 = now_ms();
    CHECK("poll of nothing sleeps 50 ms", poll(0, 0, 50) == 0 && now_ms() - t0 >= 50);
    struct timespec ts = { 0, 50000000 };
    p[0] = (struct pollfd){ 0, POLLIN, 0 };
    t0 = now_ms();
    r = ppoll(p, 1, &ts, 0);
    took = now_ms() - t0;
    CHECK("ppoll on stdin times out after 50 ms (ready when no terminal)",
          tty ? r == 0 && took >= 50 : r == 1);
    sigset_t none;
    sigemptyset(&none);
    CHECK("ppoll with a signal mask, zero timeout",
          ppoll(p + 1, 1, &(struct timespec){ 0, 0 }, &none) == 0);
}

static void selects(int file, int tty)
{
    fd_set rd, wr;
    FD_ZERO(&rd);
    FD_SET(0, &rd);
    struct timeval tv = { 0, 100000 };
    long long t0 = now_ms();
    int r = select(1, &rd, 0, 0, &tv);
    long long took = now_ms() - t0;
    printf("select(stdin, 100 ms) = %d after %lld ms\n", r, took);
    CHECK("select on stdin times out after 100 ms (ready when no terminal)",
          tty ? r == 0 && !FD_ISSET(0, &rd) && took >= 100 : r == 1 && FD_ISSET(0, &rd));
    CHECK("select wrote back the time left", !tty || (tv.tv_sec == 0 && tv.tv_usec == 0));
    FD_ZERO(&rd);
    FD_ZERO(&wr);
    FD_SET(file, &rd);
    FD_SET(file, &wr);
    FD_SET(1, &wr);
    CHECK("select: a file is readable and writable, stdout writable",
          select(file + 1, &rd, &wr, 0, 0) == 3 && FD_ISSET(file, &rd) && FD_ISSET(file, &wr) &&
          FD_ISSET(1, &wr));
    FD_ZERO(&rd);
    FD_SET(20, &rd);
    errno = 0;
    CHECK("select on a closed descriptor is EBADF",
          select(21, &rd, 0, 0, &(struct timeval){ 0, 0 }) == -1 && errno == EBADF);
    errno = 0;
    CHECK("select with a negative count is EINVAL", select(-1, 0, 0, 0, 0) == -1 && errno == EINVAL);
    FD_ZERO(&rd);
    FD_SET(0, &rd);
    struct timespec ts = { 0, 50000000 };
    t0 = now_ms();
    r = pselect(1, &rd, 0, 0, &ts, 0);
    took = now_ms() - t0;
    CHECK("pselect on stdin times out after 50 ms (ready when no terminal)",
          tty ? r == 0 && took >= 50 : r == 1);
    CHECK("pselect leaves its timeout alone", ts.tv_sec == 0 && ts.tv_nsec == 50000000);
    t0 = now_ms();
    CHECK("select of nothing sleeps 30 ms",
          select(0, 0, 0, 0, &(struct timeval){ 0, 30000 }) == 0 && now_ms() - t0 >= 30);
}

int main(void)
{
    int tty = isatty(0);
    printf("stdin: %s\n", tty ? "a terminal" : "not a terminal");
    int file = open("/proc/self/maps", O_RDONLY);
    CHECK("open a file to wait on", file >= 0);
    polls(file, tty);
    selects(file, tty);
    return check_done("poll");
}
