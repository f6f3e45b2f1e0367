/* rtc.h: the CMOS real-time clock, read once at boot for the wall clock. */
#ifndef KERNEL_RTC_H
#define KERNEL_RTC_H

#include <stdint.h>

/* Seconds since 1970-01-01 00:00 UTC that the RTC shows now (QEMU keeps
 * it in UTC), or 0 when it shows no valid date. */
uint32_t rtc_read_epoch(void);

#endif
