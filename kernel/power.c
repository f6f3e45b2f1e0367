/* power.c: power_off, the one way the kernel ends. */
#include "kernel/power.h"
#include "kernel/printk.h"
#include "kernel/x86/x86.h"

#define DEBUG_EXIT_PORT 0xF4

void power_off(int status)
{
    cli();
    outl(DEBUG_EXIT_PORT, (uint32_t)status);
    /* Still here: not QEMU with isa-debug-exit. Also try QEMU's and Bochs'
     * ACPI shutdown ports, then halt. */
    outw(0x604, 0x2000);
    outw(0xB004, 0x2000);
    printk("System halted (status %d).\n", status);
    for (;;)
        hlt();
}
