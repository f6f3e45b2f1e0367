/* ktest.h: test-only boot modes (`ktest=NAME`), for the QEMU tests. */
#ifndef KERNEL_KTEST_H
#define KERNEL_KTEST_H

/* Runs the named kernel test and powers off: status 0 when it passed, 1
 * when it failed, 2 for an unknown name. Tests that provoke an exception
 * end in its diagnosis instead (POWER_PANIC_STATUS). */
void ktest_run(const char *name) __attribute__((noreturn));

#endif
