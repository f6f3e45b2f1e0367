/* sys/resource.h: resource limits and usage, with Linux i386's numbers and
 * layouts (getrlimit is the ugetrlimit call). */
#ifndef _SYS_RESOURCE_H
#define _SYS_RESOURCE_H

#include <sys/time.h>

#define RLIMIT_DATA   2
#define RLIMIT_STACK  3
#define RLIMIT_CORE   4
#define RLIMIT_NOFILE 7
#define RLIMIT_AS     9
#define RLIM_INFINITY 0xFFFFFFFFul

typedef unsigned long rlim_t;

struct rlimit {
	rlim_t rlim_cur;        /* the soft limit, which applies */
	rlim_t rlim_max;        /* the hard limit, the most the soft one may be */
};

int getrlimit(int resource, struct rlimit *r);
int setrlimit(int resource, const struct rlimit *r);

#define RUSAGE_SELF     0
#define RUSAGE_CHILDREN (-1)

struct rusage {
	struct timeval ru_utime;        /* user CPU time */
	struct timeval ru_stime;        /* system CPU time */
	long ru_maxrss, ru_ixrss, ru_idrss, ru_isrss;
	long ru_minflt;                 /* page faults without disk I/O */
	long ru_majflt;                 /* page faults that read swap */
	long ru_nswap, ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals;
	long ru_nvcsw, ru_nivcsw;       /* voluntary and involuntary switches */
};

int getrusage(int who, struct rusage *usage);

#endif
