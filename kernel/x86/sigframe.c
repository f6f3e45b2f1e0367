/* sigframe.c: signal frames, byte for byte as Linux i386 builds them, so
 * that a C library's handlers and its sigreturn trampolines (glibc's
 * __restore_rt and __restore, musl's, ours) work unchanged; and
 * sigreturn / rt_sigreturn, which restore what the frame saved, letting a
 * user change only what a user may.
 *
 * The stack at handler entry, from high addresses down:
 *
 *     interrupted esp ->  ...
 *                         fxsave image (512 bytes, 64-byte aligned),
 *                           its last 48 bytes say "fxsave only" (magic1)
 *     sigcontext.fpstate  legacy fsave header (112 bytes: control, status
 *                           and full tag words, the eight x87 registers,
 *                           status again, magic 0x0000 = "fxsave follows")
 *                         the frame: struct rt_sigframe (SA_SIGINFO) or
 *     handler's esp ->      struct sigframe, esp + 4 16-byte aligned
 *
 * The handler returns into pretcode: the C library's restorer (SA_RESTORER)
 * or the frame's own retcode, which calls sigreturn. */
#include "kernel/x86/sigframe.h"
#include "kernel/errno.h"
#include "kernel/proc.h"
#include "kernel/signal.h"
#include "kernel/string.h"
#include "kernel/x86/fpu.h"
#include "kernel/x86/gdt.h"
#include "kernel/x86/tls.h"
#include "kernel/x86/trap.h"
#include "mm/uaccess.h"

/* struct sigcontext (Linux i386), 88 bytes. Selectors are 32-bit slots
 * whose upper halves are zero. */
struct sigcontext32 {
    uint32_t gs, fs, es, ds;
    uint32_t edi, esi, ebp, esp, ebx, edx, ecx, eax;
    uint32_t trapno, err, eip, cs, eflags, esp_at_signal, ss;
    uint32_t fpstate;                   /* user address of the FPU state, or 0 */
    uint32_t oldmask;                   /* the low word of the saved mask */
    uint32_t cr2;
};

struct ucontext32 {
    uint32_t uc_flags, uc_link;
    struct stack32 uc_stack;
    struct sigcontext32 uc_mcontext;
    uint64_t uc_sigmask;
};

struct rt_sigframe {
    uint32_t pretcode;
    int32_t sig;
    uint32_t pinfo, puc;                /* &info, &uc: the handler's 2nd and 3rd arguments */
    uint8_t info[SIGINFO_SIZE];
    struct ucontext32 uc;
    uint8_t retcode[8];
};

/* The legacy fsave header of Linux's struct _fpstate_32. */
struct fsave_header {
    uint32_t cw, sw, tag, ipoff, cssel, dataoff, datasel;
    uint8_t st[8][10];
    uint16_t status, magic;
};
#define FSAVE_ENV_SIZE 108              /* everything before status */
#define FXSR_MAGIC 0x0000               /* "an fxsave image follows" */
#define FPSTATE_SIZE (sizeof(struct fsave_header) + sizeof(struct fpu_state))

struct sigframe {
    uint32_t pretcode;
    int32_t sig;
    struct sigcontext32 sc;
    uint8_t fpstate_unused[FPSTATE_SIZE];   /* kept so extramask stays where it was */
    uint32_t extramask;                 /* the high word of the saved mask */
    uint8_t retcode[8];
};

_Static_assert(sizeof(struct sigcontext32) == 88, "sigcontext");
_Static_assert(sizeof(struct ucontext32) == 116, "ucontext");
_Static_assert(sizeof(struct rt_sigframe) == 268, "rt_sigframe");
_Static_assert(sizeof(struct fsave_header) == 112, "_fpstate_32 header");
_Static_assert(sizeof(struct sigframe) == 732, "sigframe");

