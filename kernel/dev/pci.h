/* pci.h: PCI configuration space, through the configuration mechanism #1
 * ports (0xCF8 address, 0xCFC data): just enough to find a function by
 * its class (the IDE controller), read or set its registers, and give an
 * I/O BAR ports when the firmware left it unassigned. Bus 0 only: no
 * bridges are crossed, and their windows are not looked at. */
#ifndef KERNEL_PCI_H
#define KERNEL_PCI_H

#include <stdint.h>

/* Configuration registers (offsets in a function's 256-byte header). */
#define PCI_VENDOR_ID 0x00      /* 16 bits; 0xFFFF: no function here */
#define PCI_COMMAND 0x04        /* 16 bits */
#define PCI_CLASS_REVISION 0x08 /* class << 24 | subclass << 16 | prog-if << 8 | rev */
#define PCI_HEADER_TYPE 0x0E    /* 8 bits; bit 7: the device has functions 1..7 */
#define PCI_BAR0 0x10           /* BARs 0..5, 4 bytes apart */

#define PCI_COMMAND_IO 0x0001           /* answers in its I/O BARs */
#define PCI_COMMAND_MASTER 0x0004       /* may start DMA (bus master) */
#define PCI_BAR_IO 0x1                  /* bit 0 of an I/O BAR */
#define PCI_BAR_IO_MASK 0xFFFFFFFCu     /* an I/O BAR's port number */

/* A function's address: bus 0..255, device 0..31, function 0..7. */
struct pci_function {
    uint8_t bus, dev, fn;
};

/* Looks at every device and function of bus 0 for the first whose class
 * and subclass (PCI_CLASS_REVISION) match. Returns 1 and fills *f, or 0.
 * Bus 0 holds the chipset's own functions (the IDE controller of a PIIX
 * among them); cards behind bridges are not looked for. */
int pci_find_class(uint8_t class, uint8_t subclass, struct pci_function *f);

/* Reads or writes configuration register offset of f. A 32-bit access
 * needs offset % 4 == 0, a 16-bit one offset % 2 == 0. Any interrupt
 * state: each access holds interrupts off between its two port
 * accesses. */
uint32_t pci_read32(const struct pci_function *f, uint8_t offset);
uint16_t pci_read16(const struct pci_function *f, uint8_t offset);
uint8_t pci_read8(const struct pci_function *f, uint8_t offset);
void pci_write16(const struct pci_function *f, uint8_t offset, uint16_t value);
void pci_write32(const struct pci_function *f, uint8_t offset, uint32_t value);

/* The first port of I/O BAR offset (PCI_BAR0 + 4 * i) of f. When the
 * firmware left it unassigned (address 0: qboot does so for the IDE
 * controller's bus master), sizes it and places it at the lowest free
 * ports from 0xC000 up, aligned to its size, clear of every other I/O BAR
 * on bus 0. Returns 0 when offset is not an I/O BAR or no room is found.
 * The caller turns on PCI_COMMAND_IO. Boot only. */
uint16_t pci_assign_io_bar(const struct pci_function *f, uint8_t offset);

#endif
