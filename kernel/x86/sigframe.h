/* sigframe.h: the frames a signal handler runs on (Linux i386's layouts)
 * and sigreturn, which takes one back. */
#ifndef KERNEL_X86_SIGFRAME_H
#define KERNEL_X86_SIGFRAME_H

#include <stdint.h>

struct trapframe;
struct ksigaction;
struct ksiginfo;

/* Builds the frame for a handler of sig on the user stack (or the
 * alternate stack) and points the registers in *tf at the handler: the
 * rt frame (siginfo and ucontext) with SA_SIGINFO, the old one without.
 * oldmask is the mask sigreturn puts back. Returns 0, or -EFAULT when the
 * stack cannot take the frame (tf is then unchanged). */
int sigframe_setup(struct trapframe *tf, int sig, const struct ksigaction *ka,
                   const struct ksiginfo *info, uint64_t oldmask);

#endif
