/* clocks.c: the clocks and sleeps of a stock program: clock_gettime on the
 * monotonic clock (never backwards, finer than the 10 ms timer tick),
 * clock_getres, nanosleep and clock_nanosleep (relative and absolute) that
 * sleep at least as long as asked, gettimeofday and time that agree with
 * CLOCK_REALTIME, the process's CPU-time clock and times(). */
#define _GNU_SOURCE
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>
#include <stdlib.h>
#include "check.h"

#define MS 1000000LL

static long long ns_of(const struct timespec *t)
{
    return t->tv_sec * 1000000000LL + t->tv_nsec;
}

static long long now(clockid_t c)
{
    struct timespec t;
    clock_gettime(c, &t);
    return ns_of(&t);
}

/* Spins until the process has used ms milliseconds of CPU time. */
static void burn_cpu(long long ms)
{
    long long start = now(CLOCK_PROCESS_CPUTIME_ID);
    volatile unsigned x = 0;
    while (now(CLOCK_PROCESS_CPUTIME_ID) - start < ms * MS)
        for (int i = 0; i < 10000; i++)
            x += i;
}

/* The smallest step the monotonic clock is seen to take. */
static long long smallest_step(void)
{
    long long best = 1000000000LL;
    for (int round = 0; round < 20; round++) {
        long long a = now(CLOCK_MONOTONIC), b;
        while ((b = now(CLOCK_MONOTONIC)) == a)
            ;
        if (b - a < best)
            best = b - a;
    }
    return best;
}

static void monotonic(void)
{
    struct timespec res;
    long long prev = now(CLOCK_MONOTONIC), backwards = 0;
    for (int i = 0; i < 20000; i++) {
        long long t = now(CLOCK_MONOTONIC);
        backwards += t < prev;
        prev = t;
    }
    CHECK("monotonic clock never goes back", backwards == 0);
    long long step = smallest_step();
    printf("monotonic clock: smallest step %lld ns\n", step);
    CHECK("monotonic clock steps below 1 ms (finer than a tick)", step > 0 && step < MS);
    CHECK("clock_getres(MONOTONIC) below 1 ms",
          clock_getres(CLOCK_MONOTONIC, &res) == 0 && res.tv_sec == 0 && res.tv_nsec > 0 &&
          res.tv_nsec < MS);
    CHECK("clock_getres(REALTIME) below 1 ms",
          clock_getres(CLOCK_REALTIME, &res) == 0 && res.tv_sec == 0 && res.tv_nsec < MS);
    CHECK("clock_getres(MONOTONIC_COARSE) is a tick: 1 to 10 ms",
          clock_getres(CLOCK_MONOTONIC_COARSE, &res) == 0 && res.tv_sec == 0 &&
          res.tv_nsec >= MS && res.tv_nsec <= 10 * MS);
    long long raw = now(CLOCK_MONOTONIC_RAW), boot = now(CLOCK_BOOTTIME), mono = now(CLOCK_MONOTONIC);
    CHECK("MONOTONIC_RAW and BOOTTIME near MONOTONIC",
          llabs(raw - mono) < 1000 * MS && boot >= mono - 1000 * MS);
    long long coarse = now(CLOCK_MONOTONIC_COARSE);
    mono = now(CLOCK_MONOTONIC);
    CHECK("MONOTONIC_COARSE within a tick behind MONOTONIC", coarse <= mono && mono - coarse < 20 * MS);
    errno = 0;
    CHECK("clock_gettime(bad clock) is EINVAL",
          clock_gettime((clockid_t)12345, &res) == -1 && errno == EINVAL);
    errno = 0;
    CHECK("clock_gettime to a bad pointer is EFAULT",
          syscall(SYS_clock_gettime64, CLOCK_MONOTONIC, (void *)16) == -1 && errno == EFAULT);
    struct { long sec, nsec; } old;
    long long t64 = now(CLOCK_MONOTONIC);
    CHECK("32-bit clock_gettime (265) agrees with clock_gettime64",
          syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &old) == 0 &&
          llabs(old.sec * 1000000000LL + old.nsec - t64) < 1000 * MS);
    CHECK("32-bit clock_getres (266) below 1 ms",
          syscall(SYS_clock_getres, CLOCK_MONOTONIC, &old) == 0 && old.sec == 0 && old.nsec < MS);
}

