/* test_tls.c: the thread-local storage descriptors of kernel/x86/tls.c:
 * what set_thread_area accepts (Linux's rules), the exact GDT encoding,
 * the decoding get_thread_area returns, the choice of a free entry, and
 * which selectors may be left in a process's segment registers. */
#include "kernel/errno.h"
#include "kernel/x86/gdt.h"
#include "kernel/x86/tls.h"
#include "unit.h"

/* What glibc's i386 start-up asks for: a flat 4 GiB 32-bit data segment
 * in pages, based at its thread control block, "useable" set. */
static struct user_desc glibc_desc(uint32_t base)
{
    struct user_desc u = { (uint32_t)-1, base, 0xFFFFF,
                           UD_SEG_32BIT | UD_LIMIT_IN_PAGES | UD_USEABLE };
    return u;
}

static void test_encode_glibc(void)
{
    struct user_desc u = glibc_desc(0x080F1000);
    CHECK(tls_desc_check(&u) == 0);
    /* limit ffff, base 0f1000, access f3 (P, DPL 3, S, data rw accessed),
     * G D AVL + limit f, base 08 */
    CHECK(tls_desc_encode(&u) == 0x08DFF30F1000FFFFull);
}

static void test_encode_matches_flat_user_data(void)
{
    /* Base 0, limit 4 GiB, no AVL: the GDT's own user data segment
     * (access f2) plus the accessed bit. */
    struct user_desc u = { 6, 0, 0xFFFFF, UD_SEG_32BIT | UD_LIMIT_IN_PAGES };
    CHECK(tls_desc_encode(&u) == 0x00CFF3000000FFFFull);
}

static void test_encode_fields(void)
{
    struct user_desc u = { 7, 0xA1B2C3D4, 0x56789, UD_SEG_32BIT | UD_READ_EXEC_ONLY |
                           (1u << UD_CONTENTS_SHIFT) };
    uint64_t d = tls_desc_encode(&u);
    CHECK((d & 0xFFFF) == 0x6789);                  /* limit 15..0 */
    CHECK(((d >> 48) & 0xF) == 0x5);                /* limit 19..16 */
    CHECK(((d >> 16) & 0xFFFFFF) == 0xB2C3D4);      /* base 23..0 */
    CHECK((d >> 56) == 0xA1);                       /* base 31..24 */
    CHECK(((d >> 40) & 0xFF) == 0xF5);              /* P DPL3 S, expand-down ro accessed */
    CHECK(((d >> 52) & 0xF) == 0x4);                /* D only: no G, AVL, L */
}

static void test_decode_round_trip(void)
{
    for (uint32_t flags = 0; flags <= UD_KNOWN_FLAGS; flags++) {
        struct user_desc u = { 8, 0x12345678, 0xABCDE, flags }, back;
        if (tls_desc_check(&u) < 0)
            continue;
        tls_desc_decode(tls_desc_encode(&u), 8, &back);
        CHECK(back.entry_number == 8);
        CHECK(back.base_addr == 0x12345678);
        CHECK(back.limit == 0xABCDE);
        CHECK(back.flags == flags);
    }
}

static void test_empty_forms(void)
{
    struct user_desc zero = { 6, 0, 0, 0 };
    struct user_desc empty = { 6, 0, 0, UD_READ_EXEC_ONLY | UD_SEG_NOT_PRESENT };
    CHECK(tls_desc_check(&zero) == 0);
    CHECK(tls_desc_encode(&zero) == 0);
    CHECK(tls_desc_check(&empty) == 0);
    CHECK(tls_desc_encode(&empty) == 0);
    /* get_thread_area of an empty entry gives the "empty" pattern */
    struct user_desc got;
    tls_desc_decode(0, 7, &got);
    CHECK(got.entry_number == 7 && got.base_addr == 0 && got.limit == 0);
    CHECK(got.flags == (UD_READ_EXEC_ONLY | UD_SEG_NOT_PRESENT));
}

static void test_refused(void)
{
    struct user_desc u = glibc_desc(0x1000);
    u.flags &= ~UD_SEG_32BIT;                       /* 16-bit */
    CHECK(tls_desc_check(&u) == -EINVAL);
    u = glibc_desc(0x1000);
    u.flags |= 2u << UD_CONTENTS_SHIFT;             /* code */
    CHECK(tls_desc_check(&u) == -EINVAL);
    u.flags |= 3u << UD_CONTENTS_SHIFT;             /* conforming code */
    CHECK(tls_desc_check(&u) == -EINVAL);
    u = glibc_desc(0x1000);
    u.flags |= UD_SEG_NOT_PRESENT;
    CHECK(tls_desc_check(&u) == -EINVAL);
    u = glibc_desc(0x1000);
    u.flags |= 1u << UD_CONTENTS_SHIFT;             /* expand-down data is fine */
    CHECK(tls_desc_check(&u) == 0);
}