/* The fxsave image's fields we read or write (Intel SDM vol. 1, 10.5.1). */
#define FX_FCW 0
#define FX_FSW 2
#define FX_FTW 4                        /* abridged: one bit per register, 1 = in use */
#define FX_FOP 6
#define FX_FIP 8
#define FX_FCS 12
#define FX_FOO 16
#define FX_FOS 20
#define FX_MXCSR 24
#define FX_MXCSR_MASK 28
#define FX_ST 32                        /* ST(0)..ST(7), 16 bytes apart */
#define FX_SW_RESERVED 464              /* 48 bytes the processor leaves alone */

/* Linux's struct _fpx_sw_bytes in those 48 bytes: a processor with fxsave
 * but no xsave has only the 512-byte image, 628 bytes with the header and
 * the 4 bytes an xsave frame would end with. */
#define FP_XSTATE_MAGIC1 0x46505853u
#define FP_XSTATE_MAGIC2_SIZE 4

/* Linux's return trampolines, kept in the frame because debuggers look
 * for them: "popl %eax; movl $119, %eax; int $0x80" and
 * "movl $173, %eax; int $0x80". */
static const uint8_t retcode_sigreturn[8] = { 0x58, 0xb8, 119, 0, 0, 0, 0xcd, 0x80 };
static const uint8_t retcode_rt_sigreturn[8] = { 0xb8, 173, 0, 0, 0, 0xcd, 0x80, 0 };

/* EFLAGS bits sigreturn takes from the frame (Linux's FIX_EFLAGS): the
 * arithmetic flags, DF, TF, AC and RF; never IF, IOPL, NT or VM. */
#define FIX_EFLAGS 0x00050DD5u
#define EFLAGS_CLEAR_FOR_HANDLER 0x00010500u    /* RF, DF, TF */

static uint16_t get16(const uint8_t *p) { uint16_t v; memcpy(&v, p, 2); return v; }
static uint32_t get32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static void put16(uint8_t *p, uint16_t v) { memcpy(p, &v, 2); }
static void put32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }

/* The full x87 tag word (2 bits a register: 0 valid, 1 zero, 2 special,
 * 3 empty) from fxsave's abridged one and the registers' contents. */
static uint32_t tag_word_full(const uint8_t *fx)
{
    uint32_t top = (get16(fx + FX_FSW) >> 11) & 7, abridged = fx[FX_FTW], tags = 0xffff0000u;
    for (uint32_t i = 0; i < 8; i++) {
        uint32_t tag = 3;
        if (abridged & (1u << i)) {
            const uint8_t *st = fx + FX_ST + ((i - top) & 7) * 16;
            uint32_t exp = get16(st + 8) & 0x7fff;
            int mantissa_zero = !get32(st) && !get32(st + 4);
            if (exp == 0x7fff)
                tag = 2;
            else if (exp == 0)
                tag = mantissa_zero ? 1 : 2;
            else
                tag = (st[7] & 0x80) ? 0 : 2;
        }
        tags |= tag << (2 * i);
    }
    return tags;
}

/* The abridged tag byte from a full tag word: in use unless 3 (empty). */
static uint8_t tag_word_abridged(uint32_t full)
{
    uint8_t t = 0;
    for (int i = 0; i < 8; i++)
        if (((full >> (2 * i)) & 3) != 3)
            t |= 1u << i;
    return t;
}

/* Fills buf (FPSTATE_SIZE bytes) with the FPU state of the current
 * process as Linux's 32-bit frame holds it. */
