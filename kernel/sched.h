/* sched.h: sleeping and waking up: a process waits on a channel (any
 * address that names what it waits for) until someone wakes that channel. */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

/* Puts the current process to sleep on chan until wakeup(chan). Must be
 * called with interrupts off; returns with interrupts off. Returns 0, or
 * -EINTR if the process was killed while asleep (it must then return to
 * user mode, where it dies). Callers re-check their condition in a loop:
 * a signal also wakes a sleeper. A sleep a signal may interrupt checks
 * signal_pending() (kernel/signal.h) before each sleep and returns. */
int sleep_on(void *chan);

/* Makes every process sleeping on chan runnable. Any context, even an
 * interrupt handler. */
void wakeup(void *chan);

/* Gives the CPU to the next runnable process; returns when the current
 * one runs again (interrupts off). */
void schedule(void);

/* Set when the running process's time slice is over; the return to user
 * mode (kernel/x86/trap.c) then calls proc_before_user_return. */
extern volatile int need_resched;

/* Timer tick: wakes nanosleepers, ends time slices. */
void sched_tick(void);

/* The idle loop of process 0. */
void sched_idle(void) __attribute__((noreturn));

long sys_sched_yield(void);

#endif
