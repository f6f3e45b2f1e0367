/* test_exec_stack.c: the initial user stack. Each case builds a stack in a
 * buffer standing for the top of the user stack, then walks it the way
 * crt0 and a C library's start-up do, translating user addresses back into
 * the buffer: argc, argv, envp, the auxiliary vector and the strings. */
#include "kernel/errno.h"
#include "kernel/exec_stack.h"
#include "mm/layout.h"
#include "unit.h"

#define BIG (132u << 10)
#define FILL 0xA5

static uint8_t stack[BIG] __attribute__((aligned(16)));
static uint32_t size;                   /* the case's buffer: stack[BIG - size ..] */
static struct exec_auxv aux;

static uint32_t base(void) { return USER_TOP - size; }

/* Is [va, va + n) inside the buffer's user range? */
static int inside(uint32_t va, uint32_t n)
{
    return va >= base() && va <= USER_TOP && n <= USER_TOP - va;
}

static void setup(uint32_t bytes)
{
    size = bytes;
    memset(stack, FILL, sizeof stack);
    memset(&aux, 0, sizeof aux);
    aux.phdr = 0x08048034;
    aux.phent = 32;
    aux.phnum = 6;
    aux.entry = 0x08049010;
    aux.base = 0xb7fd0000;
    aux.hwcap = 0x0789ABCD;
    for (int i = 0; i < 16; i++)
        aux.random[i] = (uint8_t)(0x40 + 7 * i);
}

static int build(const char *const *argv, int argc, const char *const *envp, int envc,
                 uint32_t *sp)
{
    return exec_stack_build(stack + (BIG - size), size, USER_TOP, argv, argc,
                            envp, envc, &aux, sp);
}

