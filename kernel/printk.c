/* printk.c: formatted kernel messages on the console, the quiet switch,
 * trace lines, and panic. */
#include "kernel/printk.h"
#include "kernel/dev/console.h"
#include "kernel/format.h"
#include "kernel/ksyms.h"
#include "kernel/power.h"
#include "kernel/x86/x86.h"

bool printk_quiet;
unsigned trace_mask;

static void emit_console(char c, void *arg)
{
    (void)arg;
    console_putc(c);
}

static void vprintk(const char *fmt, va_list ap)
{
    int on = irq_save();
    format_emit(emit_console, 0, fmt, ap);
    irq_restore(on);
}

void printk(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
}

void pr_info(const char *fmt, ...)
{
    if (printk_quiet)
        return;
    va_list ap;
    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
}

void trace_print(enum trace_class cls, const char *fmt, ...)
{
    printk("[%s] ", trace_class_name(cls));
    va_list ap;
    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
    printk("\n");
}

void panic(const char *fmt, ...)
{
    cli();
    printk("\nkernel panic: ");
    va_list ap;
    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
    printk("\n");
    uint32_t ebp;
    __asm__ volatile("movl %%ebp, %0" : "=r"(ebp));
    printk("backtrace:\n");
    ksyms_backtrace(ebp);
    power_off(POWER_PANIC_STATUS);
}
