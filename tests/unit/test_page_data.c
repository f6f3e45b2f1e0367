/* test_page_data.c: page_zero and page_copy (mm/page_data.c) change
 * exactly the 4 KiB they are given: every byte of it, none beside it. */
#include <stdint.h>
#include "mm/layout.h"
#include "mm/page_data.h"
#include "unit.h"

/* Three pages, the middle one under test, aligned as frames are. */
static uint8_t buf[3 * PAGE_SIZE] __attribute__((aligned(4096)));
static uint8_t src[PAGE_SIZE] __attribute__((aligned(4096)));

static void fill(uint8_t *p, uint32_t n, uint32_t seed)
{
    for (uint32_t i = 0; i < n; i++)
        p[i] = (uint8_t)(i * 7 + seed) | 1;     /* never zero */
}

static void zero_clears_every_byte_and_no_other(void)
{
    fill(buf, sizeof buf, 3);
    page_zero(buf + PAGE_SIZE);
    for (uint32_t i = 0; i < PAGE_SIZE; i++)
        CHECK(buf[PAGE_SIZE + i] == 0);
    CHECK(buf[PAGE_SIZE - 1] != 0 && buf[2 * PAGE_SIZE] != 0);
}

static void copy_copies_every_byte_and_no_other(void)
{
    fill(buf, sizeof buf, 5);
    fill(src, sizeof src, 11);
    uint8_t before = buf[PAGE_SIZE - 1], after = buf[2 * PAGE_SIZE];
    page_copy(buf + PAGE_SIZE, src);
    CHECK(memcmp(buf + PAGE_SIZE, src, PAGE_SIZE) == 0);
    CHECK(buf[PAGE_SIZE - 1] == before && buf[2 * PAGE_SIZE] == after);
}

static const struct unit_case cases[] = {
    { "zero_clears_every_byte_and_no_other", zero_clears_every_byte_and_no_other },
    { "copy_copies_every_byte_and_no_other", copy_copies_every_byte_and_no_other },
};

UNIT_SUITE(cases)
