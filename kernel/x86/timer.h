/* timer.h: the PIT at TIMER_HZ, and the tick count since boot. */
#ifndef KERNEL_TIMER_H
#define KERNEL_TIMER_H

#include <stdint.h>

#define TIMER_HZ 100

extern volatile uint32_t jiffies;

void timer_init(void);

#endif