static void fpstate_build(uint8_t *buf)
{
    struct fsave_header h;
    uint8_t *fx = buf + sizeof h;
    fpu_save(&current->fpu);            /* the live registers are the process's */
    memcpy(fx, current->fpu.area, sizeof current->fpu.area);
    memset(&h, 0, sizeof h);
    h.cw = get16(fx + FX_FCW) | 0xffff0000u;
    h.sw = get16(fx + FX_FSW) | 0xffff0000u;
    h.tag = tag_word_full(fx);
    h.ipoff = get32(fx + FX_FIP);
    h.cssel = get16(fx + FX_FCS) | (uint32_t)get16(fx + FX_FOP) << 16;
    h.dataoff = get32(fx + FX_FOO);
    h.datasel = get32(fx + FX_FOS);
    for (int i = 0; i < 8; i++)
        memcpy(h.st[i], fx + FX_ST + i * 16, 10);
    h.status = get16(fx + FX_FSW);
    h.magic = FXSR_MAGIC;
    memcpy(buf, &h, sizeof h);
    uint8_t *sw = fx + FX_SW_RESERVED;
    memset(sw, 0, 48);
    put32(sw, FP_XSTATE_MAGIC1);
    put32(sw + 4, sizeof(struct fpu_state) + FP_XSTATE_MAGIC2_SIZE + sizeof h);
    /* sw + 8: xfeatures, 0 without xsave; sw + 16: xstate_size */
    put32(sw + 16, sizeof(struct fpu_state));
}

/* Loads the FPU state a frame holds (buf, FPSTATE_SIZE bytes): the fxsave
 * image with the header's x87 part folded in, as Linux does for 32-bit
 * frames. MXCSR bits the processor does not have are dropped: fxrstor
 * would fault on them. */
static void fpstate_load(const uint8_t *buf)
{
    struct fsave_header h;
    memcpy(&h, buf, sizeof h);
    fpu_save(&current->fpu);
    uint32_t mask = get32(current->fpu.area + FX_MXCSR_MASK);
    uint8_t *fx = current->fpu.area;
    memcpy(fx, buf + sizeof h, sizeof current->fpu.area);
    put32(fx + FX_MXCSR, get32(fx + FX_MXCSR) & (mask ? mask : 0xffbf));
    put16(fx + FX_FCW, (uint16_t)h.cw);
    put16(fx + FX_FSW, (uint16_t)h.sw);
    fx[FX_FTW] = tag_word_abridged(h.tag);
    fx[FX_FTW + 1] = 0;
    put16(fx + FX_FOP, (uint16_t)(h.cssel >> 16));
    put32(fx + FX_FIP, h.ipoff);
    put32(fx + FX_FCS, h.cssel & 0xffff);
    put32(fx + FX_FOO, h.dataoff);
    put32(fx + FX_FOS, h.datasel);
    for (int i = 0; i < 8; i++)
        memcpy(fx + FX_ST + i * 16, h.st[i], 10);
    fpu_restore(&current->fpu);
}

/* A handler starts with the FPU of a new program (fninit), as on Linux. */
static void fpu_reset(void)
{
    fpu_state_init(&current->fpu);
    fpu_restore(&current->fpu);
}

static void sigcontext_fill(struct sigcontext32 *sc, const struct trapframe *tf,
                            uint32_t fpstate, uint32_t oldmask)
{
    const struct sigstate *s = &current->sig;
    sc->gs = tf->gs & 0xffff;
    sc->fs = tf->fs & 0xffff;
    sc->es = tf->es & 0xffff;
    sc->ds = tf->ds & 0xffff;
    sc->edi = tf->edi;
    sc->esi = tf->esi;
    sc->ebp = tf->ebp;
    sc->esp = tf->user_esp;
    sc->ebx = tf->ebx;
    sc->edx = tf->edx;
    sc->ecx = tf->ecx;
    sc->eax = tf->eax;
    sc->trapno = s->trapno;
    sc->err = s->err;
    sc->eip = tf->eip;
    sc->cs = tf->cs & 0xffff;
    sc->eflags = tf->eflags;
    sc->esp_at_signal = tf->user_esp;
    sc->ss = tf->user_ss & 0xffff;
    sc->fpstate = fpstate;
    sc->oldmask = oldmask;
    sc->cr2 = s->cr2;
}

/* Is sp within the alternate stack (whatever its flags)? */
static int within_altstack(uint32_t sp)
{
    const struct sigstate *s = &current->sig;
    return sp > s->ss_sp && sp - s->ss_sp <= s->ss_size;
}

