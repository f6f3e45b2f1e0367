/* fpu.h: each process's x87/MMX/SSE registers. The kernel itself never
 * uses them (it is built with -mgeneral-regs-only); it only turns the unit
 * on, and saves and restores a process's registers around it. */
#ifndef KERNEL_X86_FPU_H
#define KERNEL_X86_FPU_H

#include <stdint.h>

/* The 512-byte area of fxsave/fxrstor (Intel SDM vol. 1, 10.5.1), which
 * must be 16-byte aligned: the x87 control, status and tag words, the
 * last instruction and operand, MXCSR, the eight x87/MMX registers and
 * the eight XMM registers. */
struct fpu_state {
    uint8_t area[512];
} __attribute__((aligned(16)));

/* Offsets of the fields fpu_state_init sets. */
#define FXSAVE_FCW   0      /* x87 control word (16 bits) */
#define FXSAVE_MXCSR 24     /* SSE control and status (32 bits) */

#define FPU_FCW_INIT   0x037F   /* what fninit sets: every exception masked, */
                                /* 64-bit precision, round to nearest */
#define FPU_MXCSR_INIT 0x1F80   /* the same for SSE (Linux's initial value) */

/* Checks that the processor has fxsave and SSE, and turns them on for user
 * programs: CR0.MP and CR0.NE set, CR0.EM and CR0.TS clear, CR4.OSFXSR
 * and CR4.OSXMMEXCPT set. Panics on a processor without them. */
void fpu_init(void);

/* Fills s with the state of a freshly started program: what fninit and
 * ldmxcsr 0x1F80 leave (exec). */
void fpu_state_init(struct fpu_state *s);

/* fxsave: the CPU's registers into s. */
void fpu_save(struct fpu_state *s);

/* fxrstor: s into the CPU's registers. */
void fpu_restore(const struct fpu_state *s);

#endif
