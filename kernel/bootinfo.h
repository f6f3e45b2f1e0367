/* bootinfo.h: what the boot loader tells us (multiboot v1): the memory map,
 * the modules (the initrd) and the command line, in our own structure. */
#ifndef KERNEL_BOOTINFO_H
#define KERNEL_BOOTINFO_H

#include <stdint.h>

#define MULTIBOOT_BOOTLOADER_MAGIC 0x2BADB002

/* The multiboot v1 information structure, as far as we read it. */
struct multiboot_info {
    uint32_t flags;
    uint32_t mem_lower, mem_upper;
    uint32_t boot_device;
    uint32_t cmdline;
    uint32_t mods_count, mods_addr;
    uint32_t syms[4];
    uint32_t mmap_length, mmap_addr;
};
#define MBI_FLAG_MEM     (1 << 0)
#define MBI_FLAG_CMDLINE (1 << 2)
#define MBI_FLAG_MODS    (1 << 3)
#define MBI_FLAG_MMAP    (1 << 6)

struct multiboot_mmap_entry {
    uint32_t size;              /* of the rest of the entry */
    uint64_t base, length;
    uint32_t type;              /* 1: usable RAM */
} __attribute__((packed));

struct multiboot_module {
    uint32_t start, end, string, reserved;
};

#define BOOT_MAX_REGIONS 32
#define BOOT_MAX_MODULES 4

struct mem_region {
    uint64_t base, end;         /* [base, end) */
};

struct boot_module {
    uint32_t start, end;        /* physical [start, end) */
    char name[32];
};

struct boot_info {
    struct mem_region ram[BOOT_MAX_REGIONS];    /* usable, sorted, disjoint */
    int nram;
    uint64_t ram_found;         /* usable bytes the loader reported */
    uint64_t ram_top;           /* end of the highest usable region reported */
    uint64_t ram_total;         /* usable bytes after mem= */
    struct boot_module modules[BOOT_MAX_MODULES];
    int nmodules;
    const char *cmdline;
};

extern struct boot_info boot_info;

/* Reads the multiboot information at mbi into *bi: usable RAM regions
 * (sorted and merged; from the memory map, or mem_lower/mem_upper when there
 * is none), modules and command line. Returns 0, or -1 if magic is wrong. */
int bootinfo_read(uint32_t magic, const struct multiboot_info *mbi, struct boot_info *bi);

/* Keeps the lowest `limit` bytes of usable RAM (mem=) and drops the rest;
 * limit 0 keeps everything. Updates ram_total. */
void bootinfo_limit(struct boot_info *bi, uint64_t limit);

#endif
