/* pci.c: PCI configuration space through configuration mechanism #1: the
 * address of a register goes to port 0xCF8, its value is then read or
 * written at port 0xCFC (+0..3 for the bytes of the dword). Used at boot
 * by kernel/dev/ata.c to find the IDE controller, give its bus master ports
 * when the firmware did not (qboot does not), and turn bus mastering on. */
#include "kernel/dev/pci.h"
#include "kernel/x86/x86.h"

#define PCI_CONFIG_ADDRESS 0xCF8
#define PCI_CONFIG_DATA 0xCFC
#define PCI_ENABLE 0x80000000u  /* bit 31 of an address: a configuration cycle */
#define PCI_BARS 6              /* in a type 0 header (bridges have fewer) */
/* Where pci_assign_io_bar looks for free ports: above the ISA devices,
 * where PC firmware traditionally puts PCI I/O. */
#define PCI_IO_FIRST 0xC000u
#define PCI_IO_END 0x10000u
#define PCI_IO_BAR_MAX 256u     /* the largest I/O BAR */

/* Points 0xCF8 at the dword holding register offset of f. Interrupts off. */
static void pci_select(const struct pci_function *f, uint8_t offset)
{
    outl(PCI_CONFIG_ADDRESS, PCI_ENABLE | (uint32_t)f->bus << 16 | (uint32_t)f->dev << 11 |
                                 (uint32_t)f->fn << 8 | (offset & 0xFC));
}

uint32_t pci_read32(const struct pci_function *f, uint8_t offset)
{
    int irq_on = irq_save();
    pci_select(f, offset);
    uint32_t v = inl(PCI_CONFIG_DATA);
    irq_restore(irq_on);
    return v;
}

uint16_t pci_read16(const struct pci_function *f, uint8_t offset)
{
    return (uint16_t)(pci_read32(f, offset) >> ((offset & 2) * 8));
}

uint8_t pci_read8(const struct pci_function *f, uint8_t offset)
{
    return (uint8_t)(pci_read32(f, offset) >> ((offset & 3) * 8));
}

void pci_write32(const struct pci_function *f, uint8_t offset, uint32_t value)
{
    int irq_on = irq_save();
    pci_select(f, offset);
    outl(PCI_CONFIG_DATA, value);
    irq_restore(irq_on);
}

/* A 16-bit write touches only its own two bytes: writing the whole dword
 * back would also write the register next to it (the status register,
 * next to the command register, clears the bits written as 1). */
void pci_write16(const struct pci_function *f, uint8_t offset, uint16_t value)
{
    int irq_on = irq_save();
    pci_select(f, offset);
    outw(PCI_CONFIG_DATA + (offset & 2), value);
    irq_restore(irq_on);
}

/* Moves *f to the next function present on bus 0 (start from dev 0 fn 0
 * with *started 0). Returns 0 when there is none left. A device whose
 * function 0 is absent has no functions; one whose header type lacks bit
 * 7 has only function 0. */
static int pci_next(struct pci_function *f, int *started)
{
    for (;;) {
        if (!*started) {
            *started = 1;
            *f = (struct pci_function){ 0, 0, 0 };
        } else if (f->fn == 0 && (pci_read16(f, PCI_VENDOR_ID) == 0xFFFF ||
                                  !(pci_read8(f, PCI_HEADER_TYPE) & 0x80))) {
            f->fn = 8;          /* skip the device's other functions */
        } else {
            f->fn++;
        }
        if (f->fn == 8) {
            f->fn = 0;
            if (++f->dev == 32)
                return 0;
        }
        if (pci_read16(f, PCI_VENDOR_ID) != 0xFFFF)
            return 1;
    }
}

int pci_find_class(uint8_t class, uint8_t subclass, struct pci_function *f)
{
    int started = 0;
    while (pci_next(f, &started)) {
        uint32_t cr = pci_read32(f, PCI_CLASS_REVISION);
        if (cr >> 24 == class && ((cr >> 16) & 0xFF) == subclass)
            return 1;
    }
    return 0;
}

/* Whether ports [port, port + size) overlap an I/O BAR of some function on
 * bus 0 other than BAR offset of self. Other BARs are not sized (that
 * would mean switching their devices off meanwhile): each is taken to be
 * as large as an I/O BAR can be, 256 ports. */
static int pci_io_in_use(uint32_t port, uint32_t size, const struct pci_function *self,
                         uint8_t offset)
{
    struct pci_function f;
    int started = 0;
    while (pci_next(&f, &started)) {
        int bars = (pci_read8(&f, PCI_HEADER_TYPE) & 0x7F) == 0 ? PCI_BARS : 2;
        for (int i = 0; i < bars; i++) {
            uint8_t o = (uint8_t)(PCI_BAR0 + 4 * i);
            uint32_t bar = pci_read32(&f, o);
            if (!(bar & PCI_BAR_IO) || (f.dev == self->dev && f.fn == self->fn && o == offset))
                continue;
            uint32_t base = bar & PCI_BAR_IO_MASK;
            if (base != 0 && base < port + size && port < base + PCI_IO_BAR_MAX)
                return 1;
        }
    }
    return 0;
}

uint16_t pci_assign_io_bar(const struct pci_function *f, uint8_t offset)
{
    uint32_t bar = pci_read32(f, offset);
    if (!(bar & PCI_BAR_IO))
        return 0;
    if (bar & PCI_BAR_IO_MASK & 0xFFFF)
        return (uint16_t)(bar & PCI_BAR_IO_MASK);
    /* Sizing: the bits written as 1 that read back as 0 are the size's. */
    pci_write32(f, offset, 0xFFFFFFFFu);
    uint32_t size = (~(pci_read32(f, offset) & PCI_BAR_IO_MASK) + 1) & 0xFFFF;
    pci_write32(f, offset, bar);
    if (size == 0)
        return 0;
    for (uint32_t port = PCI_IO_FIRST; port + size <= PCI_IO_END; port += size) {
        if (!pci_io_in_use(port, size, f, offset)) {
            pci_write32(f, offset, port | PCI_BAR_IO);
            return (uint16_t)port;
        }
    }
    return 0;
}