/* Whatever the flags, an accepted descriptor is a DPL 3 data segment:
 * S set, type bit 3 (code) clear, L clear. */
static void test_never_privileged(void)
{
    for (uint32_t flags = 0; flags < 256; flags++) {
        struct user_desc u = { 6, 0xC0000000, 0xFFFFF, flags };
        if (tls_desc_check(&u) < 0)
            continue;
        uint64_t d = tls_desc_encode(&u);
        if (d == 0)
            continue;
        CHECK(((d >> 45) & 3) == 3);
        CHECK((d >> 44) & 1);
        CHECK(!((d >> 43) & 1));
        CHECK(!((d >> 53) & 1));
    }
}

static void test_choose_entry(void)
{
    struct tls_state t = { { 0, 0, 0 } };
    struct user_desc u = glibc_desc(0x1000);
    CHECK(tls_choose_entry(&t, &u) == 6);
    t.desc[0] = 1;
    CHECK(tls_choose_entry(&t, &u) == 7);
    t.desc[2] = 1;
    CHECK(tls_choose_entry(&t, &u) == 7);
    t.desc[1] = 1;
    CHECK(tls_choose_entry(&t, &u) == -ESRCH);
    for (uint32_t e = 6; e <= 8; e++) {
        u.entry_number = e;
        CHECK(tls_choose_entry(&t, &u) == (int)e);  /* replacing is allowed */
    }
    uint32_t bad[] = { 0, 3, 4, 5, 9, 12, 0x80000000u, 0xFFFFFFFEu };
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        u.entry_number = bad[i];
        CHECK(tls_choose_entry(&t, &u) == -EINVAL);
    }
    /* the descriptor is checked before the entry is picked */
    struct tls_state none = { { 0, 0, 0 } };
    u = glibc_desc(0x1000);
    u.flags |= UD_SEG_NOT_PRESENT;
    CHECK(tls_choose_entry(&none, &u) == -EINVAL);
}

static void test_install_and_clear(void)
{
    struct tls_state t = { { 0, 0, 0 } };
    struct user_desc u = glibc_desc(0x2000);
    tls_install(&t, 8, &u);
    CHECK(t.desc[2] == tls_desc_encode(&u) && t.desc[0] == 0 && t.desc[1] == 0);
    struct user_desc zero = { 8, 0, 0, 0 };
    tls_install(&t, 8, &zero);
    CHECK(t.desc[2] == 0);
}

static void test_selector_usable(void)
{
    struct tls_state t = { { 0, 0, 0 } };
    CHECK(tls_selector_usable(&t, 0));
    CHECK(tls_selector_usable(&t, 3));              /* null with RPL 3 */
    CHECK(tls_selector_usable(&t, SEG_UCODE));
    CHECK(tls_selector_usable(&t, SEG_UDATA));
    CHECK(!tls_selector_usable(&t, SEG_KCODE));
    CHECK(!tls_selector_usable(&t, SEG_KDATA));
    CHECK(!tls_selector_usable(&t, SEG_TSS));
    CHECK(!tls_selector_usable(&t, 0x33));          /* entry 6, empty */
    CHECK(!tls_selector_usable(&t, 0x37));          /* LDT */
    CHECK(!tls_selector_usable(&t, 0x4B));          /* index 9: past the GDT */
    CHECK(!tls_selector_usable(&t, 0xFFFF));
    t.desc[0] = 0x08DFF30F1000FFFFull;
    CHECK(tls_selector_usable(&t, 0x33));
    CHECK(!tls_selector_usable(&t, 0x3B));
}

static const struct unit_case cases[] = {
    { "tls_encode_glibc", test_encode_glibc },
    { "tls_encode_matches_flat_user_data", test_encode_matches_flat_user_data },
    { "tls_encode_fields", test_encode_fields },
    { "tls_decode_round_trip", test_decode_round_trip },
    { "tls_empty_forms", test_empty_forms },
    { "tls_refused", test_refused },
    { "tls_never_privileged", test_never_privileged },
    { "tls_choose_entry", test_choose_entry },
    { "tls_install_and_clear", test_install_and_clear },
    { "tls_selector_usable", test_selector_usable },
};

UNIT_SUITE(cases)
