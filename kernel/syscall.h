/* syscall.h: the system-call entry (int 0x80, Linux i386 ABI). */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include <stdint.h>

struct trapframe;

/* Calls the handler for the number in eax with the arguments in ebx, ecx,
 * edx, esi, edi, ebp, and puts the result (or -errno) in eax. Unknown
 * numbers give -ENOSYS. */
void syscall_dispatch(struct trapframe *tf);

/* The name of system call n (for traces and /proc), or NULL. */
const char *syscall_name(uint32_t n);

/* Counts of calls since boot. */
extern uint32_t syscall_count;

#endif
