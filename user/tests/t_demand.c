/* t_demand.c: nothing is loaded until touched. A program with a 512 KiB
 * initialised array and a 1 MiB zero array starts with only a few pages
 * resident; touching one page of either costs exactly one fault (read
 * from the file, or zero-filled), and the counters in /proc/vmstat say so.
 * (The initialised array is in the file, and the initrd lives in RAM: half
 * a MiB is enough to show it, and leaves room for the mem=4M tests.) */
#include "t_common.h"
#include <procfile.h>

#define MIB (1 << 20)

char zeroes[MIB];                           /* bss: zero-filled on touch */
char initialised[MIB / 2] = { 1, 2, 3 };    /* data: read from the file on touch */

struct counters {
    unsigned long pgfault, zero_fill, file_fill;
};

static void read_counters(struct counters *c)
{
    static char text[2048];
    procfile_read("/proc/vmstat", text, sizeof text);
    procfile_value(text, "pgfault ", &c->pgfault);
    procfile_value(text, "zero_fill ", &c->zero_fill);
    procfile_value(text, "file_fill ", &c->file_fill);
}

static unsigned long vm_rss_kb(void)
{
    static char text[1024];
    unsigned long kb = 0;
    procfile_read("/proc/self/status", text, sizeof text);
    procfile_value(text, "VmRSS:", &kb);
    return kb;
}

static void starts_small(void)
{
    unsigned long rss = vm_rss_kb();
    printf("  resident at start: %lu KiB of a program with 1.5 MiB of arrays\n", rss);
    CHECK(rss < 256);
}

static void one_bss_page_one_fault(void)
{
    struct counters a, b;
    read_counters(&a);
    read_counters(&a);                  /* the second read faults nothing new */
    zeroes[5 * 4096 + 17] = 1;
    read_counters(&b);
    printf("  bss touch: pgfault +%lu, zero_fill +%lu, file_fill +%lu\n",
           b.pgfault - a.pgfault, b.zero_fill - a.zero_fill, b.file_fill - a.file_fill);
    CHECK(b.pgfault - a.pgfault == 1 && b.zero_fill - a.zero_fill == 1);
    CHECK(b.file_fill == a.file_fill);
}

static void one_data_page_one_fault(void)
{
    struct counters a, b;
    read_counters(&a);
    read_counters(&a);
    volatile char c = initialised[300 * 1024];
    (void)c;
    read_counters(&b);
    printf("  data touch: pgfault +%lu, zero_fill +%lu, file_fill +%lu\n",
           b.pgfault - a.pgfault, b.zero_fill - a.zero_fill, b.file_fill - a.file_fill);
    CHECK(b.pgfault - a.pgfault == 1 && b.file_fill - a.file_fill == 1);
    CHECK(initialised[0] == 1 && initialised[2] == 3);
}

static void touching_all_counts_every_page(void)
{
    struct counters a, b;
    read_counters(&a);
    read_counters(&a);
    for (int i = 0; i < MIB; i += 4096)
        zeroes[i] = 1;
    read_counters(&b);
    printf("  1 MiB of bss touched: zero_fill +%lu\n", b.zero_fill - a.zero_fill);
    CHECK(b.zero_fill - a.zero_fill >= 255 && b.zero_fill - a.zero_fill <= 257);
}

static const struct t_case cases[] = {
    { "starts_small", starts_small },
    { "one_bss_page_one_fault", one_bss_page_one_fault },
    { "one_data_page_one_fault", one_data_page_one_fault },
    { "touching_all_counts_every_page", touching_all_counts_every_page },
};
T_MAIN("t_demand", cases)
