/* rtc.c: reads the date and time from the MC146818 CMOS clock (ports
 * 0x70/0x71): waits until no update is in progress, reads until two reads
 * agree, decodes BCD and 12-hour forms (status register B says which),
 * and counts the seconds since 1970. */
#include "kernel/dev/rtc.h"
#include "kernel/x86/x86.h"

#define CMOS_INDEX 0x70
#define CMOS_DATA 0x71
#define REG_A 0x0A              /* bit 7: update in progress */
#define REG_B 0x0B              /* bit 1: 24-hour; bit 2: binary (not BCD) */

enum { SEC, MIN, HOUR, DAY, MONTH, YEAR, CENTURY, NFIELDS };
static const uint8_t field_reg[NFIELDS] = { 0x00, 0x02, 0x04, 0x07, 0x08, 0x09, 0x32 };

static uint8_t cmos_read(uint8_t reg)
{
    outb(CMOS_INDEX, reg);
    return inb(CMOS_DATA);
}

static void read_fields(uint8_t *v)
{
    for (int spin = 0; spin < 100000 && (cmos_read(REG_A) & 0x80); spin++)
        ;
    for (int i = 0; i < NFIELDS; i++)
        v[i] = cmos_read(field_reg[i]);
}

static uint32_t bcd(uint8_t x)
{
    return (x & 0x0F) + (x >> 4) * 10;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian calendar). */
static uint32_t days_since_1970(uint32_t y, uint32_t m, uint32_t d)
{
    static const uint16_t before_month[12] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };
    uint32_t days = (y - 1970) * 365 + before_month[m - 1] + d - 1;
    days += (y - 1 - 1968) / 4 - (y - 1 - 1900) / 100 + (y - 1 - 1600) / 400;   /* leap days before y */
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return days + (leap && m > 2);
}

uint32_t rtc_read_epoch(void)
{
    uint8_t a[NFIELDS], b[NFIELDS];
    read_fields(a);
    for (int tries = 0; tries < 5; tries++) {
        read_fields(b);
        int same = 1;
        for (int i = 0; i < NFIELDS; i++)
            same = same && a[i] == b[i];
        if (same)
            break;
        for (int i = 0; i < NFIELDS; i++)
            a[i] = b[i];
    }
    uint8_t status = cmos_read(REG_B);
    int pm = !(status & 0x02) && (a[HOUR] & 0x80);
    a[HOUR] &= 0x7F;
    uint32_t v[NFIELDS];
    for (int i = 0; i < NFIELDS; i++)
        v[i] = (status & 0x04) ? a[i] : bcd(a[i]);
    if (!(status & 0x02))
        v[HOUR] = v[HOUR] % 12 + (pm ? 12 : 0);
    uint32_t year = v[YEAR] + (v[CENTURY] >= 19 && v[CENTURY] <= 21 ? v[CENTURY] * 100
                               : v[YEAR] < 70 ? 2000 : 1900);
    if (v[MONTH] < 1 || v[MONTH] > 12 || v[DAY] < 1 || v[DAY] > 31 || year < 1970 ||
        v[HOUR] > 23 || v[MIN] > 59 || v[SEC] > 60)
        return 0;
    return days_since_1970(year, v[MONTH], v[DAY]) * 86400 + v[HOUR] * 3600 + v[MIN] * 60 + v[SEC];
}
