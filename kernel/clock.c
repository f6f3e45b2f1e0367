/* clock.c: time. The PIT interrupts TIMER_HZ times a second; each tick
 * records the TSC. The TSC's rate is calibrated against the ticks over
 * the whole time since the second tick (the longer, the more exact), and
 * the monotonic clock is
 *     ticks * tick length + (TSC now - TSC at the last tick) in ns,
 * the second part held below one tick, so the clock has the TSC's
 * resolution (about a nanosecond) yet never runs ahead of the ticks.
 * CLOCK_REALTIME is the CMOS RTC's date at boot plus the monotonic clock
 * (settimeofday is not offered). CLOCK_MONOTONIC_RAW and CLOCK_BOOTTIME
 * are the monotonic clock (nothing adjusts it; the machine never
 * suspends); the _COARSE clocks count whole ticks. CPU-time clocks are
 * kernel/rusage.c's measurements. */
#include "kernel/clock.h"
#include "kernel/dev/rtc.h"
#include "kernel/errno.h"
#include "kernel/identity.h"
#include "kernel/proc.h"
#include "kernel/rusage.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/x86/timer.h"
#include "kernel/x86/x86.h"
#include "mm/uaccess.h"

#define NS_PER_SEC 1000000000ull
#define NS_PER_TICK (NS_PER_SEC / TIMER_HZ)

/* Linux's clock ids. */
#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7
#define CLOCK_TAI 11
#define TIMER_ABSTIME 1

static uint64_t boot_epoch_ns;          /* the wall clock at tick 0 */
static uint64_t tsc_at_tick;            /* the TSC at the last tick */
static uint64_t calib_tsc;              /* the TSC at tick calib_tick */
static uint32_t calib_tick;
static uint64_t cycles_per_tick;        /* 0 until two ticks have passed */
static uint64_t last_ns;                /* the latest time handed out */

void clock_init(void)
{
    boot_epoch_ns = (uint64_t)rtc_read_epoch() * NS_PER_SEC;
}

void clock_tick(void)
{
    uint64_t now = rdtsc();
    tsc_at_tick = now;
    if (!calib_tsc) {
        calib_tsc = now;
        calib_tick = jiffies;
    } else if (jiffies != calib_tick) {
        cycles_per_tick = (now - calib_tsc) / (jiffies - calib_tick);
    }
}

uint64_t clock_cycles_to_ns(uint64_t cycles)
{
    if (!cycles_per_tick)
        return 0;
    /* cycles * NS_PER_TICK / cycles_per_tick without overflowing 64 bits */
    uint64_t whole = cycles / cycles_per_tick, part = cycles % cycles_per_tick;
    return whole * NS_PER_TICK + part * NS_PER_TICK / cycles_per_tick;
}

uint64_t clock_monotonic_ns(void)
{
    int on = irq_save();
    uint64_t ns = (uint64_t)jiffies * NS_PER_TICK;
    if (cycles_per_tick) {
        uint64_t since = rdtsc() - tsc_at_tick;
        uint64_t sub = since >= cycles_per_tick ? NS_PER_TICK - 1
                                                : since * NS_PER_TICK / cycles_per_tick;
        ns += sub < NS_PER_TICK ? sub : NS_PER_TICK - 1;
    }
    if (ns < last_ns)
        ns = last_ns;                   /* a late tick: hold still until it comes */
    last_ns = ns;
    irq_restore(on);
    return ns;
}

/* The CPU-time clock a negative id names (Linux: ~pid << 3 | kind, bit 2
 * for a thread; glibc's clock_getcpuclockid): its process, or NULL. */
static struct proc *cpu_clock_proc(int clk)
{
    if (clk == CLOCK_PROCESS_CPUTIME_ID || clk == CLOCK_THREAD_CPUTIME_ID)
        return current;
    if (clk >= 0 || (clk & 3) == 3)
        return 0;
    int pid = ~(clk >> 3);
    return pid == 0 ? current : proc_find(pid);
}

/* The time on clock clk in ns into *ns, its resolution into *res.
 * 0 or -EINVAL (no such clock). */
