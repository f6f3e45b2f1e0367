/* main.c: kernel_main, the order in which the kernel comes up: console,
 * CPU tables, boot information and command line, memory, devices; then a
 * kernel test (ktest=) or the monitor. */
#include "kernel/dev/ata.h"
#include "mm/swap.h"
#include "kernel/bootinfo.h"
#include "kernel/cmdline.h"
#include "kernel/fs/memdev.h"
#include "kernel/fs/tmpfs.h"
#include "kernel/dev/console.h"
#include "kernel/fs/fs.h"
#include "kernel/x86/fpu.h"
#include "kernel/x86/gdt.h"
#include "kernel/ktest.h"
#include "kernel/monitor.h"
#include "kernel/x86/pic.h"
#include "kernel/power.h"
#include "kernel/printk.h"
#include "kernel/proc.h"
#include "kernel/sched.h"
#include "kernel/clock.h"
#include "kernel/x86/timer.h"
#include "kernel/x86/trap.h"
#include "kernel/x86/x86.h"
#include "mm/frame.h"
#include "mm/kmap.h"
#include "mm/zero_page.h"

extern char _kernel_start[], _kernel_end[];

static void report_memory_limits(uint32_t mapped)
{
    const struct boot_info *bi = &boot_info;
    pr_info("RAM: %u KiB usable", (uint32_t)(bi->ram_total >> 10));
    if (boot_options.mem_limit)
        pr_info(" (mem= limit; %u KiB found)", (uint32_t)(bi->ram_found >> 10));
    pr_info("\n");
    if (bi->ram_top > KERNEL_MAP_MAX)
        printk("RAM above %u MiB is not used: %u KiB ignored\n", KERNEL_MAP_MAX >> 20,
               (uint32_t)((bi->ram_top - KERNEL_MAP_MAX) >> 10));
    pr_info("kernel: %u KiB at %p, direct map of %u MiB at %p\n",
            (uint32_t)(_kernel_end - _kernel_start) >> 10, (void *)_kernel_start,
            mapped >> 20, (void *)KERNEL_BASE);
}

/* Frames that are not free RAM: the kernel image and the modules. */
static void memory_init(void)
{
    struct mem_region reserved[1 + BOOT_MAX_MODULES];
    int n = 0;
    reserved[n].base = virt_to_phys(_kernel_start);
    reserved[n++].end = virt_to_phys(_kernel_end);
    for (int i = 0; i < boot_info.nmodules; i++) {
        reserved[n].base = PAGE_ROUND_DOWN(boot_info.modules[i].start);
        reserved[n++].end = PAGE_ROUND_UP(boot_info.modules[i].end);
    }
    uint32_t mapped = kmap_init(boot_info.ram_top);
    frame_init(&boot_info, reserved, n);
    report_memory_limits(mapped);
    printk("Memory: %u KiB total, %u KiB free\n", frame_total_count() * 4,
           frame_free_count() * 4);
    zero_page_init();
}

/* Starts the first user program (init= and the words after --), then
 * becomes the idle process. If init cannot be started, the kernel monitor
 * takes over the console instead. */
static void start_init(void)
{
    const char *argv[CMDLINE_MAX_ARGS + 1];
    int argc = 0;
    argv[argc++] = boot_options.init;
    for (int i = 0; i < boot_options.init_argc && argc < CMDLINE_MAX_ARGS; i++)
        argv[argc++] = boot_options.init_argv[i];
    argv[argc] = 0;
    int err = proc_start_init(boot_options.init, argv, argc);
    if (err < 0) {
        printk("cannot run init %s: error %d; starting the kernel monitor\n",
               boot_options.init, err);
        monitor_run();
    }
    pr_info("init: %s started as pid 1\n", boot_options.init);
    sched_idle();
}

void kernel_main(uint32_t magic, uint32_t mbi_phys)
{
    console_init();
    gdt_init();
    idt_init();
    pic_init();
    fpu_init();

    if (bootinfo_read(magic, phys_to_virt(mbi_phys), &boot_info) < 0) {
        printk("not started by a multiboot loader (magic %p)\n", (void *)magic);
        power_off(POWER_PANIC_STATUS);
    }
    cmdline_parse(boot_info.cmdline, &boot_options);
    printk_quiet = boot_options.quiet;
    trace_mask = boot_options.trace;
    bootinfo_limit(&boot_info, boot_options.mem_limit);

    printk("vmos: a teaching kernel for virtual memory\n");
    pr_info("command line: %s\n", boot_info.cmdline);
    for (int i = 0; i < boot_info.nmodules; i++)
        pr_info("module %d: %s at %p, %u bytes\n", i, boot_info.modules[i].name,
                (void *)boot_info.modules[i].start,
                boot_info.modules[i].end - boot_info.modules[i].start);
    memory_init();
    if (boot_info.nmodules > 0) {
        struct initrd_stats st;
        initrd_init(phys_to_virt(boot_info.modules[0].start),
                    boot_info.modules[0].end - boot_info.modules[0].start);
        initrd_get_stats(&st);
        pr_info("initrd: %u files, %u directories, %u bytes\n", st.files, st.dirs, st.bytes);
    } else {
        printk("no initrd module: the root holds only /dev and /proc\n");
        initrd_init(0, 0);
    }
    memdev_init();
    tmpfs_init(boot_options.tmpfs_size);
    proc_init();

    pic_route_through_lapic();
    clock_init();
    timer_init();
    keyboard_init();
    ata_init();
    swap_init();
    serial_enable_input();
    sti();

    if (boot_options.ktest)
        ktest_run(boot_options.ktest);
    start_init();
}
