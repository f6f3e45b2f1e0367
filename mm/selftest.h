/* selftest.h: the memory core's boot-time self-check (ktest=mm). */
#ifndef MM_SELFTEST_H
#define MM_SELFTEST_H

/* Runs every check, printing one line each; returns how many failed. */
int mm_selftest(void);

#endif
