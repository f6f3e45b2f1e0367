/* t_segv.c: every bad access kills only the process that made it, with
 * the right signal, and the parent sees it through wait4: NULL, text,
 * rodata, kernel memory, a jump into the kernel, far below the stack, a
 * user in/out instruction and privileged instructions. */
#include "t_common.h"
#include <stdint.h>

static const char rodata[] = "constant";
static volatile uint32_t sink;

static void null_read(void) { sink = *(volatile uint32_t *)0; }
static void null_write(void) { *(volatile uint32_t *)0 = 1; }
static void text_write(void) { *(volatile uint8_t *)(uintptr_t)null_read = 0xC3; }
static void rodata_write(void) { *(volatile char *)rodata = 'X'; }
static void kernel_read(void) { sink = *(volatile uint32_t *)0xC0100000u; }
static void kernel_write(void) { *(volatile uint32_t *)0xC0000000u = 1; }
static void kernel_jump(void) { ((void (*)(void))0xC0100000u)(); }
static void unmapped_middle(void) { sink = *(volatile uint32_t *)0x40000000u; }
static void far_below_stack(void)
{
    uintptr_t esp;
    __asm__ volatile("movl %%esp, %0" : "=r"(esp));
    sink = *(volatile char *)(esp - (16u << 20));
}
static void io_port(void) { __asm__ volatile("inb $0x60, %%al" ::: "eax"); }
static void cli_insn(void) { __asm__ volatile("cli"); }
static void hlt_insn(void) { __asm__ volatile("hlt"); }
static void cr3_read(void)
{
    uint32_t v;
    __asm__ volatile("movl %%cr3, %0" : "=r"(v));
    sink = v;
}
static void invalid_opcode(void) { __asm__ volatile("ud2"); }

static const struct {
    const char *name;
    void (*fn)(void);
    int signal;
} bad[] = {
    { "null_read", null_read, 11 },
    { "null_write", null_write, 11 },
    { "text_write", text_write, 11 },
    { "rodata_write", rodata_write, 11 },
    { "kernel_read", kernel_read, 11 },
    { "kernel_write", kernel_write, 11 },
    { "kernel_jump", kernel_jump, 11 },
    { "unmapped_middle", unmapped_middle, 11 },
    { "far_below_stack", far_below_stack, 11 },
    { "io_port", io_port, 11 },
    { "cli", cli_insn, 11 },
    { "hlt", hlt_insn, 11 },
    { "cr3_read", cr3_read, 11 },
    { "invalid_opcode", invalid_opcode, 4 },
};

int main(void)
{
    int failed = 0, n = (int)(sizeof bad / sizeof bad[0]);
    for (int i = 0; i < n; i++) {
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0) {
            bad[i].fn();
            exit(0);                    /* survived: the test fails */
        }
        int status = 0;
        waitpid(pid, &status, 0);
        int ok = WIFSIGNALED(status) && WTERMSIG(status) == bad[i].signal;
        printf("%s %s: status 0x%x (want signal %d)\n", ok ? "ok" : "FAIL", bad[i].name,
               status, bad[i].signal);
        failed += !ok;
    }
    /* The parent, which did nothing wrong, is still here and intact. */
    printf("t_segv: %d passed, %d failed\n", n - failed, failed);
    return failed;
}
