/* ata_test.h: the ATA driver's self-test (`ktest=ata`, kernel/dev/ata_test.c). */
#ifndef KERNEL_ATA_TEST_H
#define KERNEL_ATA_TEST_H

/* Writes and reads back sectors 1..192 of the disk whose sector 0 starts
 * with "ATATEST!", polled and then interrupt-driven; prints
 * "ata: selftest passed" or each failure. Returns 0 when it passed, 1
 * otherwise (also when there is no such disk). Call after ata_init, from
 * the boot context (pid 0), before init exists. */
int ata_selftest(void);

#endif
