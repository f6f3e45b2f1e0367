/* tls.h: thread-local storage descriptors, as Linux i386 gives them to a
 * process through set_thread_area(2): struct user_desc, the three GDT
 * entries a process owns, and the checks, encoding and decoding of one
 * descriptor (kernel/x86/tls.c, host-tested); the system calls are in
 * kernel/x86/sys_tls.c. */
#ifndef KERNEL_X86_TLS_H
#define KERNEL_X86_TLS_H

#include <stdint.h>

/* The GDT entries of a process's TLS segments (Linux's numbers): entry 6
 * is selector 6 << 3 | 3 = 0x33, the one glibc loads into %gs. */
#define GDT_ENTRY_TLS_MIN 6
#define GDT_ENTRY_TLS_ENTRIES 3
#define GDT_ENTRY_TLS_MAX (GDT_ENTRY_TLS_MIN + GDT_ENTRY_TLS_ENTRIES - 1)

/* struct user_desc of <asm/ldt.h>, 16 bytes. Linux declares the last word
 * as C bit-fields; on i386 they are allocated from bit 0 up, which these
 * masks spell out. */
struct user_desc {
    uint32_t entry_number;      /* GDT index, or -1: "pick a free one" */
    uint32_t base_addr;
    uint32_t limit;             /* 20 bits, in bytes or in 4 KiB pages */
    uint32_t flags;             /* the UD_* bits */
};
#define UD_SEG_32BIT        (1u << 0)   /* 32-bit segment (the D/B bit) */
#define UD_CONTENTS_SHIFT   1           /* 2 bits: 0 data, 1 data expand-down, 2 code */
#define UD_CONTENTS_MASK    (3u << UD_CONTENTS_SHIFT)
#define UD_READ_EXEC_ONLY   (1u << 3)   /* data: read-only */
#define UD_LIMIT_IN_PAGES   (1u << 4)   /* the G bit */
#define UD_SEG_NOT_PRESENT  (1u << 5)
#define UD_USEABLE          (1u << 6)   /* the AVL bit, free for software */
#define UD_KNOWN_FLAGS      0x7Fu       /* the bits above are ignored, as on Linux */

/* A process's TLS descriptors, in GDT format; 0 is an empty entry. */
struct tls_state {
    uint64_t desc[GDT_ENTRY_TLS_ENTRIES];
};

/* Is u a descriptor Linux accepts for a TLS entry? The "no segment" forms
 * (all fields zero, or Linux's "empty" pattern) are; otherwise only a
 * present, 32-bit data segment is. Returns 0 or -EINVAL. */
int tls_desc_check(const struct user_desc *u);

/* The 8-byte GDT descriptor for u (already checked): always a DPL 3 data
 * segment with the accessed bit set, or 0 for the "no segment" forms. */
uint64_t tls_desc_encode(const struct user_desc *u);

/* Fills *u from GDT descriptor d of entry `entry` (get_thread_area). */
void tls_desc_decode(uint64_t d, uint32_t entry, struct user_desc *u);

/* The GDT entry u asks for: its entry_number, or for -1 the lowest empty
 * one. Returns the entry, -EINVAL (bad descriptor or entry), or -ESRCH
 * (-1 and none is empty). Changes nothing. */
int tls_choose_entry(const struct tls_state *t, const struct user_desc *u);

/* Stores u's descriptor in entry (GDT_ENTRY_TLS_MIN..MAX) of t. */
void tls_install(struct tls_state *t, int entry, const struct user_desc *u);

/* May a data segment register hold selector sel on the way back to user
 * mode, with t's descriptors in the GDT? Yes for the null selector, the
 * user code and data segments and a non-empty TLS entry; no for anything
 * else (kernel segments, the TSS, the LDT, an emptied TLS entry), which
 * would make the kernel's own segment loads fault. */
int tls_selector_usable(const struct tls_state *t, uint32_t sel);

#endif
