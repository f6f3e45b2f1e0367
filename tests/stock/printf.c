/* printf.c: glibc's printf family, every conversion a course uses:
 * integers of every size and base, characters and strings, floating point
 * (%f %e %g %a, double and long double, special values), widths,
 * precisions and flags, %n, and snprintf's truncation. The exact strings
 * are Linux's; pointers (%p) differ from run to run and are only checked
 * for their form. */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "check.h"

static char buf[512];

/* One case: the formatted string must be want. */
#define FMT(name, want, ...)                                            \
    do {                                                                \
        snprintf(buf, sizeof buf, __VA_ARGS__);                         \
        CHECK(name, strcmp(buf, want) == 0);                            \
        if (strcmp(buf, want) != 0)                                     \
            printf("  got \"%s\", want \"%s\"\n", buf, want);           \
    } while (0)

static void test_integers(void)
{
    FMT("%d %i negative and positive", "-2147483648 2147483647", "%d %i", INT_MIN, INT_MAX);
    FMT("%u %o %x %X", "4294967295 17777777777 deadbeef DEADBEEF", "%u %o %x %X",
        UINT_MAX, 2147483647u, 0xdeadbeefu, 0xdeadbeefu);
    FMT("%hhd %hd", "-128 -32768", "%hhd %hd", (signed char)-128, (short)-32768);
    FMT("%ld %lu", "-2147483648 4294967295", "%ld %lu", LONG_MIN, ULONG_MAX);
    FMT("%lld %llu", "-9223372036854775808 18446744073709551615", "%lld %llu", LLONG_MIN, ULLONG_MAX);
    FMT("%llx", "123456789abcdef0", "%llx", 0x123456789abcdef0ull);
    FMT("%jd %zu %td", "-1 4294967295 -5", "%jd %zu %td", (intmax_t)-1, (size_t)-1, (ptrdiff_t)-5);
    FMT("width and -", "[   42][42   ]", "[%5d][%-5d]", 42, 42);
    FMT("0 flag", "[00042][-0042]", "[%05d][%05d]", 42, -42);
    FMT("+ and space", "[+42][ 42][-42]", "[%+d][% d][% d]", 42, 42, -42);
    FMT("# with o x X", "[052][0x2a][0X2A][0]", "[%#o][%#x][%#X][%#x]", 42, 42, 42, 0);
    FMT("precision on integers", "[00042][][    007]", "[%.5d][%.0d][%7.3d]", 42, 0, 7);
    FMT("* width and precision", "[  3.14][0042]", "[%*.*f][%.*d]", 6, 2, 3.14159, 4, 42);
    FMT("%%", "100%", "%d%%", 100);
}

static void test_chars_and_strings(void)
{
    FMT("%c", "[a][  b][c  ]", "[%c][%3c][%-3c]", 'a', 'b', 'c');
    FMT("%s", "[hello][  hi][hi  ]", "[%s][%4s][%-4s]", "hello", "hi", "hi");
    FMT("%.Ns", "[hel][he   ]", "[%.3s][%-5.2s]", "hello", "hello");
    char *volatile null_string = NULL;
    FMT("(null) for %s of NULL", "(null)", "%s", null_string);
    FMT("positional arguments", "b a", "%2$s %1$s", "a", "b");
    int n = -1;
    snprintf(buf, sizeof buf, "abc%ndef", &n);
    CHECK("%n counts what came before", n == 3 && strcmp(buf, "abcdef") == 0);
}

static void test_floats(void)
{
    FMT("%f", "3.141593 -0.500000 0.000000", "%f %f %f", M_PI, -0.5, 0.0);
    FMT("%.Nf rounding", "2.7 2.72 3 0.1 0.9", "%.1f %.2f %.0f %.1f %.1f", 2.71828, 2.71828,
        2.5001, 0.05001, 0.95);      /* 0.95 is 0.94999... in binary */
    FMT("%e", "1.234568e+05 -1.000000e-10", "%e %e", 123456.789, -1e-10);
    FMT("%E %G", "1.500000E+300 1E-05", "%E %G", 1.5e300, 1e-5);
    FMT("%g", "100000 1e+06 0.0001 1e-05 3.14159", "%g %g %g %g %g", 1e5, 1e6, 1e-4, 1e-5, M_PI);
    FMT("%#g keeps zeros", "1.00000 2.", "%#g %#.0f", 1.0, 2.0);
    FMT("%a", "0x1p+0 0x1.8p+1 -0x1.999999999999ap-4", "%a %a %a", 1.0, 3.0, -0.1);
    FMT("%A", "0X1.FFFFFFFFFFFFFP+1023", "%A", DBL_MAX);
    FMT("width, flags on floats", "[   3.14][3.14   ][+3.14][003.14]", "[%7.2f][%-7.2f][%+.2f][%06.2f]",
        3.14159, 3.14159, 3.14159, 3.14159);
    FMT("inf nan", "inf -inf nan INF", "%f %f %f %F", INFINITY, -INFINITY, NAN, INFINITY);
    FMT("-0.0", "-0.000000 -0", "%f %g", -0.0, -0.0);
    FMT("large %f", "1000000000000000019884624838656.000000", "%f", 1e30);
    FMT("subnormal %g", "4.94066e-324", "%g", 4.9406564584124654e-324);
    FMT("float promoted", "0.100000001490116", "%.15f", (double)0.1f);
}

static void test_long_double(void)
{
    FMT("%Lf", "3.141592653589793239", "%.18Lf", 3.14159265358979323846264L);
    FMT("%Le", "1.000000000000000000e-4000", "%.18Le", 1e-4000L);
    FMT("%Lg", "0.333333333333333333342", "%.21Lg", 1.0L / 3);
    FMT("%La", "0xap-3", "%La", 1.25L);
    FMT("LDBL_MAX", "1.18973149535723176502e+4932", "%.20Le", LDBL_MAX);
}

static void test_snprintf(void)
{
    char small[8];
    const char *volatile long_string = "abcdefghij";
    int n = snprintf(small, sizeof small, "%s", long_string);
    CHECK("snprintf truncates and counts", n == 10 && strcmp(small, "abcdefg") == 0);
    CHECK("snprintf with size 0", snprintf(NULL, 0, "%d", 123456) == 6);
    void *p = &n;
    snprintf(buf, sizeof buf, "%p", p);
    CHECK("%p is 0x and hex", strncmp(buf, "0x", 2) == 0 && strspn(buf + 2, "0123456789abcdef") ==
          strlen(buf) - 2);
    FMT("%p of NULL", "(nil)", "%p", (void *)0);
    printf("  %%p of a stack address: %p\n", p);
}

int main(void)
{
    test_integers();
    test_chars_and_strings();
    test_floats();
    test_long_double();
    test_snprintf();
    return check_done("printf");
}
