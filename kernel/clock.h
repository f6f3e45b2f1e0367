/* clock.h: the clocks: a monotonic clock counted in PIT ticks and refined
 * between ticks by the TSC (calibrated against the PIT as the machine
 * runs), the wall clock (the CMOS RTC read at boot, plus the monotonic
 * clock), and the system calls over them. */
#ifndef KERNEL_CLOCK_H
#define KERNEL_CLOCK_H

#include <stdint.h>

/* Reads the RTC; call once, before the timer starts. */
void clock_init(void);

/* The timer interrupt: a tick has passed (records the TSC at it). */
void clock_tick(void);

/* Nanoseconds since boot; never goes back. */
uint64_t clock_monotonic_ns(void);

/* TSC cycles as nanoseconds, at the calibrated rate (0 before the first
 * two ticks calibrate it). */
uint64_t clock_cycles_to_ns(uint64_t cycles);

long sys_time(int32_t *ut);                                                     /* 13 */
long sys_gettimeofday(void *utv, void *utz);                                    /* 78 */
long sys_nanosleep(const void *ureq, void *urem);                               /* 162 */
long sys_clock_gettime32(int clk, void *uts);                                   /* 265 */
long sys_clock_getres32(int clk, void *uts);                                    /* 266 */
long sys_clock_nanosleep32(int clk, int flags, const void *ureq, void *urem);   /* 267 */
long sys_clock_gettime64(int clk, void *uts);                                   /* 403 */
long sys_clock_getres64(int clk, void *uts);                                    /* 406 */
long sys_clock_nanosleep64(int clk, int flags, const void *ureq, void *urem);   /* 407 */

/* For poll and select (kernel/fs/poll.c): sleeps until the monotonic clock
 * reaches deadline_ns or until ready() is true, checking at every tick.
 * Returns 1 (ready), 0 (deadline) or -EINTR (a signal is pending). A
 * deadline of UINT64_MAX never comes. */
int clock_sleep_until(uint64_t deadline_ns, int (*ready)(void *), void *arg);

#endif