/* CHECK for helpers that return 1 when all is well: reports, returns 0. */
#define REQUIRE(cond)                                       \
    do {                                                    \
        if (!(cond)) {                                      \
            unit_fail(__FILE__, __LINE__, #cond);           \
            return 0;                                       \
        }                                                   \
    } while (0)

/* A case's buffer is the last `size` bytes of stack[]: the byte of user
 * address va is stack[AT(va)]. */
#define AT(va) ((va) - base() + (BIG - size))

static uint32_t rd(uint32_t va)
{
    uint32_t w;
    memcpy(&w, stack + AT(va), 4);
    return w;
}

static const char *rs(uint32_t va) { return (const char *)stack + AT(va); }

/* Walks argc, argv, envp from sp and checks them against the expected
 * strings; gives the user address of the auxiliary vector in *auxv.
 * Returns 1, or 0 after reporting the first failure. */
static int walk_args(uint32_t sp, const char *const *argv, int argc,
                     const char *const *envp, int envc, uint32_t *auxv)
{
    REQUIRE(sp % 16 == 0);
    REQUIRE(inside(sp, 4));
    REQUIRE(rd(sp) == (uint32_t)argc);
    uint32_t p = sp + 4;
    for (int i = 0; i < argc; i++, p += 4) {
        uint32_t s = rd(p);
        REQUIRE(inside(s, strlen(argv[i]) + 1));
        REQUIRE(strcmp(rs(s), argv[i]) == 0);
    }
    REQUIRE(rd(p) == 0);
    p += 4;
    for (int i = 0; i < envc; i++, p += 4) {
        uint32_t s = rd(p);
        REQUIRE(inside(s, strlen(envp[i]) + 1));
        REQUIRE(strcmp(rs(s), envp[i]) == 0);
    }
    REQUIRE(rd(p) == 0);
    *auxv = p + 4;
    return 1;
}

/* Reads the auxiliary vector at va into vals[key] (keys < 64), checking
 * that every key appears once and AT_NULL ends it. Returns the number of
 * pairs, AT_NULL included, or 0 on failure. */
static int walk_auxv(uint32_t va, uint32_t vals[64])
{
    int seen[64] = { 0 };
    for (int n = 1; n <= 64; n++, va += 8) {
        if (!inside(va, 8))
            return 0;
        uint32_t key = rd(va), val = rd(va + 4);
        if (key >= 64 || seen[key]++)
            return 0;
        vals[key] = val;
        if (key == AT_NULL)
            return val == 0 ? n : 0;
    }
    return 0;
}

static const char *const argv3[] = { "prog", "a", "bc" };
static const char *const envp2[] = { "X=1", "HOME=/" };

static void test_layout(void)
{
    uint32_t sp, auxv, vals[64];
    setup(8192);
    CHECK(build(argv3, 3, envp2, 2, &sp) == 0);
    if (!walk_args(sp, argv3, 3, envp2, 2, &auxv))
        return;
    CHECK(walk_auxv(auxv, vals) == EXEC_AUXV_PAIRS);
    CHECK(vals[AT_PHDR] == 0x08048034 && vals[AT_PHENT] == 32 && vals[AT_PHNUM] == 6);
    CHECK(vals[AT_PAGESZ] == PAGE_SIZE && vals[AT_ENTRY] == 0x08049010);
    CHECK(vals[AT_BASE] == 0xb7fd0000);
    CHECK(vals[AT_HWCAP] == 0x0789ABCD && vals[AT_CLKTCK] == 100);
    /* Linux's order: AT_HWCAP first, AT_PLATFORM just before AT_NULL */
    CHECK(rd(auxv) == AT_HWCAP && rd(auxv + 8 * (EXEC_AUXV_PAIRS - 2)) == AT_PLATFORM);
    CHECK(vals[AT_UID] == 0 && vals[AT_EUID] == 0 && vals[AT_GID] == 0 &&
          vals[AT_EGID] == 0 && vals[AT_SECURE] == 0);
    CHECK(inside(vals[AT_RANDOM], 16));
    CHECK(memcmp(rs(vals[AT_RANDOM]), aux.random, 16) == 0);
    CHECK(vals[AT_EXECFN] == rd(sp + 4));   /* argv[0]'s string */
    /* last pair is AT_NULL, at the bottom of everything else */
    CHECK(rd(auxv + 8 * (EXEC_AUXV_PAIRS - 1)) == AT_NULL);
    CHECK(vals[AT_RANDOM] >= auxv + 8 * EXEC_AUXV_PAIRS);
}

static void test_strings_order(void)
{
    uint32_t sp;
    setup(8192);
    CHECK(build(argv3, 3, envp2, 2, &sp) == 0);
    /* argv strings then envp strings, contiguous, upwards; then the end
     * marker at the very top */
    uint32_t s = rd(sp + 4);
    const char *want[] = { "prog", "a", "bc", "X=1", "HOME=/" };
    uint32_t slots[] = { sp + 4, sp + 8, sp + 12, sp + 20, sp + 24 };
    for (int i = 0; i < 5; i++) {
        CHECK(rd(slots[i]) == s);
        CHECK_STR(rs(s), want[i]);
        s += strlen(want[i]) + 1;
    }
    CHECK(s == USER_TOP - 4);
    CHECK(rd(USER_TOP - 4) == 0);
    /* the platform name sits just below the strings, the random bytes
     * just below it */
    uint32_t auxv, vals[64];
    if (!walk_args(sp, argv3, 3, envp2, 2, &auxv))
        return;
    CHECK(walk_auxv(auxv, vals) == EXEC_AUXV_PAIRS);
    CHECK(vals[AT_PLATFORM] + 5 == rd(sp + 4));
    CHECK_STR(rs(vals[AT_PLATFORM]), "i686");
    CHECK(vals[AT_RANDOM] + 16 == vals[AT_PLATFORM]);
}

static void test_execfn_copied(void)
{
    uint32_t sp, auxv, vals[64];
    setup(8192);
    aux.execfn = "/bin/prog";
    CHECK(build(argv3, 3, envp2, 2, &sp) == 0);
    if (!walk_args(sp, argv3, 3, envp2, 2, &auxv))
        return;
    CHECK(walk_auxv(auxv, vals) == EXEC_AUXV_PAIRS);
    CHECK(inside(vals[AT_EXECFN], 10));
    CHECK_STR(rs(vals[AT_EXECFN]), "/bin/prog");
    CHECK(vals[AT_EXECFN] == USER_TOP - 4 - 10);  /* above all the others */
}

static void test_argc_zero(void)
{
    uint32_t sp, auxv, vals[64];
    setup(8192);
    CHECK(build(0, 0, envp2, 2, &sp) == 0);
    if (!walk_args(sp, 0, 0, envp2, 2, &auxv))
        return;
    CHECK(rd(sp + 4) == 0);                 /* argv[0] is the NULL */
    CHECK(walk_auxv(auxv, vals) == EXEC_AUXV_PAIRS);
    CHECK(vals[AT_EXECFN] == 0);
    setup(8192);
    CHECK(build(0, 0, 0, 0, &sp) == 0);
    if (!walk_args(sp, 0, 0, 0, 0, &auxv))
        return;
    CHECK(auxv == sp + 12);
    CHECK(walk_auxv(auxv, vals) == EXEC_AUXV_PAIRS);
}

static void test_sp_aligned_for_every_length(void)
{
    static char name[64];
    for (int len = 0; len < 48; len++) {
        for (int argc = 1; argc <= 4; argc++) {
            uint32_t sp, auxv, vals[64];
            memset(name, 'n', len);
            name[len] = '\0';
            const char *argv[4] = { name, "x", "yy", "zzz" };
            setup(4096);
            CHECK(build(argv, argc, envp2, len % 3, &sp) == 0);
            if (!walk_args(sp, argv, argc, envp2, len % 3, &auxv))
                return;
            CHECK(walk_auxv(auxv, vals) == EXEC_AUXV_PAIRS);
        }
    }
}

static void test_page_sized_strings(void)
{
    static char s4095[4096], s4096[4097], s4097[4098], env[4097];
    memset(s4095, 'a', 4095);
    memset(s4096, 'b', 4096);
    memset(s4097, 'c', 4097);
    memset(env, 'e', 4096);
    env[1] = '=';
    const char *argv[] = { "prog", s4095, s4096, s4097 };
    const char *envp[] = { env, "Y=2" };
    uint32_t sp, auxv, vals[64];
    setup(BIG);
    CHECK(build(argv, 4, envp, 2, &sp) == 0);
    if (!walk_args(sp, argv, 4, envp, 2, &auxv))
        return;
    CHECK(walk_auxv(auxv, vals) == EXEC_AUXV_PAIRS);
    CHECK(strlen(rs(rd(sp + 12))) == 4096);
    CHECK(USER_TOP - sp <= exec_stack_size_needed(4, 5 + 4096 + 4097 + 4098 + 4097 + 4, 2));
}

static void test_e2big_strings(void)
{
    static char huge[8192];
    memset(huge, 'h', sizeof huge - 1);
    const char *argv[] = { "prog", huge };
    uint32_t sp = 0x1234;
    setup(8192);
    CHECK(build(argv, 2, envp2, 2, &sp) == -E2BIG);
    CHECK(sp == 0x1234);
    setup(BIG);
    CHECK(build(argv, 2, envp2, 2, &sp) == 0);  /* the same fits in more */
}

static void test_e2big_pointers(void)
{
    static const char *argv[2000];
    for (int i = 0; i < 2000; i++)
        argv[i] = "";                       /* 2000 bytes of strings, 8000 of pointers */
    uint32_t sp;
    setup(8192);
    CHECK(build(argv, 2000, 0, 0, &sp) == -E2BIG);
    setup(16384);
    CHECK(build(argv, 2000, 0, 0, &sp) == 0);
    CHECK(rd(sp) == 2000 && rd(sp + 4 + 4 * 2000) == 0);
}

/* The longest argv[0] that fits fills the buffer to within the alignment,
 * one more byte does not fit, and exec_stack_size_needed bounds the use;
 * also for buffers whose bottom is not 16-byte aligned. */
static int exact_fit(uint32_t bytes)
{
    static char arg[4096];
    const char *argv[] = { arg };
    uint32_t sp, best = 0, best_sp = 0;
    for (uint32_t len = 3900; len < 4096; len++) {
        memset(arg, 'f', len);
        arg[len] = '\0';
        setup(bytes);
        int rc = build(argv, 1, 0, 0, &sp);
        REQUIRE(rc == 0 || rc == -E2BIG);
        if (rc == 0) {
            REQUIRE(len == 3900 || best == len - 1);  /* no gaps: monotonic */
            REQUIRE(sp % 16 == 0 && inside(sp, 4));
            REQUIRE(USER_TOP - sp <= exec_stack_size_needed(1, len + 1, 0));
            best = len;
            best_sp = sp;
        }
    }
    REQUIRE(best > 3900 && best < 4095);
    REQUIRE(best_sp - base() < 16);
    return 1;
}

static void test_exact_fit(void)
{
    for (uint32_t bytes = 4096; bytes < 4112; bytes += 4)
        if (!exact_fit(bytes))
            return;
}

static void test_writes_nothing_below_sp(void)
{
    uint32_t sp;
    setup(8192);
    CHECK(build(argv3, 3, envp2, 2, &sp) == 0);
    for (uint32_t va = base(); va < sp; va++)
        CHECK(stack[AT(va)] == FILL);
    for (uint32_t i = 0; i < BIG - size; i++)
        CHECK(stack[i] == FILL);            /* nor before the buffer */
}

static void test_padding_zeroed(void)
{
    /* between the auxiliary vector and the random bytes: zeros, not the
     * buffer's old contents, for every amount of padding */
    for (int len = 0; len < 16; len++) {
        static char name[16];
        const char *argv[] = { name };
        uint32_t sp, auxv, vals[64];
        memset(name, 'p', len);
        name[len] = '\0';
        setup(4096);
        CHECK(build(argv, 1, 0, 0, &sp) == 0);
        if (!walk_args(sp, argv, 1, 0, 0, &auxv))
            return;
        CHECK(walk_auxv(auxv, vals) == EXEC_AUXV_PAIRS);
        for (uint32_t va = auxv + 8 * EXEC_AUXV_PAIRS; va < vals[AT_RANDOM]; va++)
            CHECK(stack[AT(va)] == 0);
    }
}

static void test_bad_arguments(void)
{
    uint32_t sp;
    setup(8192);
    CHECK(build(argv3, -1, envp2, 2, &sp) == -EINVAL);
    CHECK(build(argv3, 3, envp2, -1, &sp) == -EINVAL);
    CHECK(exec_stack_build(stack, BIG, BIG - 1, argv3, 3, envp2, 2, &aux, &sp) == -EINVAL);
}

static void test_other_top(void)
{
    /* top_va need not be USER_TOP: every address follows it */
    const uint32_t top = 0x10000, low = top - 8192;
    const uint8_t *b = stack + BIG - 8192;
    uint32_t sp, a0;
    setup(8192);
    CHECK(exec_stack_build(stack + BIG - 8192, 8192, top, argv3, 3, envp2, 2,
                           &aux, &sp) == 0);
    CHECK(sp % 16 == 0 && sp >= low && sp < top);
    memcpy(&a0, b + (sp + 4 - low), 4);
    CHECK(a0 >= low && a0 < top);
    CHECK_STR((const char *)b + (a0 - low), "prog");
}

static const struct unit_case cases[] = {
    { "exec_stack_layout", test_layout },
    { "exec_stack_strings_order", test_strings_order },
    { "exec_stack_execfn_copied", test_execfn_copied },
    { "exec_stack_argc_zero", test_argc_zero },
    { "exec_stack_sp_aligned_for_every_length", test_sp_aligned_for_every_length },
    { "exec_stack_page_sized_strings", test_page_sized_strings },
    { "exec_stack_e2big_strings", test_e2big_strings },
    { "exec_stack_e2big_pointers", test_e2big_pointers },
    { "exec_stack_exact_fit", test_exact_fit },
    { "exec_stack_writes_nothing_below_sp", test_writes_nothing_below_sp },
    { "exec_stack_padding_zeroed", test_padding_zeroed },
    { "exec_stack_bad_arguments", test_bad_arguments },
    { "exec_stack_other_top", test_other_top },
};

UNIT_SUITE(cases)
