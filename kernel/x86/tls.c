/* tls.c: the descriptors of a process's thread-local storage segments:
 * what set_thread_area accepts, how a struct user_desc becomes the 8 bytes
 * of a GDT entry and back, and which entry a request gets. Pure logic, also
 * run as a host unit test (tests/unit/test_tls.c).
 *
 * This is the one place where the kernel still uses segmentation. Paging
 * does all the protection; every other segment is flat (base 0, limit
 * 4 GiB). But the i386 ABI finds a thread's data (errno, the stack
 * guard, glibc's own state) through %gs: the C library asks for a data
 * segment whose base is its thread control block, loads %gs with its
 * selector, and reads %gs:0, %gs:0x14 ... The kernel's part is to keep
 * that descriptor in the GDT while the process runs.
 *
 * Layout of a descriptor (Intel SDM vol. 3, 3.4.5):
 *   bits  0-15  limit 15..0          bits 48-51  limit 19..16
 *   bits 16-39  base 23..0           bit  52     AVL (free for software)
 *   bits 40-43  type                 bit  53     L (64-bit code; always 0)
 *   bit  44     S (1: code or data)  bit  54     D/B (32-bit)
 *   bits 45-46  DPL                  bit  55     G (limit in 4 KiB pages)
 *   bit  47     P (present)          bits 56-63  base 31..24
 * For a data segment the type is: bit 0 accessed, bit 1 writable, bit 2
 * expand-down (bit 3 clear: not code).
 *
 * Safety: whatever the process asks, the descriptor is a data segment
 * (S = 1, type bit 3 clear: never code, never a gate or a TSS) with DPL 3,
 * so loading it cannot raise privilege. Its base and limit may well cover
 * the kernel half: that is harmless, because a user access through it is
 * still checked by paging, and the kernel's pages are supervisor-only. */
#include "kernel/x86/tls.h"
#include "kernel/errno.h"
#include "kernel/x86/gdt.h"

#define DESC_TYPE_ACCESSED  0x1u
#define DESC_TYPE_WRITABLE  0x2u
#define DESC_S              (1ull << 44)
#define DESC_DPL3           (3ull << 45)
#define DESC_P              (1ull << 47)
#define DESC_AVL            (1ull << 52)
#define DESC_DB             (1ull << 54)
#define DESC_G              (1ull << 55)

static uint32_t contents(const struct user_desc *u)
{
    return (u->flags & UD_CONTENTS_MASK) >> UD_CONTENTS_SHIFT;
}

/* Linux's two spellings of "no segment": every field zero (what programs
 * that zero a struct user_desc mean), or the pattern get_thread_area
 * returns for an empty entry (read-only, not present, all else zero). */
static int desc_is_none(const struct user_desc *u)
{
    uint32_t f = u->flags & UD_KNOWN_FLAGS;
    if (u->base_addr != 0 || u->limit != 0)
        return 0;
    return f == 0 || f == (UD_READ_EXEC_ONLY | UD_SEG_NOT_PRESENT);
}

int tls_desc_check(const struct user_desc *u)
{
    if (desc_is_none(u))
        return 0;
    if (!(u->flags & UD_SEG_32BIT))     /* 16-bit segments: refused, as on Linux */
        return -EINVAL;
    if (contents(u) > 1)                /* code segments: refused */
        return -EINVAL;
    if (u->flags & UD_SEG_NOT_PRESENT)  /* to remove an entry, clear it */
        return -EINVAL;
    return 0;
}

uint64_t tls_desc_encode(const struct user_desc *u)
{
    if (desc_is_none(u))
        return 0;
    uint32_t type = DESC_TYPE_ACCESSED | (contents(u) << 2);
    if (!(u->flags & UD_READ_EXEC_ONLY))
        type |= DESC_TYPE_WRITABLE;
    uint64_t d = u->limit & 0xFFFFu;
    d |= (uint64_t)(u->base_addr & 0xFFFFFFu) << 16;
    d |= (uint64_t)type << 40;
    d |= DESC_S | DESC_DPL3;
    if (!(u->flags & UD_SEG_NOT_PRESENT))
        d |= DESC_P;
    d |= (uint64_t)((u->limit >> 16) & 0xFu) << 48;
    if (u->flags & UD_USEABLE)
        d |= DESC_AVL;
    if (u->flags & UD_SEG_32BIT)
        d |= DESC_DB;
    if (u->flags & UD_LIMIT_IN_PAGES)
        d |= DESC_G;
    d |= (uint64_t)(u->base_addr >> 24) << 56;
    return d;
}

void tls_desc_decode(uint64_t d, uint32_t entry, struct user_desc *u)
{
    uint32_t type = (uint32_t)(d >> 40) & 0xF;
    u->entry_number = entry;
    u->base_addr = (uint32_t)((d >> 16) & 0xFFFFFFu) | (uint32_t)(d >> 56) << 24;
    u->limit = (uint32_t)(d & 0xFFFFu) | (uint32_t)((d >> 48) & 0xFu) << 16;
    u->flags = (type >> 2) << UD_CONTENTS_SHIFT;
    if (!(type & DESC_TYPE_WRITABLE))
        u->flags |= UD_READ_EXEC_ONLY;
    if (d & DESC_DB)
        u->flags |= UD_SEG_32BIT;
    if (d & DESC_G)
        u->flags |= UD_LIMIT_IN_PAGES;
    if (!(d & DESC_P))
        u->flags |= UD_SEG_NOT_PRESENT;
    if (d & DESC_AVL)
        u->flags |= UD_USEABLE;
}

int tls_choose_entry(const struct tls_state *t, const struct user_desc *u)
{
    if (tls_desc_check(u) < 0)
        return -EINVAL;
    if (u->entry_number == (uint32_t)-1) {
        for (int i = 0; i < GDT_ENTRY_TLS_ENTRIES; i++)
            if (t->desc[i] == 0)
                return GDT_ENTRY_TLS_MIN + i;
        return -ESRCH;
    }
    if (u->entry_number < GDT_ENTRY_TLS_MIN || u->entry_number > GDT_ENTRY_TLS_MAX)
        return -EINVAL;
    return (int)u->entry_number;
}

void tls_install(struct tls_state *t, int entry, const struct user_desc *u)
{
    t->desc[entry - GDT_ENTRY_TLS_MIN] = tls_desc_encode(u);
}

int tls_selector_usable(const struct tls_state *t, uint32_t sel)
{
    uint32_t index = (sel & 0xFFFF) >> 3;
    if (sel & 4)                        /* TI: the LDT, which no process has */
        return 0;
    if (index == 0 || index == SEG_UCODE >> 3 || index == SEG_UDATA >> 3)
        return 1;
    if (index >= GDT_ENTRY_TLS_MIN && index <= GDT_ENTRY_TLS_MAX)
        return t->desc[index - GDT_ENTRY_TLS_MIN] != 0;
    return 0;
}
