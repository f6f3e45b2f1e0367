/* sigforge.c: forged signal frames. A handler may change the registers
 * its frame saved, and sigreturn puts them back; but only what a user
 * may set. Each case runs in a child whose handler forges one thing:
 *
 *   kernel code selector in CS    the return would run at ring 0: refused,
 *                                 the process dies (Linux i386: SIGILL)
 *   kernel data selector in SS    refused the same way
 *   IOPL 3 and VM in EFLAGS       dropped: the program still cannot cli
 *   EIP in the kernel half        runs in user mode, faults: SIGSEGV there
 *   kernel data selector in DS    becomes the null selector (Linux's
 *                                 fix-up of the failed segment load)
 *   MXCSR with reserved bits      dropped, the kernel does not fault
 *   a frame on an unmapped stack  SIGSEGV
 *
 * The kernel must never panic; the machine must still be fine afterwards.
 * qemu-user, the reference on hosts without i386 support, emulates
 * segments and sigreturn differently, so this program's verdict is not
 * compared with the host's. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>
#include "check.h"

enum forge { CS_KERNEL, SS_KERNEL, EFLAGS_IOPL, EIP_KERNEL, DS_KERNEL, MXCSR_BAD };
static enum forge what;
static volatile uint32_t eflags_after, mxcsr_after;
static volatile int faulted_sig;
static volatile uintptr_t faulted_addr;

static void forge_handler(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    greg_t *r = uc->uc_mcontext.gregs;
    (void)sig;
    (void)si;
    switch (what) {
    case CS_KERNEL: r[REG_CS] = 0x08; break;
    case SS_KERNEL: r[REG_SS] = 0x10; break;
    case EFLAGS_IOPL: r[REG_EFL] |= 0x3000 | 0x20000; break;   /* IOPL 3, VM */
    case EIP_KERNEL: r[REG_EIP] = 0xC0100000; break;
    case DS_KERNEL: r[REG_DS] = 0x10; break;
    case MXCSR_BAD:
        if (uc->uc_mcontext.fpregs)
            *(uint32_t *)((char *)uc->uc_mcontext.fpregs + 112 + 24) = 0xffffffffu;
        break;
    }
}

static void report_fault(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    faulted_sig = sig;
    faulted_addr = (uintptr_t)si->si_addr;
    _exit(sig == SIGSEGV && (uintptr_t)si->si_addr == 0xC0100000 ? 40 : 41);
}

/* Runs one forgery in a child; returns its wait status. */
static int run_forged(enum forge f)
{
    pid_t pid = fork();
    if (pid == 0) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_sigaction = forge_handler;
        sa.sa_flags = SA_SIGINFO;
        sigaction(SIGUSR1, &sa, NULL);
        what = f;
        if (f == EIP_KERNEL) {
            sa.sa_sigaction = report_fault;
            sigaction(SIGSEGV, &sa, NULL);
        }
        raise(SIGUSR1);
        uint32_t fl;
        __asm__ volatile("pushfl; popl %0" : "=r"(fl));
        eflags_after = fl;
        if (f == EFLAGS_IOPL)
            _exit((fl & 0x23000) == 0 ? 20 : 21);
        if (f == DS_KERNEL) {
            uint32_t ds;
            __asm__ volatile("movl %%ds, %0" : "=r"(ds));
            _exit(ds == 0 ? 50 : 51);
        }
        if (f == MXCSR_BAD) {
            uint32_t m;
            __asm__ volatile("stmxcsr %0" : "=m"(m));
            _exit(m != 0xffffffffu ? 30 : 31);
        }
        _exit(10);                      /* came back as if nothing happened */
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return status;
}

static void bad_stack_sigreturn(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        /* rt_sigreturn with esp on an unmapped page: no frame to read. */
        __asm__ volatile("movl $0x1000, %%esp\n\t"
                         "movl $173, %%eax\n\t"
                         "int $0x80" ::: "memory");
        _exit(1);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK("rt_sigreturn with no frame: SIGSEGV", WIFSIGNALED(status) &&
          WTERMSIG(status) == SIGSEGV);
    pid = fork();
    if (pid == 0) {
        __asm__ volatile("movl $0xC0000010, %%esp\n\t"
                         "movl $119, %%eax\n\t"
                         "int $0x80" ::: "memory");
        _exit(1);
    }
    waitpid(pid, &status, 0);
    CHECK("sigreturn with esp in the kernel half: SIGSEGV", WIFSIGNALED(status) &&
          WTERMSIG(status) == SIGSEGV);
}

int main(void)
{
    int st = run_forged(CS_KERNEL);
    printf("# CS 0x08: status 0x%x\n", st);
    CHECK("kernel CS: the process dies", WIFSIGNALED(st) &&
          (WTERMSIG(st) == SIGILL || WTERMSIG(st) == SIGSEGV));
    st = run_forged(SS_KERNEL);
    printf("# SS 0x10: status 0x%x\n", st);
    CHECK("kernel SS: the process dies", WIFSIGNALED(st) &&
          (WTERMSIG(st) == SIGILL || WTERMSIG(st) == SIGSEGV));
    st = run_forged(EFLAGS_IOPL);
    CHECK("IOPL and VM in EFLAGS are dropped", WIFEXITED(st) && WEXITSTATUS(st) == 20);
    st = run_forged(EIP_KERNEL);
    CHECK("EIP in the kernel half: SIGSEGV in user mode at that address",
          WIFEXITED(st) && WEXITSTATUS(st) == 40);
    st = run_forged(DS_KERNEL);
    printf("# DS 0x10: status 0x%x\n", st);
    /* A null DS faults at the next access through it on a real processor;
     * QEMU's emulation does not check, and we read it back instead. */
    CHECK("kernel DS: replaced by the null selector", (WIFEXITED(st) && WEXITSTATUS(st) == 50) ||
          (WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV));
    st = run_forged(MXCSR_BAD);
    CHECK("reserved MXCSR bits are dropped", WIFEXITED(st) && WEXITSTATUS(st) == 30);
    bad_stack_sigreturn();
    return check_done("sigforge");
}
