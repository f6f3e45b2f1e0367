/* ksyms.h: the kernel's own symbol table, embedded at build time (see
 * tools/gen-ksyms.sh), for backtraces and diagnoses with function names. */
#ifndef KERNEL_KSYMS_H
#define KERNEL_KSYMS_H

#include <stdint.h>

/* Returns the name of the function containing addr and sets *offset to
 * addr's distance from its start; NULL if addr is not in the kernel's text. */
const char *ksyms_lookup(uint32_t addr, uint32_t *offset);

/* Prints "  [<eip>] function+0xoff" for each return address on the ebp
 * chain (the caller prints a "backtrace:" heading first). */
void ksyms_backtrace(uint32_t ebp);

#endif