static int clock_read(int clk, uint64_t *ns, uint64_t *res)
{
    uint64_t fine = cycles_per_tick ? (NS_PER_TICK + cycles_per_tick - 1) / cycles_per_tick
                                    : NS_PER_TICK;
    *res = fine;
    switch (clk) {
    case CLOCK_REALTIME:
    case CLOCK_TAI:
        *ns = boot_epoch_ns + clock_monotonic_ns();
        return 0;
    case CLOCK_MONOTONIC:
    case CLOCK_MONOTONIC_RAW:
    case CLOCK_BOOTTIME:
        *ns = clock_monotonic_ns();
        return 0;
    case CLOCK_REALTIME_COARSE:
    case CLOCK_MONOTONIC_COARSE:
        *res = NS_PER_TICK;
        *ns = (uint64_t)jiffies * NS_PER_TICK + (clk == CLOCK_REALTIME_COARSE ? boot_epoch_ns : 0);
        return 0;
    }
    struct proc *p = cpu_clock_proc(clk);
    if (!p)
        return -EINVAL;
    *ns = rusage_cpu_ns(p, 0);
    return 0;
}

/* Linux's struct old_timespec32 and struct __kernel_timespec. */
struct timespec32 {
    int32_t sec, nsec;
};
struct timespec64 {
    int64_t sec;
    int64_t nsec;
};

/* Copies ns out as a timespec of the given width (32 or 64 bits). */
static int put_timespec(void *uts, uint64_t ns, int wide)
{
    if (wide) {
        struct timespec64 t = { (int64_t)(ns / NS_PER_SEC), (int64_t)(ns % NS_PER_SEC) };
        return copy_to_user(uts, &t, sizeof t);
    }
    struct timespec32 t = { (int32_t)(ns / NS_PER_SEC), (int32_t)(ns % NS_PER_SEC) };
    return copy_to_user(uts, &t, sizeof t);
}

/* Reads a timespec of the given width into *ns. 0, -EFAULT, or -EINVAL
 * (negative, or nanoseconds out of [0, 1e9)). */
static int get_timespec(const void *uts, uint64_t *ns, int wide)
{
    int64_t sec, nsec;
    if (wide) {
        struct timespec64 t;
        if (copy_from_user(&t, uts, sizeof t) < 0)
            return -EFAULT;
        sec = t.sec;
        nsec = (int32_t)t.nsec;         /* a 32-bit program's nsec: the low half */
    } else {
        struct timespec32 t;
        if (copy_from_user(&t, uts, sizeof t) < 0)
            return -EFAULT;
        sec = t.sec;
        nsec = t.nsec;
    }
    if (sec < 0 || nsec < 0 || nsec >= (int64_t)NS_PER_SEC)
        return -EINVAL;
    *ns = sec >= (int64_t)(UINT64_MAX / NS_PER_SEC) - 1 ? UINT64_MAX - NS_PER_SEC
                                                         : (uint64_t)sec * NS_PER_SEC + (uint64_t)nsec;
    return 0;
}

static long clock_gettime_common(int clk, void *uts, int wide)
{
    uint64_t ns, res;
    int err = clock_read(clk, &ns, &res);
    if (err < 0)
        return err;
    return put_timespec(uts, ns, wide) < 0 ? -EFAULT : 0;
}

static long clock_getres_common(int clk, void *uts, int wide)
{
    uint64_t ns, res;
    int err = clock_read(clk, &ns, &res);
    if (err < 0)
        return err;
    return uts && put_timespec(uts, res, wide) < 0 ? -EFAULT : 0;
}

long sys_clock_gettime32(int clk, void *uts) { return clock_gettime_common(clk, uts, 0); }
long sys_clock_gettime64(int clk, void *uts) { return clock_gettime_common(clk, uts, 1); }
long sys_clock_getres32(int clk, void *uts) { return clock_getres_common(clk, uts, 0); }
long sys_clock_getres64(int clk, void *uts) { return clock_getres_common(clk, uts, 1); }

