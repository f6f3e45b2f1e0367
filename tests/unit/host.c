/* host.c: what the kernel provides to the sources under test, done on the
 * host: printk into a buffer, panic as a longjmp, the MMU as a fake that
 * records, simulated physical memory; and the case runner. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "kernel/format.h"
#include "kernel/printk.h"
#include "mm/mmu.h"
#include "unit.h"

uintptr_t host_phys_offset;
bool printk_quiet;
unsigned trace_mask;
jmp_buf unit_panic_jmp;
int unit_panic_armed;
char unit_panic_message[256];
char unit_log[8192];
static size_t log_len;
uint32_t unit_cr3;
unsigned unit_flushes;

static const char *current_case;
static int current_failed;

static void emit_log(char c, void *arg)
{
    (void)arg;
    if (log_len + 1 < sizeof unit_log)
        unit_log[log_len++] = c;
    unit_log[log_len] = '\0';
}

void unit_log_clear(void)
{
    log_len = 0;
    unit_log[0] = '\0';
}

void printk(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    format_emit(emit_log, 0, fmt, ap);
    va_end(ap);
}

void pr_info(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    format_emit(emit_log, 0, fmt, ap);
    va_end(ap);
}

void trace_print(enum trace_class cls, const char *fmt, ...)
{
    (void)cls;
    va_list ap;
    va_start(ap, fmt);
    format_emit(emit_log, 0, fmt, ap);
    va_end(ap);
}

void panic(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    kvsnprintf(unit_panic_message, sizeof unit_panic_message, fmt, ap);
    va_end(ap);
    if (unit_panic_armed)
        longjmp(unit_panic_jmp, 1);
    printf("FAIL %s: unexpected panic: %s\n", current_case, unit_panic_message);
    exit(1);
}

void mmu_load_pgdir(uint32_t pgdir_phys) { unit_cr3 = pgdir_phys; }
uint32_t mmu_current_pgdir(void) { return unit_cr3; }
void mmu_flush_page(uint32_t va) { (void)va; unit_flushes++; }
uint32_t mmu_fault_address(void) { return 0; }
void mmu_enable_global_pages(void) {}

void *unit_sim_memory(size_t bytes)
{
    void *mem = aligned_alloc(4096, bytes);
    if (!mem) {
        printf("FAIL %s: no host memory\n", current_case);
        exit(1);
    }
    memset(mem, 0xA5, bytes);       /* garbage, as real RAM would hold */
    host_phys_offset = (uintptr_t)mem;
    return mem;
}

void unit_fail(const char *file, int line, const char *what)
{
    printf("FAIL %s: %s:%d: %s\n", current_case, file, line, what);
    current_failed = 1;
}

int unit_main(const struct unit_case *cases, size_t n)
{
    int failures = 0;
    for (size_t i = 0; i < n; i++) {
        current_case = cases[i].name;
        current_failed = 0;
        unit_log_clear();
        cases[i].fn();
        if (!current_failed)
            printf("ok %s\n", cases[i].name);
        failures += current_failed;
        fflush(stdout);
    }
    return failures ? 1 : 0;
}
