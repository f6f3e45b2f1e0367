/* bootinfo.c: turning the multiboot v1 information into struct boot_info.
 * Pure logic over memory reached through phys_to_virt: also compiled into
 * the host unit tests. */
#include "kernel/bootinfo.h"
#include "kernel/string.h"
#include "mm/layout.h"

struct boot_info boot_info;

/* Inserts [base, end) into the sorted region list, merging overlaps. */
static void add_region(struct boot_info *bi, uint64_t base, uint64_t end)
{
    if (end <= base)
        return;
    int i = 0;
    while (i < bi->nram && bi->ram[i].end < base)
        i++;
    if (i < bi->nram && bi->ram[i].base <= end) {
        /* overlaps or touches region i: grow it and absorb followers */
        if (base < bi->ram[i].base)
            bi->ram[i].base = base;
        if (end > bi->ram[i].end)
            bi->ram[i].end = end;
        while (i + 1 < bi->nram && bi->ram[i + 1].base <= bi->ram[i].end) {
            if (bi->ram[i + 1].end > bi->ram[i].end)
                bi->ram[i].end = bi->ram[i + 1].end;
            memmove(&bi->ram[i + 1], &bi->ram[i + 2],
                    (bi->nram - i - 2) * sizeof bi->ram[0]);
            bi->nram--;
        }
        return;
    }
    if (bi->nram == BOOT_MAX_REGIONS)
        return;
    memmove(&bi->ram[i + 1], &bi->ram[i], (bi->nram - i) * sizeof bi->ram[0]);
    bi->ram[i].base = base;
    bi->ram[i].end = end;
    bi->nram++;
}

static uint64_t sum_regions(const struct boot_info *bi)
{
    uint64_t total = 0;
    for (int i = 0; i < bi->nram; i++)
        total += bi->ram[i].end - bi->ram[i].base;
    return total;
}

int bootinfo_read(uint32_t magic, const struct multiboot_info *mbi, struct boot_info *bi)
{
    memset(bi, 0, sizeof *bi);
    if (magic != MULTIBOOT_BOOTLOADER_MAGIC)
        return -1;

    if (mbi->flags & MBI_FLAG_MMAP) {
        uint32_t off = 0;
        while (off + sizeof(struct multiboot_mmap_entry) <= mbi->mmap_length) {
            const struct multiboot_mmap_entry *e = phys_to_virt(mbi->mmap_addr + off);
            if (e->type == 1)
                add_region(bi, e->base, e->base + e->length);
            off += e->size + 4;
        }
    } else if (mbi->flags & MBI_FLAG_MEM) {
        add_region(bi, 0, (uint64_t)mbi->mem_lower << 10);
        add_region(bi, 1 << 20, (1 << 20) + ((uint64_t)mbi->mem_upper << 10));
    }
    bi->ram_found = bi->ram_total = sum_regions(bi);
    bi->ram_top = bi->nram ? bi->ram[bi->nram - 1].end : 0;

    if (mbi->flags & MBI_FLAG_MODS) {
        const struct multiboot_module *m = phys_to_virt(mbi->mods_addr);
        for (uint32_t i = 0; i < mbi->mods_count && i < BOOT_MAX_MODULES; i++) {
            bi->modules[i].start = m[i].start;
            bi->modules[i].end = m[i].end;
            const char *name = m[i].string ? phys_to_virt(m[i].string) : "";
            size_t len = strlen(name);
            if (len >= sizeof bi->modules[i].name)
                len = sizeof bi->modules[i].name - 1;
            memcpy(bi->modules[i].name, name, len);
            bi->nmodules++;
        }
    }
    bi->cmdline = (mbi->flags & MBI_FLAG_CMDLINE) ? phys_to_virt(mbi->cmdline) : "";
    return 0;
}

void bootinfo_limit(struct boot_info *bi, uint64_t limit)
{
    if (limit == 0)
        return;
    uint64_t kept = 0;
    int n = 0;
    for (int i = 0; i < bi->nram && kept < limit; i++, n++) {
        uint64_t len = bi->ram[i].end - bi->ram[i].base;
        if (kept + len > limit)
            bi->ram[i].end = bi->ram[i].base + (limit - kept);
        kept += bi->ram[i].end - bi->ram[i].base;
    }
    bi->nram = n;
    bi->ram_total = kept;
}