int clock_sleep_until(uint64_t deadline_ns, int (*ready)(void *), void *arg)
{
    for (;;) {
        if (ready && ready(arg))
            return 1;
        if (clock_monotonic_ns() >= deadline_ns)
            return 0;
        if (signal_pending())           /* a signal to handle, or a kill */
            return -EINTR;
        sleep_on((void *)&jiffies);     /* woken at every tick */
    }
}

/* Sleeps on clock clk (relative: for req_ns; TIMER_ABSTIME: until the
 * clock reads req_ns). When interrupted, a relative sleep stores the time
 * left in urem (if not NULL). Returns 0, -EINTR, -EINVAL (bad clock or
 * flags; CPU-time clocks are refused: a process asleep uses none, so such
 * a sleep could only end by a signal), -EOPNOTSUPP (a clock Linux cannot
 * sleep on either) or -EFAULT. */
static long clock_sleep(int clk, int flags, uint64_t req_ns, void *urem, int wide)
{
    uint64_t now = clock_monotonic_ns(), deadline;
    if (clk == CLOCK_MONOTONIC_RAW || clk == CLOCK_REALTIME_COARSE || clk == CLOCK_MONOTONIC_COARSE)
        return -EOPNOTSUPP;
    if (clk != CLOCK_REALTIME && clk != CLOCK_MONOTONIC && clk != CLOCK_BOOTTIME && clk != CLOCK_TAI)
        return -EINVAL;
    if (flags & ~TIMER_ABSTIME)
        return -EINVAL;
    if (flags & TIMER_ABSTIME) {
        uint64_t base = (clk == CLOCK_REALTIME || clk == CLOCK_TAI) ? boot_epoch_ns : 0;
        deadline = req_ns > base ? req_ns - base : 0;
    } else {
        deadline = req_ns > UINT64_MAX - now ? UINT64_MAX : now + req_ns;
    }
    if (clock_sleep_until(deadline, 0, 0) == 0)
        return 0;
    if (!(flags & TIMER_ABSTIME) && urem) {
        now = clock_monotonic_ns();
        if (put_timespec(urem, deadline > now ? deadline - now : 0, wide) < 0)
            return -EFAULT;
    }
    return -EINTR;
}

static long clock_nanosleep_common(int clk, int flags, const void *ureq, void *urem, int wide)
{
    uint64_t req;
    int err = get_timespec(ureq, &req, wide);
    if (err < 0)
        return err;
    return clock_sleep(clk, flags, req, urem, wide);
}

long sys_clock_nanosleep32(int clk, int flags, const void *ureq, void *urem)
{
    return clock_nanosleep_common(clk, flags, ureq, urem, 0);
}

long sys_clock_nanosleep64(int clk, int flags, const void *ureq, void *urem)
{
    return clock_nanosleep_common(clk, flags, ureq, urem, 1);
}

/* nanosleep(2): a relative sleep on CLOCK_MONOTONIC of at least the time
 * asked (the deadline is checked against the fine clock at every tick);
 * the time left goes to urem only when a signal interrupts the sleep,
 * which then fails with -EINTR and is never restarted (as Linux). */
long sys_nanosleep(const void *ureq, void *urem)
{
    return clock_nanosleep_common(CLOCK_MONOTONIC, 0, ureq, urem, 0);
}

long sys_gettimeofday(void *utv, void *utz)
{
    uint64_t ns = boot_epoch_ns + clock_monotonic_ns();
    int32_t tv[2] = { (int32_t)(ns / NS_PER_SEC), (int32_t)(ns % NS_PER_SEC / 1000) };
    static const int32_t utc[2] = { 0, 0 };     /* minutes west, DST: UTC */
    if (utv && copy_to_user(utv, tv, sizeof tv) < 0)
        return -EFAULT;
    if (utz && copy_to_user(utz, utc, sizeof utc) < 0)
        return -EFAULT;
    return 0;
}

long sys_time(int32_t *ut)
{
    int32_t t = (int32_t)((boot_epoch_ns + clock_monotonic_ns()) / NS_PER_SEC);
    if (ut && copy_to_user(ut, &t, sizeof t) < 0)
        return -EFAULT;
    return t;
}
