/* monitor.h: the kernel monitor, a prompt on the console until there are
 * user programs. */
#ifndef KERNEL_MONITOR_H
#define KERNEL_MONITOR_H

void monitor_run(void) __attribute__((noreturn));
void monitor_print_memory(void);

#endif
