/* timer.c: programs PIT channel 0 for TIMER_HZ interrupts (IRQ 0) and
 * counts ticks. The scheduler hooks in here once there are processes. */
#include "kernel/x86/timer.h"
#include "kernel/x86/pic.h"
#include "kernel/clock.h"
#include "kernel/sched.h"
#include "kernel/x86/x86.h"

#define PIT_HZ 1193182
#define PIT_CH0 0x40
#define PIT_CMD 0x43

volatile uint32_t jiffies;

static void timer_irq(void)
{
    jiffies++;
    clock_tick();                       /* the TSC at this tick, for the fine clock */
    sched_tick();
}

void timer_init(void)
{
    uint16_t divisor = PIT_HZ / TIMER_HZ;
    outb(PIT_CMD, 0x36);                /* channel 0, lo/hi byte, mode 3 */
    outb(PIT_CH0, divisor & 0xFF);
    outb(PIT_CH0, divisor >> 8);
    irq_register(0, timer_irq);
}
