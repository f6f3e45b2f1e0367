/* test_cmdline.c: parsing the kernel command line: each option of
 * docs/design.md, the image path GRUB and QEMU put first, init's arguments after
 * `--`, sizes, and unknown options reported and ignored. */
#include "kernel/cmdline.h"
#include "kernel/printk.h"
#include "unit.h"

static struct boot_options o;

static void test_defaults(void)
{
    cmdline_parse("", &o);
    CHECK_STR(o.init, "/bin/sh");
    CHECK(o.mem_limit == 0 && !o.swap_off && !o.quiet && o.trace == 0);
    CHECK(o.ktest == NULL && o.init_argc == 0 && o.unknown == 0);
}

static void test_image_path_skipped(void)
{
    cmdline_parse("/boot/kernel.elf quiet", &o);
    CHECK(o.quiet && o.unknown == 0);
    cmdline_parse("build/kernel.elf", &o);
    CHECK(o.unknown == 0);
}

static void test_every_option(void)
{
    cmdline_parse("k.elf init=/bin/ls mem=8M swap=off trace=fault,swap quiet ktest=mm", &o);
    CHECK_STR(o.init, "/bin/ls");
    CHECK(o.mem_limit == 8u << 20);
    CHECK(o.swap_off && o.quiet);
    CHECK(o.trace == (TRACE_FAULT | TRACE_SWAP));
    CHECK_STR(o.ktest, "mm");
    CHECK(o.unknown == 0);
}

static void test_sizes(void)
{
    CHECK(cmdline_parse_size("4096") == 4096);
    CHECK(cmdline_parse_size("512K") == 512 * 1024);
    CHECK(cmdline_parse_size("16M") == 16 << 20);
    CHECK(cmdline_parse_size("1G") == 1 << 30);
    CHECK(cmdline_parse_size("") == -1);
    CHECK(cmdline_parse_size("12Q") == -1);
    CHECK(cmdline_parse_size("M") == -1);
}

static void test_init_arguments(void)
{
    cmdline_parse("k.elf init=/bin/echo -- hello   world mem=1M", &o);
    CHECK(o.init_argc == 3);
    CHECK_STR(o.init_argv[0], "hello");
    CHECK_STR(o.init_argv[1], "world");
    CHECK_STR(o.init_argv[2], "mem=1M");      /* after --: not an option */
    CHECK(o.mem_limit == 0);
}

static void test_unknown_reported(void)
{
    cmdline_parse("k.elf bogus=1 mem=lots trace=fault,nope frob", &o);
    CHECK(o.unknown == 4);
    CHECK(strstr(unit_log, "unknown option 'bogus=1' ignored"));
    CHECK(strstr(unit_log, "bad size in 'mem=lots'"));
    CHECK(strstr(unit_log, "unknown trace class 'nope'"));
    CHECK(strstr(unit_log, "unknown option 'frob' ignored"));
    CHECK(o.trace == TRACE_FAULT);
}

static void test_swap_values(void)
{
    cmdline_parse("k.elf swap=on", &o);
    CHECK(!o.swap_off && o.unknown == 0);
    cmdline_parse("k.elf swap=maybe", &o);
    CHECK(!o.swap_off && o.unknown == 1);
}

static void test_trace_all(void)
{
    cmdline_parse("k.elf trace=all", &o);
    CHECK(o.trace == TRACE_ALL && o.unknown == 0);
}

static void test_trace_names(void)
{
    CHECK(trace_class_from_name("syscall", 7) == TRACE_SYSCALL);
    CHECK(trace_class_from_name("sys", 3) == 0);
    CHECK_STR(trace_class_name(TRACE_COW), "cow");
}

static const struct unit_case cases[] = {
    { "defaults", test_defaults },
    { "image_path_skipped", test_image_path_skipped },
    { "every_option", test_every_option },
    { "sizes", test_sizes },
    { "init_arguments", test_init_arguments },
    { "unknown_reported", test_unknown_reported },
    { "swap_values", test_swap_values },
    { "trace_all", test_trace_all },
    { "trace_names", test_trace_names },
};
UNIT_SUITE(cases)
