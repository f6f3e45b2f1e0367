/* time.h: clocks and sleeps (32-bit time_t, as in Linux i386's ABI). */
#ifndef _TIME_H
#define _TIME_H

#include <sys/types.h>

struct timespec {
	time_t tv_sec;
	long tv_nsec;
};

typedef int clockid_t;

#define CLOCK_REALTIME           0
#define CLOCK_MONOTONIC          1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID  3
#define CLOCK_MONOTONIC_RAW      4
#define CLOCK_REALTIME_COARSE    5
#define CLOCK_MONOTONIC_COARSE   6
#define CLOCK_BOOTTIME           7
#define TIMER_ABSTIME            1

int nanosleep(const struct timespec *request, struct timespec *remaining);
int clock_gettime(clockid_t clock, struct timespec *t);
int clock_getres(clockid_t clock, struct timespec *res);
/* Returns 0 or an error number (not -1 and errno), as POSIX says. */
int clock_nanosleep(clockid_t clock, int flags, const struct timespec *request,
		    struct timespec *remaining);
time_t time(time_t *t);

#endif
