/* test_bootinfo.c: reading the multiboot v1 information: the memory map
 * (sorted, merged, reserved entries dropped), the fallback to mem_lower/
 * mem_upper, modules, the command line, and the mem= limit. */
#include "kernel/bootinfo.h"
#include "unit.h"

static struct boot_info bi;

/* A multiboot info block with a memory map, built in host memory (the
 * tests run with host_phys_offset 0, so pointers are "physical"). */
static struct {
    struct multiboot_info mbi;
    struct multiboot_mmap_entry mmap[8];
    struct multiboot_module mods[2];
    char cmdline[64];
    char modname[16];
} fake;

static void add_entry(int i, uint64_t base, uint64_t len, uint32_t type)
{
    fake.mmap[i].size = sizeof(struct multiboot_mmap_entry) - 4;
    fake.mmap[i].base = base;
    fake.mmap[i].length = len;
    fake.mmap[i].type = type;
}

static void build(int n)
{
    fake.mbi.flags = MBI_FLAG_MMAP | MBI_FLAG_CMDLINE;
    fake.mbi.mmap_addr = (uint32_t)(uintptr_t)fake.mmap;
    fake.mbi.mmap_length = n * sizeof(struct multiboot_mmap_entry);
    strcpy(fake.cmdline, "/boot/kernel.elf mem=8M");
    fake.mbi.cmdline = (uint32_t)(uintptr_t)fake.cmdline;
}

static void test_bad_magic(void)
{
    build(0);
    CHECK(bootinfo_read(0x1234, &fake.mbi, &bi) == -1);
}

static void test_memory_map(void)
{
    /* QEMU's shape, out of order, with reserved entries in between. */
    add_entry(0, 0x100000, 0x7ee0000, 1);
    add_entry(1, 0, 0x9fc00, 1);
    add_entry(2, 0x9fc00, 0x400, 2);
    add_entry(3, 0xf0000, 0x10000, 2);
    build(4);
    CHECK(bootinfo_read(MULTIBOOT_BOOTLOADER_MAGIC, &fake.mbi, &bi) == 0);
    CHECK(bi.nram == 2);
    CHECK(bi.ram[0].base == 0 && bi.ram[0].end == 0x9fc00);
    CHECK(bi.ram[1].base == 0x100000 && bi.ram[1].end == 0x7fe0000);
    CHECK(bi.ram_found == 0x9fc00 + 0x7ee0000 && bi.ram_total == bi.ram_found);
    CHECK(bi.ram_top == 0x7fe0000);
    CHECK_STR(bi.cmdline, "/boot/kernel.elf mem=8M");
}

static void test_overlapping_entries_merge(void)
{
    add_entry(0, 0x100000, 0x100000, 1);
    add_entry(1, 0x180000, 0x100000, 1);    /* overlaps the first */
    add_entry(2, 0x280000, 0x1000, 1);      /* touches the merged one */
    build(3);
    bootinfo_read(MULTIBOOT_BOOTLOADER_MAGIC, &fake.mbi, &bi);
    CHECK(bi.nram == 1);
    CHECK(bi.ram[0].base == 0x100000 && bi.ram[0].end == 0x281000);
}

static void test_mem_fields_fallback(void)
{
    memset(&fake.mbi, 0, sizeof fake.mbi);
    fake.mbi.flags = MBI_FLAG_MEM;
    fake.mbi.mem_lower = 639;
    fake.mbi.mem_upper = 15 * 1024;
    bootinfo_read(MULTIBOOT_BOOTLOADER_MAGIC, &fake.mbi, &bi);
    CHECK(bi.nram == 2);
    CHECK(bi.ram[1].base == 0x100000 && bi.ram[1].end == 0x1000000);
    CHECK(bi.ram_total == (639 + 15 * 1024) * 1024ull);
    CHECK_STR(bi.cmdline, "");
}

static void test_modules(void)
{
    add_entry(0, 0, 0x9fc00, 1);
    build(1);
    fake.mbi.flags |= MBI_FLAG_MODS;
    strcpy(fake.modname, "initrd.cpio");
    fake.mods[0].start = 0x200000;
    fake.mods[0].end = 0x2d0000;
    fake.mods[0].string = (uint32_t)(uintptr_t)fake.modname;
    fake.mbi.mods_count = 1;
    fake.mbi.mods_addr = (uint32_t)(uintptr_t)fake.mods;
    bootinfo_read(MULTIBOOT_BOOTLOADER_MAGIC, &fake.mbi, &bi);
    CHECK(bi.nmodules == 1);
    CHECK(bi.modules[0].start == 0x200000 && bi.modules[0].end == 0x2d0000);
    CHECK_STR(bi.modules[0].name, "initrd.cpio");
}

static void test_mem_limit(void)
{
    add_entry(0, 0, 0x9fc00, 1);
    add_entry(1, 0x100000, 0x7ee0000, 1);
    build(2);
    bootinfo_read(MULTIBOOT_BOOTLOADER_MAGIC, &fake.mbi, &bi);
    bootinfo_limit(&bi, 8 << 20);
    CHECK(bi.ram_total == 8 << 20);
    CHECK(bi.nram == 2);
    CHECK(bi.ram[1].end == 0x100000 + (8 << 20) - 0x9fc00);
    bootinfo_limit(&bi, 0x1000);            /* inside the first region */
    CHECK(bi.nram == 1 && bi.ram[0].end == 0x1000 && bi.ram_total == 0x1000);
}

static void test_no_limit(void)
{
    add_entry(0, 0x100000, 0x100000, 1);
    build(1);
    bootinfo_read(MULTIBOOT_BOOTLOADER_MAGIC, &fake.mbi, &bi);
    bootinfo_limit(&bi, 0);
    CHECK(bi.ram_total == 0x100000 && bi.nram == 1);
    bootinfo_limit(&bi, 1ull << 40);        /* more than there is */
    CHECK(bi.ram_total == 0x100000 && bi.nram == 1);
}

static const struct unit_case cases[] = {
    { "bad_magic", test_bad_magic },
    { "memory_map", test_memory_map },
    { "overlapping_entries_merge", test_overlapping_entries_merge },
    { "mem_fields_fallback", test_mem_fields_fallback },
    { "modules", test_modules },
    { "mem_limit", test_mem_limit },
    { "no_limit", test_no_limit },
};
UNIT_SUITE(cases)
