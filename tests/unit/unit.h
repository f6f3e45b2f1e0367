/* unit.h: the small assertion header of the host unit tests. A suite is a
 * table of named cases; unit_main runs each and prints `ok NAME` or
 * `FAIL NAME: file:line: condition` (the format tests/run.py reads). */
#ifndef TESTS_UNIT_H
#define TESTS_UNIT_H

#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct unit_case {
    const char *name;
    void (*fn)(void);
};

void unit_fail(const char *file, int line, const char *what);
int unit_main(const struct unit_case *cases, size_t n);

#define CHECK(cond)                                         \
    do {                                                    \
        if (!(cond)) {                                      \
            unit_fail(__FILE__, __LINE__, #cond);           \
            return;                                         \
        }                                                   \
    } while (0)

#define CHECK_STR(a, b) CHECK(strcmp((a), (b)) == 0)

/* panic() in a host test longjmps here when armed. */
extern jmp_buf unit_panic_jmp;
extern int unit_panic_armed;
extern char unit_panic_message[256];

/* Runs stmt and checks that it panics (and that the message contains
 * `needle`). */
#define CHECK_PANICS(stmt, needle)                                      \
    do {                                                                \
        if (setjmp(unit_panic_jmp) == 0) {                              \
            unit_panic_armed = 1;                                       \
            stmt;                                                       \
            unit_panic_armed = 0;                                       \
            unit_fail(__FILE__, __LINE__, "no panic from " #stmt);      \
            return;                                                     \
        }                                                               \
        unit_panic_armed = 0;                                           \
        CHECK(strstr(unit_panic_message, (needle)) != NULL);            \
    } while (0)

/* What printk printed since the last unit_log_clear(). */
extern char unit_log[8192];
void unit_log_clear(void);

/* Simulated physical memory of `bytes` bytes: physical address 0 is its
 * first byte (sets host_phys_offset). */
void *unit_sim_memory(size_t bytes);

/* The fake MMU: what mm/ asked of it. */
extern uint32_t unit_cr3;
extern unsigned unit_flushes;

#define UNIT_SUITE(cases) \
    int main(void) { return unit_main(cases, sizeof cases / sizeof cases[0]); }

#endif
