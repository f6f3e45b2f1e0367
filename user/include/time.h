/* time.h: time spans for nanosleep (32-bit time_t, as in Linux i386's ABI). */
#ifndef _TIME_H
#define _TIME_H

#include <sys/types.h>

struct timespec {
	time_t tv_sec;
	long tv_nsec;
};

int nanosleep(const struct timespec *request, struct timespec *remaining);

#endif
