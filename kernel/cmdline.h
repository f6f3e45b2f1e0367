/* cmdline.h: the kernel command line (docs/design.md): init=, mem=, swap=,
 * trace=, quiet, tmpfs_size=, the test-only ktest=, and init's arguments
 * after `--`. */
#ifndef KERNEL_CMDLINE_H
#define KERNEL_CMDLINE_H

#include <stdbool.h>
#include <stdint.h>

#define CMDLINE_MAX 512
#define CMDLINE_MAX_ARGS 16

struct boot_options {
    const char *init;           /* path of the first program */
    uint64_t mem_limit;         /* bytes; 0 = no limit */
    bool swap_off;
    uint64_t tmpfs_size;        /* bytes of each tmpfs; 0 = half of RAM */
    unsigned trace;             /* TRACE_* bits */
    bool quiet;
    const char *ktest;          /* test-only: a kernel self-test to run, or NULL */
    int init_argc;              /* words after `--` */
    const char *init_argv[CMDLINE_MAX_ARGS];
    int unknown;                /* how many options were reported and ignored */
};

extern struct boot_options boot_options;

/* Parses cmdline into *opt. The first word is skipped when it is the
 * kernel's image path (no '=', not `quiet`), as GRUB and QEMU put it there. Unknown options and
 * bad values are printed ("cmdline: unknown option 'x' ignored") and skipped.
 * The strings in *opt point into a private copy of cmdline. */
void cmdline_parse(const char *cmdline, struct boot_options *opt);

/* Parses "16M", "512K", "1G", "4096" into bytes; returns -1 if malformed. */
int64_t cmdline_parse_size(const char *s);

#endif
