/* libc.c: the rest of the C library a course touches, on this kernel:
 * setjmp/longjmp (which glibc mangles with a secret from the TLS block),
 * atexit handlers in reverse order at exit, qsort and bsearch, strtod and
 * strtol with their edge cases and errno, string functions, and the
 * stack protector's canary (from AT_RANDOM, kept at %gs:0x14). */
#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"

static jmp_buf env;
static int depth;

static void dive(int n)
{
    volatile char pad[256];
    pad[0] = (char)n;
    depth = n + pad[0] - n;
    if (n == 50)
        longjmp(env, 7);
    if (n < 100)
        dive(n + 1);
}

static void test_setjmp(void)
{
    volatile int passes = 0;
    int r = setjmp(env);
    passes++;
    if (r == 0)
        dive(0);
    CHECK("longjmp from 50 frames down returns 7 from setjmp", r == 7 && depth == 50 && passes == 2);
    sigjmp_buf senv;
    r = sigsetjmp(senv, 0);
    if (r == 0)
        siglongjmp(senv, 0);
    CHECK("longjmp with 0 makes setjmp return 1", r == 1);
}

static int handler_fd = -1;
static void handler_a(void) { write(handler_fd, "a", 1); }
static void handler_b(void) { write(handler_fd, "b", 1); }

static void test_atexit(void)
{
    fflush(stdout);
    int fds[2];
    if (pipe(fds) < 0) {
        CHECK("pipe", 0);
        return;
    }
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        handler_fd = fds[1];
        atexit(handler_a);
        atexit(handler_b);
        exit(9);
    }
    close(fds[1]);
    char out[64] = { 0 };
    size_t got = 0;
    ssize_t n;
    while (got < sizeof out - 1 && (n = read(fds[0], out + got, sizeof out - 1 - got)) > 0)
        got += (size_t)n;
    close(fds[0]);
    int st;
    CHECK("exit runs the child's atexit handlers in reverse order",
          strcmp(out, "ba") == 0);
    CHECK("and exits with exit's code",
          waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 9);
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static void test_qsort(void)
{
    static int v[2000];
    unsigned s = 12345;
    for (int i = 0; i < 2000; i++) {
        s = s * 1103515245 + 12345;
        v[i] = (int)(s >> 8) % 100000 - 50000;
    }
    qsort(v, 2000, sizeof v[0], cmp_int);
    int sorted = 1;
    for (int i = 1; i < 2000; i++)
        sorted &= v[i - 1] <= v[i];
    CHECK("qsort of 2000 ints", sorted);
    int key = v[1234];
    int *hit = bsearch(&key, v, 2000, sizeof v[0], cmp_int);
    CHECK("bsearch finds one", hit && *hit == key);
    SAY("smallest %d, largest %d", v[0], v[1999]);
}

static void test_strtod(void)
{
    char *end;
    CHECK("strtod(\"3.25e2xyz\")", strtod("3.25e2xyz", &end) == 325.0 && strcmp(end, "xyz") == 0);
    CHECK("strtod of hex", strtod("0x1.8p1", NULL) == 3.0);
    CHECK("strtod(\"-inf\"), (\"nan\")", isinf(strtod("-inf", NULL)) && isnan(strtod("nan", NULL)));
    errno = 0;
    CHECK("strtod overflow: HUGE_VAL, ERANGE", strtod("1e400", NULL) == HUGE_VAL && errno == ERANGE);
    CHECK("strtod rounds correctly", strtod("0.1", NULL) == 0.1 && strtod("2.2250738585072014e-308", NULL) == DBL_MIN);
    CHECK("strtold", strtold("1.1", NULL) == 1.1L);
    CHECK("strtof", strtof("1.5", NULL) == 1.5f);
    errno = 0;
    CHECK("strtol overflow: LONG_MAX, ERANGE", strtol("99999999999", NULL, 10) == LONG_MAX && errno == ERANGE);
    CHECK("strtol base 0: hex and octal", strtol("0x1f", NULL, 0) == 31 && strtol("017", NULL, 0) == 15);
    CHECK("strtoull", strtoull("18446744073709551615", NULL, 10) == ULLONG_MAX);
    CHECK("atoi", atoi("  -42abc") == -42);
    SAY("%.17g %.17g", strtod("1.7976931348623157e308", NULL), strtod("4.9e-324", NULL));
}

static void test_strings(void)
{
    char a[64];
    strcpy(a, "hello");
    strcat(a, ", world");
    CHECK("strcpy, strcat, strlen", strlen(a) == 12 && strcmp(a, "hello, world") == 0);
    CHECK("strchr, strrchr, strstr", strchr(a, 'o') == a + 4 && strrchr(a, 'o') == a + 8 &&
          strstr(a, "wor") == a + 7);
    CHECK("memmove overlapping", (memmove(a + 1, a, 5), memcmp(a, "hhello", 6) == 0));
    CHECK("strncmp, memcmp signs", strncmp("abc", "abd", 2) == 0 && memcmp("a", "b", 1) < 0);
    CHECK("strerror(ENOENT)", strcmp(strerror(ENOENT), "No such file or directory") == 0);
}

/* -fstack-protector-all makes this function check its canary. */
__attribute__((optimize("stack-protector-all"), noinline))
static int guarded(int n)
{
    volatile char b[32];
    for (int i = 0; i < 32; i++)
        b[i] = (char)(n + i);
    return b[31];
}

static void test_canary(void)
{
    unsigned long canary;
    __asm__("movl %%gs:0x14, %0" : "=r"(canary));
    CHECK("the stack canary at %gs:0x14 is set", canary != 0);
    CHECK("a stack-protected function returns", guarded(1) == 32);
}

int main(void)
{
    test_setjmp();
    test_atexit();
    test_qsort();
    test_strtod();
    test_strings();
    test_canary();
    return check_done("libc");
}
