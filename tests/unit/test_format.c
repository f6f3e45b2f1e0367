/* test_format.c: the printf-style formatter behind printk and ksnprintf:
 * every conversion, flag, width and precision, and truncation. */
#include "kernel/format.h"
#include "unit.h"

/* The cases pass odd formats on purpose. */
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
#pragma GCC diagnostic ignored "-Wformat-overflow"

static char buf[128];

#define FMT(...) (ksnprintf(buf, sizeof buf, __VA_ARGS__), buf)

static void test_decimal(void)
{
    CHECK_STR(FMT("%d %i", 42, -42), "42 -42");
    CHECK_STR(FMT("%d", (int)0x80000000), "-2147483648");
    CHECK_STR(FMT("%u", 4294967295u), "4294967295");
    CHECK_STR(FMT("%d", 0), "0");
}

static void test_hex(void)
{
    CHECK_STR(FMT("%x %X", 0xbeefu, 0xbeefu), "beef BEEF");
    CHECK_STR(FMT("%08x", 0x1234u), "00001234");
    CHECK_STR(FMT("%lx", 0xdeadbeefUL), "deadbeef");
}

static void test_pointer(void)
{
    CHECK_STR(FMT("%p", (void *)0xc0100000), "0xc0100000");
    CHECK_STR(FMT("%p", (void *)0x1000), "0x00001000");
}

static void test_width_and_padding(void)
{
    CHECK_STR(FMT("[%5d]", 42), "[   42]");
    CHECK_STR(FMT("[%-5d]", 42), "[42   ]");
    CHECK_STR(FMT("[%05d]", -42), "[-0042]");
    CHECK_STR(FMT("[%*d]", 4, 7), "[   7]");
    CHECK_STR(FMT("[%2d]", 12345), "[12345]");
}

static void test_string_and_char(void)
{
    CHECK_STR(FMT("%s|%c|%%", "abc", 'z'), "abc|z|%");
    CHECK_STR(FMT("[%-6s]", "ab"), "[ab    ]");
    CHECK_STR(FMT("[%6s]", "ab"), "[    ab]");
    CHECK_STR(FMT("%.2s", "abcdef"), "ab");
    CHECK_STR(FMT("%.*s", 3, "abcdef"), "abc");
    CHECK_STR(FMT("%s", (char *)0), "(null)");
}

static void test_truncation(void)
{
    char small[6];
    int n = ksnprintf(small, sizeof small, "%s", "abcdefgh");
    CHECK(n == 8);
    CHECK_STR(small, "abcde");
    CHECK(ksnprintf(small, 0, "xyz") == 3);
}

static void test_unknown_conversion(void)
{
    CHECK_STR(FMT("%q"), "%q");
    CHECK_STR(FMT("end%"), "end");
}

static const struct unit_case cases[] = {
    { "decimal", test_decimal },
    { "hex", test_hex },
    { "pointer", test_pointer },
    { "width_and_padding", test_width_and_padding },
    { "string_and_char", test_string_and_char },
    { "truncation", test_truncation },
    { "unknown_conversion", test_unknown_conversion },
};
UNIT_SUITE(cases)
