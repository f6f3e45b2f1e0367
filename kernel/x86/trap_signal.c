/* trap_signal.c: how a CPU exception in user mode becomes a signal, with
 * Linux's signal, si_code and si_addr for each (arch/x86's traps): the
 * process's handler learns what happened, or the default action ends it.
 * Page faults are decided in mm/fault.c instead. */
#include "kernel/x86/trap_signal.h"
#include "kernel/printk.h"
#include "kernel/proc.h"
#include "kernel/signal.h"
#include "kernel/string.h"
#include "kernel/x86/fpu.h"
#include "kernel/x86/trap.h"

#define FPE_FLTDIV 3
#define FPE_FLTOVF 4
#define FPE_FLTUND 5
#define FPE_FLTRES 6
#define FPE_FLTINV 7

/* Per vector: the signal, its si_code, and whether si_addr is the address
 * of the instruction (otherwise 0). Vectors not listed give SIGSEGV. */
static const struct {
    uint8_t sig, code, addr_is_eip;
} table[32] = {
    [T_DIVIDE] = { SIGFPE, FPE_INTDIV, 1 },         /* div, idiv by zero or overflow */
    [T_DEBUG] = { SIGTRAP, SI_KERNEL, 0 },
    [T_BREAKPOINT] = { SIGTRAP, SI_KERNEL, 0 },     /* int3 */
    [T_OVERFLOW] = { SIGSEGV, SI_KERNEL, 0 },       /* into */
    [T_BOUND] = { SIGSEGV, SI_KERNEL, 0 },          /* bound */
    [T_INVALID_OP] = { SIGILL, ILL_ILLOPN, 1 },     /* ud2, an unknown opcode */
    [T_NO_SEGMENT] = { SIGBUS, SI_KERNEL, 0 },
    [T_STACK] = { SIGBUS, SI_KERNEL, 0 },
    [T_GPF] = { SIGSEGV, SI_KERNEL, 0 },            /* in/out, hlt, cli, a bad selector */
    [T_FPU] = { SIGFPE, 0, 1 },                     /* #MF: code from the x87 status */
    [T_ALIGN] = { SIGBUS, BUS_ADRALN, 0 },
    [T_SIMD] = { SIGFPE, 0, 1 },                    /* #XM: code from MXCSR */
};

static uint16_t fx16(const struct fpu_state *f, int off)
{
    uint16_t v;
    memcpy(&v, f->area + off, sizeof v);
    return v;
}

/* The si_code of a floating-point exception: the first unmasked
 * exception flag that is set, in Linux's order. */
static int fpe_code(uint32_t trapno)
{
    fpu_save(&current->fpu);
    uint32_t err;
    if (trapno == T_SIMD) {
        uint32_t mxcsr;
        memcpy(&mxcsr, current->fpu.area + FXSAVE_MXCSR, sizeof mxcsr);
        err = ~(mxcsr >> 7) & mxcsr;
    } else {
        err = fx16(&current->fpu, 2) & ~fx16(&current->fpu, FXSAVE_FCW);
    }
    if (err & 0x001)
        return FPE_FLTINV;
    if (err & 0x004)
        return FPE_FLTDIV;
    if (err & 0x008)
        return FPE_FLTOVF;
    if (err & 0x012)
        return FPE_FLTUND;
    if (err & 0x020)
        return FPE_FLTRES;
    return 0;
}

void trap_signal(struct trapframe *tf)
{
    int sig = SIGSEGV, code = SI_KERNEL;
    uint32_t addr = 0;
    if (tf->trapno < 32 && table[tf->trapno].sig) {
        sig = table[tf->trapno].sig;
        code = table[tf->trapno].code;
        addr = table[tf->trapno].addr_is_eip ? tf->eip : 0;
    }
    if (tf->trapno == T_FPU || tf->trapno == T_SIMD)
        code = fpe_code(tf->trapno);
    if (current->sig.action[sig - 1].handler == SIG_DFL ||
        (current->sig.blocked & SIGBIT(sig)))
        printk("%s: pid %d (%s) at eip %p, error code 0x%x: killed by signal %d\n",
               trap_name(tf->trapno), current->pid, current->name, (void *)tf->eip,
               tf->err, sig);
    signal_force(sig, code, addr, tf->trapno, tf->err, 0);
}