int sigframe_setup(struct trapframe *tf, int sig, const struct ksigaction *ka,
                   const struct ksiginfo *info, uint64_t oldmask)
{
    struct sigstate *s = &current->sig;
    int rt = (ka->flags & SA_SIGINFO) != 0;
    uint32_t sp = tf->user_esp;
    int nested = signal_on_altstack(sp), entering = 0;
    if ((ka->flags & SA_ONSTACK) && signal_altstack_flags(sp) == 0) {
        sp = s->ss_sp + s->ss_size;
        entering = 1;
    }
    uint32_t fx = (sp - sizeof(struct fpu_state)) & ~63u;
    uint32_t fp = fx - sizeof(struct fsave_header);
    uint32_t size = rt ? sizeof(struct rt_sigframe) : sizeof(struct sigframe);
    uint32_t frame = ((fp - size + 4) & ~15u) - 4;
    if ((nested || entering) && !within_altstack(frame))
        return -EFAULT;                 /* it would overflow the alternate stack */
    if (fp < size || !user_range_ok(frame, sp - frame))
        return -EFAULT;

    uint8_t fpbuf[FPSTATE_SIZE];        /* the kernel stack: copies may sleep */
    fpstate_build(fpbuf);
    if (copy_to_user((void *)fp, fpbuf, sizeof fpbuf) < 0)
        return -EFAULT;
    uint32_t pretcode = (ka->flags & SA_RESTORER) ? ka->restorer : 0;
    int err;
    if (rt) {
        struct rt_sigframe f;
        memset(&f, 0, sizeof f);
        f.sig = sig;
        f.pinfo = frame + __builtin_offsetof(struct rt_sigframe, info);
        f.puc = frame + __builtin_offsetof(struct rt_sigframe, uc);
        memcpy(f.info, info, sizeof *info);
        f.uc.uc_stack.ss_sp = s->ss_sp;
        f.uc.uc_stack.ss_flags = (int32_t)s->ss_flags;   /* as set (Linux's __save_altstack) */
        f.uc.uc_stack.ss_size = s->ss_size;
        sigcontext_fill(&f.uc.uc_mcontext, tf, fp, (uint32_t)oldmask);
        f.uc.uc_sigmask = oldmask;
        memcpy(f.retcode, retcode_rt_sigreturn, sizeof f.retcode);
        f.pretcode = pretcode ? pretcode : frame + __builtin_offsetof(struct rt_sigframe, retcode);
        err = copy_to_user((void *)frame, &f, sizeof f);
    } else {
        struct sigframe f;
        memset(&f, 0, sizeof f);
        f.sig = sig;
        sigcontext_fill(&f.sc, tf, fp, (uint32_t)oldmask);
        f.extramask = (uint32_t)(oldmask >> 32);
        memcpy(f.retcode, retcode_sigreturn, sizeof f.retcode);
        f.pretcode = pretcode ? pretcode : frame + __builtin_offsetof(struct sigframe, retcode);
        err = copy_to_user((void *)frame, &f, sizeof f);
    }
    if (err < 0)
        return -EFAULT;
    if (s->ss_flags & SS_AUTODISARM) {  /* the handler may take the stack over */
        s->ss_sp = s->ss_size = 0;
        s->ss_flags = SS_DISABLE;
    }
    tf->user_esp = frame;
    tf->eip = ka->handler;
    tf->eax = (uint32_t)sig;            /* for handlers built with -mregparm=3 */
    tf->edx = rt ? frame + __builtin_offsetof(struct rt_sigframe, info) : 0;
    tf->ecx = rt ? frame + __builtin_offsetof(struct rt_sigframe, uc) : 0;
    tf->ds = tf->es = tf->user_ss = SEG_UDATA;
    tf->cs = SEG_UCODE;
    tf->eflags &= ~EFLAGS_CLEAR_FOR_HANDLER;
    fpu_reset();
    return 0;
}

