/* cow.h: breaking copy-on-write sharing on a write fault (mm_copy, the
 * fork side, is declared in mm/mm.h). */
#ifndef MM_COW_H
#define MM_COW_H

#include <stdint.h>
#include "mm/pte.h"

struct mm;

/* Makes the present copy-on-write page at va (whose PTE is *pte) writable
 * for mm alone: reuses the frame if mm is its only user, else copies it.
 * Returns 0 or -ENOMEM (nothing changed). */
int cow_break(struct mm *mm, uint32_t va, pte_t *pte);

#endif
