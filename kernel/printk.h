/* printk.h: kernel messages on the console, panic, and tracing by class. */
#ifndef KERNEL_PRINTK_H
#define KERNEL_PRINTK_H

#include <stdbool.h>

void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Like printk, but silent when the kernel was booted with `quiet`. */
void pr_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
extern bool printk_quiet;

/* Prints "kernel panic: <message>", the backtrace of the caller, and powers
 * off with POWER_PANIC_STATUS. For broken invariants only. */
void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* Trace classes (cmdline `trace=fault,swap,...`): one bit each. */
enum trace_class {
    TRACE_FAULT = 1 << 0,
    TRACE_SWAP = 1 << 1,
    TRACE_COW = 1 << 2,
    TRACE_EXEC = 1 << 3,
    TRACE_FORK = 1 << 4,
    TRACE_SYSCALL = 1 << 5,
};
extern unsigned trace_mask;

/* Prints one trace line, prefixed by the class name, when that class is on.
 * Costs one test of trace_mask when it is off. */
#define trace(cls, ...)                                 \
    do {                                                \
        if (trace_mask & (cls))                         \
            trace_print((cls), __VA_ARGS__);            \
    } while (0)
void trace_print(enum trace_class cls, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Maps a class name ("fault", len characters) to its bit, 0 if unknown;
 * and a bit back to its name. (kernel/trace.c) */
unsigned trace_class_from_name(const char *name, int len);
const char *trace_class_name(enum trace_class cls);

#endif
