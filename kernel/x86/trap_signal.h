/* trap_signal.h: CPU exceptions in user mode as signals. */
#ifndef KERNEL_X86_TRAP_SIGNAL_H
#define KERNEL_X86_TRAP_SIGNAL_H

struct trapframe;

/* Sends the current process the signal the exception in *tf (from user
 * mode, not a page fault) stands for, with its si_code and si_addr; the
 * return to user mode then takes it. */
void trap_signal(struct trapframe *tf);

#endif