/* A data segment selector from a frame: RPL 3 (Linux's fixup_rpl), and a
 * selector whose load would fault in the kernel becomes 0, as Linux's
 * fault fix-up on those loads makes it. */
static uint32_t data_selector(uint32_t sel)
{
    sel &= 0xffff;
    if (sel > 3)
        sel |= 3;
    return tls_selector_usable(&current->tls, sel) ? sel : 0;
}

/* Restores the registers a frame's sigcontext holds into *tf: the general
 * registers and EIP/ESP as they are, the flags only in FIX_EFLAGS, code
 * and stack selectors forced to RPL 3. A code or stack selector that is
 * not the user's would make the return (iret) fault: Linux i386 gives
 * SIGILL, ILL_BADSTK for that, and so do we, with the user selectors
 * put back. Returns 0, or -EFAULT if the FPU state cannot be read. */
static int restore_context(struct trapframe *tf, const struct sigcontext32 *sc)
{
    tf->gs = data_selector(sc->gs);
    tf->fs = data_selector(sc->fs);
    tf->es = data_selector(sc->es);
    tf->ds = data_selector(sc->ds);
    tf->edi = sc->edi;
    tf->esi = sc->esi;
    tf->ebp = sc->ebp;
    tf->user_esp = sc->esp;
    tf->ebx = sc->ebx;
    tf->edx = sc->edx;
    tf->ecx = sc->ecx;
    tf->eax = sc->eax;
    tf->eip = sc->eip;
    tf->eflags = (tf->eflags & ~FIX_EFLAGS) | (sc->eflags & FIX_EFLAGS);
    uint32_t cs = (sc->cs & 0xffff) | 3, ss = (sc->ss & 0xffff) | 3;
    tf->cs = SEG_UCODE;
    tf->user_ss = SEG_UDATA;
    if (cs != SEG_UCODE || ss != SEG_UDATA)
        signal_force(SIGILL, ILL_BADSTK, 0, 0, 0, 0);
    current->sig.syscall_nr = -1;       /* eax is a register now, not a result */
    if (!sc->fpstate) {
        fpu_reset();
        return 0;
    }
    uint8_t fpbuf[FPSTATE_SIZE];
    if (copy_from_user(fpbuf, (const void *)sc->fpstate, sizeof fpbuf) < 0) {
        fpu_reset();
        return -EFAULT;
    }
    fpstate_load(fpbuf);
    return 0;
}

/* A frame that cannot be read: SIGSEGV, as Linux's signal_fault. */
static long bad_frame(void)
{
    signal_force(SIGSEGV, SI_KERNEL, 0, 0, 0, 0);
    current->sig.syscall_nr = -1;
    return (long)current->tf->eax;
}

/* The old sigreturn: the handler returned into pretcode, and the
 * trampoline popped the signal number, so the frame starts at esp - 8. */
long sys_sigreturn(void)
{
    struct trapframe *tf = current->tf;
    struct sigframe f;
    if (copy_from_user(&f, (const void *)(tf->user_esp - 8), sizeof f) < 0)
        return bad_frame();
    signal_set_blocked((uint64_t)f.extramask << 32 | f.sc.oldmask);
    if (restore_context(tf, &f.sc) < 0)
        return bad_frame();
    return (long)tf->eax;
}

/* rt_sigreturn: the handler's return popped pretcode: the frame starts at
 * esp - 4. Also puts back the alternate stack the frame recorded. */
long sys_rt_sigreturn(void)
{
    struct trapframe *tf = current->tf;
    struct rt_sigframe f;
    if (copy_from_user(&f, (const void *)(tf->user_esp - 4), sizeof f) < 0)
        return bad_frame();
    signal_set_blocked(f.uc.uc_sigmask);
    if (restore_context(tf, &f.uc.uc_mcontext) < 0)
        return bad_frame();
    signal_set_altstack(&f.uc.uc_stack, tf->user_esp);     /* refusals are ignored */
    return (long)tf->eax;
}
