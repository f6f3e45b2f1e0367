/* brk.h: the heap of an address space, between the end of bss and brk. */
#ifndef MM_BRK_H
#define MM_BRK_H

#include <stdint.h>

/* brk(2), Linux's raw system call: moves the break of the current process
 * to addr and returns the new break; returns the unchanged break when addr
 * is 0, below the heap's start, or the heap cannot grow that far (into
 * another region or the stack's reserved 8 MiB, or no memory). */
long sys_brk(uint32_t addr);

struct mm;

/* The work of brk on mm (sys_brk passes the current process's). */
long mm_brk(struct mm *mm, uint32_t addr);

#endif
