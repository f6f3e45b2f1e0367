/* fpu.c: the floating-point unit (x87) and SSE belong to each process.
 * This file turns them on at boot, holds the only code that touches the
 * FPU bits of CR0 and CR4, and saves and restores a process's registers.
 *
 * Eager switching: schedule() saves the old process's registers and loads
 * the new one's at every switch (fxsave/fxrstor, about 1 KiB of memory
 * traffic). The other way, lazy switching, sets CR0.TS and waits for the
 * device-not-available fault (#NM) of the next FPU instruction to swap
 * the registers. We do not, for the reasons Linux gave it up: glibc uses
 * SSE in memcpy, strlen and friends, so nearly every process touches the
 * unit in every time slice anyway; and a lazy switch leaves one process's
 * registers in the CPU while another runs, which speculative execution
 * has been shown to leak ("LazyFP", CVE-2018-3665). Eager is also simpler:
 * no #NM handler, no "who owns the registers now" state.
 *
 * Exceptions: CR0.NE makes an unmasked x87 exception a #MF (vector 16)
 * at the next FPU instruction, and CR4.OSXMMEXCPT makes an unmasked SSE
 * exception a #XM (vector 19); kernel/x86/trap.c turns both into SIGFPE
 * for the process. Their masks are the program's business (fenv.h). */
#include "kernel/x86/fpu.h"
#include "kernel/printk.h"
#include "kernel/string.h"
#include "kernel/x86/x86.h"

#define CR0_MP (1u << 1)        /* monitor coprocessor: wait/fwait honours TS */
#define CR0_EM (1u << 2)        /* emulate: FPU instructions fault (#NM) */
#define CR0_TS (1u << 3)        /* task switched: lazy switching's trap */
#define CR0_NE (1u << 5)        /* native errors: #MF, not the old IRQ 13 */
#define CR4_OSFXSR (1u << 9)    /* the OS saves with fxsave: SSE allowed */
#define CR4_OSXMMEXCPT (1u << 10)   /* the OS handles #XM */

#define CPUID_EDX_FXSR (1u << 24)
#define CPUID_EDX_SSE  (1u << 25)

void fpu_init(void)
{
    uint32_t a, b, c, d;
    cpuid(1, &a, &b, &c, &d);
    if ((d & (CPUID_EDX_FXSR | CPUID_EDX_SSE)) != (CPUID_EDX_FXSR | CPUID_EDX_SSE))
        panic("fpu_init: the processor has no fxsave or no SSE (cpuid edx %08x)", d);
    uint32_t cr0, cr4;
    __asm__ volatile("movl %%cr0, %0" : "=r"(cr0));
    cr0 = (cr0 | CR0_MP | CR0_NE) & ~(CR0_EM | CR0_TS);
    __asm__ volatile("movl %0, %%cr0" : : "r"(cr0));
    __asm__ volatile("movl %%cr4, %0" : "=r"(cr4));
    cr4 |= CR4_OSFXSR | CR4_OSXMMEXCPT;
    __asm__ volatile("movl %0, %%cr4" : : "r"(cr4));
    __asm__ volatile("fninit");
}

void fpu_state_init(struct fpu_state *s)
{
    /* fninit: control word 0x037F, status 0, every register empty (the
     * abridged tag byte of fxsave is 0 for "empty"), no last instruction.
     * Everything else, XMM registers included, is zero. */
    memset(s, 0, sizeof *s);
    uint16_t fcw = FPU_FCW_INIT;
    uint32_t mxcsr = FPU_MXCSR_INIT;
    memcpy(s->area + FXSAVE_FCW, &fcw, sizeof fcw);
    memcpy(s->area + FXSAVE_MXCSR, &mxcsr, sizeof mxcsr);
}

void fpu_save(struct fpu_state *s)
{
    __asm__ volatile("fxsave %0" : "=m"(*s));
}

void fpu_restore(const struct fpu_state *s)
{
    __asm__ volatile("fxrstor %0" : : "m"(*s));
}
