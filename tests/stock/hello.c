/* hello.c: the first program of every course, built by the stock
 * toolchain: glibc's start-up (TLS, the auxiliary vector, stdio) and
 * printf of integers, strings and floating point. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

int main(int argc, char **argv)
{
    char buf[128];
    printf("hello, world\n");
    CHECK("argv[0]", argc >= 1 && strstr(argv[0], "hello") != NULL);
    snprintf(buf, sizeof buf, "%d %u %x %5s|%-3c|", -42, 42u, 0xbeefu, "ab", 'z');
    CHECK("printf integers and strings", strcmp(buf, "-42 42 beef    ab|z  |") == 0);
    snprintf(buf, sizeof buf, "%.3f %e %g", 3.14159265, 1.5e-7, 0.0001);
    CHECK("printf floating point", strcmp(buf, "3.142 1.500000e-07 0.0001") == 0);
    SAY("sqrt(2) = %.15f, 1/3 = %.20Lg", sqrt(2.0), 1.0L / 3);
    return check_done("hello");
}
