/* itimer.c: each process's real-time interval timer (ITIMER_REAL), which
 * alarm(2) and setitimer(2) set: when it runs out, the process gets
 * SIGALRM, and a timer with an interval starts again. It counts timer
 * ticks (TIMER_HZ a second), so times are rounded up to 10 ms. */
#include "kernel/errno.h"
#include "kernel/proc.h"
#include "kernel/signal.h"
#include "kernel/x86/timer.h"
#include "mm/uaccess.h"

#define ITIMER_REAL 0
#define ITIMER_PROF 2
#define USEC_PER_TICK (1000000 / TIMER_HZ)

struct timeval32 {
    int32_t sec, usec;
};

struct itimerval32 {
    struct timeval32 interval, value;
};

void itimer_tick(void)
{
    for (int i = 1; i < NPROC; i++) {
        struct proc *p = &proc_table[i];
        struct sigstate *s = &p->sig;
        if (!s->alarm_at || p->state == PROC_UNUSED || p->state == PROC_ZOMBIE)
            continue;
        if ((int32_t)(jiffies - s->alarm_at) < 0)
            continue;
        s->alarm_at = s->alarm_interval ? jiffies + s->alarm_interval : 0;
        if (s->alarm_interval && !s->alarm_at)
            s->alarm_at = 1;
        struct ksiginfo info = { SIGALRM, 0, SI_KERNEL, { 0, 0, 0, 0, 0 } };
        signal_send(p, SIGALRM, &info);
    }
}

/* Ticks for a time, rounded up; a time that is not zero is a tick at least. */
static uint32_t to_ticks(const struct timeval32 *t)
{
    return (uint32_t)t->sec * TIMER_HZ + ((uint32_t)t->usec + USEC_PER_TICK - 1) / USEC_PER_TICK;
}

static struct timeval32 from_ticks(uint32_t ticks)
{
    struct timeval32 t = { (int32_t)(ticks / TIMER_HZ), (int32_t)(ticks % TIMER_HZ) * USEC_PER_TICK };
    return t;
}

/* The current process's timer as getitimer reports it. */
static struct itimerval32 itimer_get(void)
{
    const struct sigstate *s = &current->sig;
    struct itimerval32 v = { from_ticks(s->alarm_interval), { 0, 0 } };
    if (s->alarm_at) {
        int32_t left = (int32_t)(s->alarm_at - jiffies);
        v.value = left > 0 ? from_ticks((uint32_t)left) : (struct timeval32){ 0, 1 };
    }
    return v;
}

static void itimer_set(const struct itimerval32 *v)
{
    struct sigstate *s = &current->sig;
    uint32_t ticks = to_ticks(&v->value);
    s->alarm_interval = to_ticks(&v->interval);
    s->alarm_at = ticks ? jiffies + ticks : 0;
    if (ticks && !s->alarm_at)
        s->alarm_at = 1;
}

static int timeval_ok(const struct timeval32 *t)
{
    return t->sec >= 0 && t->usec >= 0 && t->usec < 1000000;
}

long sys_getitimer(int which, void *ucur)
{
    if (which < ITIMER_REAL || which > ITIMER_PROF)
        return -EINVAL;
    if (which != ITIMER_REAL)
        return -EINVAL;                 /* the CPU-time timers are not kept */
    struct itimerval32 v = itimer_get();
    return copy_to_user(ucur, &v, sizeof v) < 0 ? -EFAULT : 0;
}

/* A NULL new value disarms the timer, as Linux allows. */
long sys_setitimer(int which, const void *unew, void *uold)
{
    struct itimerval32 v = { { 0, 0 }, { 0, 0 } };
    if (which < ITIMER_REAL || which > ITIMER_PROF)
        return -EINVAL;
    if (unew && copy_from_user(&v, unew, sizeof v) < 0)
        return -EFAULT;
    if (!timeval_ok(&v.value) || !timeval_ok(&v.interval))
        return -EINVAL;
    if (which != ITIMER_REAL)
        return -EINVAL;                 /* the CPU-time timers are not kept */
    struct itimerval32 old = itimer_get();
    itimer_set(&v);
    if (uold && copy_to_user(uold, &old, sizeof old) < 0)
        return -EFAULT;
    return 0;
}

/* alarm(2): the seconds that were left (rounded to nearest, at least 1 if
 * any time was left, as Linux), and the new alarm in seconds (0: none). */
long sys_alarm(uint32_t seconds)
{
    struct itimerval32 old = itimer_get(), v = { { 0, 0 }, { (int32_t)seconds, 0 } };
    itimer_set(&v);
    long left = old.value.sec;
    if ((!left && old.value.usec) || old.value.usec >= 500000)
        left++;
    return left;
}
