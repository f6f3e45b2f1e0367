/* sys/times.h: CPU times in clock ticks of 1/100 s (times). */
#ifndef _SYS_TIMES_H
#define _SYS_TIMES_H

typedef long clock_t;

struct tms {
	clock_t tms_utime;      /* user time of the process */
	clock_t tms_stime;      /* system time of the process */
	clock_t tms_cutime;     /* ... of its waited-for children */
	clock_t tms_cstime;
};

/* Returns the ticks since boot. */
clock_t times(struct tms *t);

#endif
