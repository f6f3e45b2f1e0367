/* ktest.c: the kernel's test-only boot modes. `ktest=mm` runs the memory
 * self-check; the others deliberately break the kernel, so that the tests
 * can check the diagnosis and the failure exit. */
#include "kernel/ktest.h"
#include <stdint.h>
#include "kernel/dev/ata_test.h"
#include "kernel/power.h"
#include "kernel/printk.h"
#include "kernel/string.h"
#include "mm/selftest.h"

#define NOINLINE __attribute__((noinline))

/* An address in the kernel half above the largest RAM we map. */
#define UNMAPPED_KERNEL_ADDR 0xF0001000u

static NOINLINE int ktest_page_fault(void)
{
    printk("ktest: writing to unmapped kernel address %p\n", (void *)UNMAPPED_KERNEL_ADDR);
    *(volatile uint32_t *)UNMAPPED_KERNEL_ADDR = 0xDEAD;
    return 1;
}

static NOINLINE int ktest_null_read(void)
{
    printk("ktest: reading a NULL pointer in the kernel\n");
    return *(volatile int *)0;
}

static NOINLINE int ktest_invalid_opcode(void)
{
    printk("ktest: executing ud2\n");
    __asm__ volatile("ud2");
    return 1;
}

static NOINLINE int ktest_divide(void)
{
    volatile int zero = 0;
    printk("ktest: dividing by zero\n");
    volatile int quotient = 10 / zero;     /* kept in the frame: the fault
                                               happens before the epilogue */
    return quotient;
}

static NOINLINE int ktest_panic(void)
{
    panic("ktest: deliberate panic");
}

static int ktest_mm(void)
{
    return mm_selftest();
}

static const struct {
    const char *name;
    int (*fn)(void);
} tests[] = {
    { "mm", ktest_mm },
    { "ata", ata_selftest },
    { "pagefault", ktest_page_fault },
    { "null", ktest_null_read },
    { "ud", ktest_invalid_opcode },
    { "divide", ktest_divide },
    { "panic", ktest_panic },
};

void ktest_run(const char *name)
{
    for (unsigned i = 0; i < sizeof tests / sizeof tests[0]; i++) {
        if (!strcmp(tests[i].name, name)) {
            printk("ktest: running %s\n", name);
            int failed = tests[i].fn();
            printk("ktest: %s %s\n", name, failed ? "FAILED" : "passed");
            power_off(failed ? 1 : 0);
        }
    }
    printk("ktest: no test named '%s'\n", name);
    power_off(2);
}
