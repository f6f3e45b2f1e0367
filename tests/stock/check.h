/* check.h: the harness of the stock programs (tests/stock/NAME.c). They are
 * ordinary C programs built with the distribution's `gcc -m32 -static`
 * against its libc, with no header of the project: what a student brings.
 *
 * Each check prints `ok NAME` or `FAIL NAME: why`, SAY prints a value as
 * a line beginning `= `, and the program ends with `PROG: N passed, M
 * failed` and exits with M. Those lines are the program's verdict, and
 * tests/run.py compares them with the same binary's lines on the host's
 * Linux (through qemu-i386 where the host cannot run i386 programs): the
 * output must be the same. Anything that differs from run to run
 * (addresses, pids, timings) goes on other lines. */
#ifndef STOCK_CHECK_H
#define STOCK_CHECK_H

#include <errno.h>
#include <stdio.h>
#include <string.h>

static int check_passed, check_failed;

static void check_result(int ok, const char *name, const char *expr, int line)
{
    if (ok) {
        printf("ok %s\n", name);
        check_passed++;
    } else {
        printf("FAIL %s: %s (line %d, errno %d %s)\n", name, expr, line, errno, strerror(errno));
        check_failed++;
    }
    fflush(stdout);
}

/* CHECK(name, condition): one named check. */
#define CHECK(name, cond) check_result(!!(cond), name, #cond, __LINE__)

/* SAY(format, ...): a value whose printed form must match Linux's. */
#define SAY(...) (printf("= " __VA_ARGS__), printf("\n"), fflush(stdout))

/* Prints the summary line; main returns its value. */
static int check_done(const char *prog)
{
    printf("%s: %d passed, %d failed\n", prog, check_passed, check_failed);
    fflush(stdout);
    return check_failed;
}

#endif