static void sleeps(void)
{
    struct timespec req = { 0, 50 * MS }, rem = { 7, 7 };
    long long t0 = now(CLOCK_MONOTONIC);
    CHECK("nanosleep 50 ms", nanosleep(&req, &rem) == 0);
    long long slept = now(CLOCK_MONOTONIC) - t0;
    printf("nanosleep 50 ms took %lld us\n", slept / 1000);
    CHECK("nanosleep 50 ms takes at least 50 ms", slept >= 50 * MS);
    CHECK("nanosleep leaves rem alone when not interrupted", rem.tv_sec == 7 && rem.tv_nsec == 7);
    req.tv_nsec = 1000000000;
    errno = 0;
    CHECK("nanosleep with tv_nsec 1e9 is EINVAL", nanosleep(&req, 0) == -1 && errno == EINVAL);
    req.tv_sec = -1;
    req.tv_nsec = 0;
    errno = 0;
    CHECK("nanosleep with a negative time is EINVAL", nanosleep(&req, 0) == -1 && errno == EINVAL);

    req.tv_sec = 0;
    req.tv_nsec = 30 * MS;
    t0 = now(CLOCK_MONOTONIC);
    CHECK("clock_nanosleep relative 30 ms", clock_nanosleep(CLOCK_MONOTONIC, 0, &req, 0) == 0);
    CHECK("... took at least 30 ms", now(CLOCK_MONOTONIC) - t0 >= 30 * MS);
    struct timespec until;
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_nsec += 40 * MS;
    if (until.tv_nsec >= 1000000000) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000;
    }
    CHECK("clock_nanosleep TIMER_ABSTIME",
          clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, 0) == 0);
    CHECK("... woke at or after the deadline", now(CLOCK_MONOTONIC) >= ns_of(&until));
    CHECK("clock_nanosleep TIMER_ABSTIME in the past returns at once",
          clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &(struct timespec){ 1, 0 }, 0) == 0);
    CHECK("clock_nanosleep on the thread's CPU clock is EINVAL",
          clock_nanosleep(CLOCK_THREAD_CPUTIME_ID, 0, &req, 0) == EINVAL);
    CHECK("clock_nanosleep on a bad clock is EINVAL",
          clock_nanosleep((clockid_t)12345, 0, &req, 0) == EINVAL);
}

static void wall_clock(void)
{
    struct timeval tv;
    struct timespec rt;
    CHECK("gettimeofday", gettimeofday(&tv, 0) == 0);
    time_t t = time(0), t2;
    clock_gettime(CLOCK_REALTIME, &rt);
    printf("gettimeofday %ld.%06ld, time %ld\n", (long)tv.tv_sec, (long)tv.tv_usec, (long)t);
    CHECK("tv_usec below a million", tv.tv_usec >= 0 && tv.tv_usec < 1000000);
    CHECK("gettimeofday and time agree", t - tv.tv_sec >= 0 && t - tv.tv_sec <= 1);
    CHECK("time and CLOCK_REALTIME agree", rt.tv_sec - t >= 0 && rt.tv_sec - t <= 1);
    CHECK("time(&t) stores what it returns", time(&t2) == t2);
    CHECK("the wall clock is past 2020", t > 1577836800);
    errno = 0;
    CHECK("time to a bad pointer is EFAULT",
          syscall(SYS_time, (void *)16) == -1 && errno == EFAULT);
}

static void cpu_time(void)
{
    struct tms a, b;
    clock_t c0 = times(&a);
    long long cpu0 = now(CLOCK_PROCESS_CPUTIME_ID);
    burn_cpu(200);
    long long cpu1 = now(CLOCK_PROCESS_CPUTIME_ID);
    clock_t c1 = times(&b);
    long hz = sysconf(_SC_CLK_TCK);
    printf("times: %ld ticks elapsed, user %ld -> %ld, system %ld -> %ld\n", (long)(c1 - c0),
           (long)a.tms_utime, (long)b.tms_utime, (long)a.tms_stime, (long)b.tms_stime);
    CHECK("sysconf(_SC_CLK_TCK) is 100", hz == 100);
    CHECK("process CPU clock counted the 200 ms spent", cpu1 - cpu0 >= 200 * MS);
    CHECK("times(): user + system grew by about 20 ticks",
          (b.tms_utime + b.tms_stime) - (a.tms_utime + a.tms_stime) >= 15);
    CHECK("times(): elapsed ticks at least the CPU time", c1 - c0 >= 15);
    CHECK("times(): no children yet", b.tms_cutime == 0 && b.tms_cstime == 0);
    cpu0 = now(CLOCK_PROCESS_CPUTIME_ID);
    nanosleep(&(struct timespec){ 0, 100 * MS }, 0);
    cpu1 = now(CLOCK_PROCESS_CPUTIME_ID);
    printf("CPU time used while asleep 100 ms: %lld us\n", (cpu1 - cpu0) / 1000);
    CHECK("sleeping uses (almost) no CPU time", cpu1 - cpu0 < 50 * MS);
    struct timespec res;
    CHECK("clock_getres(PROCESS_CPUTIME_ID) below 1 ms",
          clock_getres(CLOCK_PROCESS_CPUTIME_ID, &res) == 0 && res.tv_sec == 0 &&
          res.tv_nsec < MS);
    clockid_t own;
    CHECK("clock_getcpuclockid(0) names our CPU clock",
          clock_getcpuclockid(0, &own) == 0 && clock_gettime(own, &res) == 0 &&
          llabs(ns_of(&res) - now(CLOCK_PROCESS_CPUTIME_ID)) < 100 * MS);
}

int main(void)
{
    monotonic();
    sleeps();
    wall_clock();
    cpu_time();
    return check_done("clocks");
}
