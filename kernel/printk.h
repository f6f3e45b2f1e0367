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

/* Trace classes (cmdline `trace=fault,swap,...`, /proc/trace): one bit each. */
enum trace_class {
    TRACE_FAULT = 1 << 0,
    TRACE_SWAP = 1 << 1,
    TRACE_COW = 1 << 2,
    TRACE_EXEC = 1 << 3,
    TRACE_FORK = 1 << 4,
    TRACE_SYSCALL = 1 << 5,
};
#define TRACE_CLASSES 6                 /* how many: kernel/trace.c names each */
#define TRACE_ALL ((1u << TRACE_CLASSES) - 1)
/* The classes on: set at boot from `trace=`, changed at run time by a write
 * to /proc/trace (kernel/fs/procfs.c). */
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

/* Applies a command written to /proc/trace, text[0..len) (not NUL-
 * terminated), to *mask. The command is words separated by blanks; a word
 * is a comma-separated list of names (classes, `all`, `none`), bare or
 * after `+` (switch them on) or `-` (switch them off). The bare words name
 * the whole new set: the first of them starts it from empty ("fault,cow";
 * "none"; "all -syscall"); `+` and `-` words change the set there is
 * ("+swap,cow -fault"). Words apply in order. Returns 0, or -EINVAL with
 * *mask as it was for an unknown name or no word at all. (kernel/trace.c) */
int trace_mask_parse(const char *text, int len, unsigned *mask);

#endif
