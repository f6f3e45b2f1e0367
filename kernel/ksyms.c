/* ksyms.c: looking up addresses in the embedded symbol table, and walking
 * the frame-pointer chain for a backtrace. The table (section .ksyms) is
 * generated from `nm -n` of a first link: a count, then sorted
 * {address, name offset} pairs, then the names. */
#include "kernel/ksyms.h"
#include "kernel/printk.h"

struct ksym {
    uint32_t addr;
    uint32_t name;      /* offset into the names after the table */
};

extern const char _ksyms_start[], _ksyms_end[];
extern const char _etext[];

const char *ksyms_lookup(uint32_t addr, uint32_t *offset)
{
    if (_ksyms_end - _ksyms_start < 4)
        return 0;
    uint32_t count = *(const uint32_t *)_ksyms_start;
    const struct ksym *syms = (const struct ksym *)(_ksyms_start + 4);
    const char *names = (const char *)(syms + count);
    if (count == 0 || addr < syms[0].addr || addr >= (uint32_t)_etext)
        return 0;
    uint32_t lo = 0, hi = count;        /* syms[lo].addr <= addr */
    while (hi - lo > 1) {
        uint32_t mid = (lo + hi) / 2;
        if (syms[mid].addr <= addr)
            lo = mid;
        else
            hi = mid;
    }
    if (offset)
        *offset = addr - syms[lo].addr;
    return names + syms[lo].name;
}

void ksyms_backtrace(uint32_t ebp)
{
    for (int depth = 0; ebp && depth < 32; depth++) {
        /* Only follow frames inside the kernel half. */
        if (ebp < 0xC0000000u || ebp >= 0xF0000000u || (ebp & 3))
            break;
        uint32_t eip = ((uint32_t *)ebp)[1];
        /* eip-1: a call's return address may already be past the end of
         * a function that never returns. */
        uint32_t off;
        const char *name = ksyms_lookup(eip - 1, &off);
        if (name)
            printk("  [%p] %s+0x%x\n", (void *)eip, name, off + 1);
        else
            printk("  [%p] ?\n", (void *)eip);
        ebp = ((uint32_t *)ebp)[0];
    }
}
