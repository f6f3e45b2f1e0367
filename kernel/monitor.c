/* monitor.c: the kernel monitor: reads a line at `kmon> ` and runs one of
 * a few commands (help, mem, backtrace, poweroff). */
#include "kernel/monitor.h"
#include "kernel/bootinfo.h"
#include "kernel/dev/console.h"
#include "kernel/ksyms.h"
#include "kernel/power.h"
#include "kernel/printk.h"
#include "kernel/string.h"
#include "mm/frame.h"
#include "mm/kmalloc.h"

static void cmd_help(const char *arg);
static void cmd_mem(const char *arg);
static void cmd_backtrace(const char *arg);
static void cmd_poweroff(const char *arg);

static const struct {
    const char *name;
    const char *help;
    void (*fn)(const char *arg);
} commands[] = {
    { "help", "list the commands", cmd_help },
    { "mem", "RAM, free frames and the kernel heap", cmd_mem },
    { "backtrace", "the monitor's own call stack", cmd_backtrace },
    { "poweroff", "[N]: power off with status N (default 0)", cmd_poweroff },
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void cmd_help(const char *arg)
{
    (void)arg;
    for (unsigned i = 0; i < NCOMMANDS; i++)
        printk("  %-10s %s\n", commands[i].name, commands[i].help);
}

void monitor_print_memory(void)
{
    struct kmalloc_stats st;
    kmalloc_get_stats(&st);
    printk("RAM: %u KiB usable", (uint32_t)(boot_info.ram_total >> 10));
    for (int i = 0; i < boot_info.nram; i++)
        printk("%s[%p-%p)", i ? " " : " in ", (void *)(uint32_t)boot_info.ram[i].base,
               (void *)(uint32_t)boot_info.ram[i].end);
    printk("\nframes: %u total, %u free (%u KiB free)\n", frame_total_count(),
           frame_free_count(), frame_free_count() * 4);
    printk("kernel heap: %u bytes used, %u bytes free in %u pages\n", st.used_bytes,
           st.free_bytes, st.pages);
}

static void cmd_mem(const char *arg)
{
    (void)arg;
    monitor_print_memory();
}

static void cmd_backtrace(const char *arg)
{
    (void)arg;
    uint32_t ebp;
    __asm__ volatile("movl %%ebp, %0" : "=r"(ebp));
    printk("backtrace:\n");
    ksyms_backtrace(ebp);
}

static void cmd_poweroff(const char *arg)
{
    int status = 0;
    while (*arg >= '0' && *arg <= '9')
        status = status * 10 + (*arg++ - '0');
    printk("powering off (status %d)\n", status);
    power_off(status);
}

void monitor_run(void)
{
    char line[128];
    printk("Kernel monitor: type 'help' for the commands.\n");
    for (;;) {
        printk("kmon> ");
        console_readline(line, sizeof line);
        char *arg = line;
        while (*arg && *arg != ' ')
            arg++;
        if (*arg)
            *arg++ = '\0';
        while (*arg == ' ')
            arg++;
        if (!line[0])
            continue;
        unsigned i;
        for (i = 0; i < NCOMMANDS; i++)
            if (!strcmp(line, commands[i].name))
                break;
        if (i < NCOMMANDS)
            commands[i].fn(arg);
        else
            printk("unknown command '%s' (try 'help')\n", line);
    }
}
