/* exec_stack.c: building a new program's initial stack in a kernel buffer:
 * the strings, the platform name, the AT_RANDOM bytes, then argc, argv,
 * envp and the auxiliary vector, the way Linux's create_elf_tables leaves
 * them, so that our crt0 and any other Linux i386 libc start the same. The layout is drawn in
 * exec_stack.h. Pure logic: also a host unit test. */
#include "kernel/exec_stack.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "mm/layout.h"

/* A cursor moving down through buf, in user addresses: buf[0] is user
 * address base, and everything from sp up to the top is laid out. */
struct stack_cursor {
    uint8_t *buf;
    uint32_t base;
    uint32_t sp;
};

/* Moves sp down by n bytes (and, with src, copies n bytes there).
 * Returns 0, or -E2BIG if that would go below the buffer. */
static int cursor_push(struct stack_cursor *c, const void *src, uint32_t n)
{
    if (n > c->sp - c->base)
        return -E2BIG;
    c->sp -= n;
    if (src)
        memcpy(c->buf + (c->sp - c->base), src, n);
    return 0;
}

/* Stores a 32-bit word at user address va (inside the buffer). */
static void put_word(struct stack_cursor *c, uint32_t va, uint32_t value)
{
    memcpy(c->buf + (va - c->base), &value, sizeof value);
}

/* Bytes of the argv and envp strings with their NULs; limit + 1 as soon
 * as they exceed limit (< UINT32_MAX), so that the sum cannot wrap. */
static uint32_t strings_size(const char *const *argv, int argc,
                             const char *const *envp, int envc, uint32_t limit)
{
    uint32_t total = 0;
    for (int i = 0; i < argc + envc; i++) {
        const char *s = i < argc ? argv[i] : envp[i - argc];
        uint32_t len = strlen(s) + 1;
        if (len > limit - total)
            return limit + 1;
        total += len;
    }
    return total;
}

/* Copies the argv then envp strings upwards from user address va, and
 * writes each one's address into its slot of the pointer tables, which
 * start at user address table (argv at table + 4, envp after argv's NULL). */
static void place_strings(struct stack_cursor *c, uint32_t va, uint32_t table,
                          const char *const *argv, int argc,
                          const char *const *envp, int envc)
{
    uint32_t slot = table + 4;
    for (int i = 0; i < argc + envc; i++) {
        const char *s = i < argc ? argv[i] : envp[i - argc];
        uint32_t len = strlen(s) + 1;
        if (i == argc)
            slot += 4;              /* skip argv's NULL */
        memcpy(c->buf + (va - c->base), s, len);
        put_word(c, slot, va);
        slot += 4;
        va += len;
    }
}

/* Words of argc, argv + NULL, envp + NULL and the auxiliary vector. */
static uint64_t table_words(uint32_t argc, uint32_t envc)
{
    return 1 + (uint64_t)argc + 1 + envc + 1 + 2 * EXEC_AUXV_PAIRS;
}

/* Writes the auxiliary vector's (key, value) pairs upwards from user
 * address va, AT_NULL last. */
static void put_auxv(struct stack_cursor *c, uint32_t va, const struct exec_auxv *aux,
                     uint32_t random_va, uint32_t execfn_va, uint32_t platform_va)
{
    const uint32_t pairs[EXEC_AUXV_PAIRS][2] = {
        { AT_HWCAP, aux->hwcap },   { AT_PAGESZ, PAGE_SIZE },
        { AT_CLKTCK, EXEC_CLKTCK }, { AT_PHDR, aux->phdr },
        { AT_PHENT, aux->phent },   { AT_PHNUM, aux->phnum },
        { AT_BASE, aux->base },     { AT_FLAGS, 0 },
        { AT_ENTRY, aux->entry },   { AT_UID, 0 },
        { AT_EUID, 0 },             { AT_GID, 0 },
        { AT_EGID, 0 },             { AT_SECURE, 0 },
        { AT_RANDOM, random_va },   { AT_EXECFN, execfn_va },
        { AT_PLATFORM, platform_va }, { AT_NULL, 0 },
    };
    for (int i = 0; i < EXEC_AUXV_PAIRS; i++) {
        put_word(c, va + 8 * i, pairs[i][0]);
        put_word(c, va + 8 * i + 4, pairs[i][1]);
    }
}

int exec_stack_build(uint8_t *buf, uint32_t buf_size, uint32_t top_va,
                     const char *const *argv, int argc,
                     const char *const *envp, int envc,
                     const struct exec_auxv *aux, uint32_t *sp_out)
{
    static const uint32_t end_marker = 0;
    struct stack_cursor c = { buf, top_va - buf_size, top_va };
    uint32_t execfn_va = 0;

    if (argc < 0 || envc < 0 || buf_size > top_va)
        return -EINVAL;
    if (cursor_push(&c, &end_marker, sizeof end_marker) < 0)
        return -E2BIG;
    if (aux->execfn) {
        if (cursor_push(&c, aux->execfn, strlen(aux->execfn) + 1) < 0)
            return -E2BIG;
        execfn_va = c.sp;
    }

    uint32_t strings = strings_size(argv, argc, envp, envc, c.sp - c.base);
    if (cursor_push(&c, 0, strings) < 0)
        return -E2BIG;
    uint32_t strings_va = c.sp;
    if (!aux->execfn && argc > 0)
        execfn_va = strings_va;     /* argv[0] comes first */
    if (cursor_push(&c, EXEC_PLATFORM, sizeof EXEC_PLATFORM) < 0)
        return -E2BIG;
    uint32_t platform_va = c.sp;
    if (cursor_push(&c, aux->random, sizeof aux->random) < 0)
        return -E2BIG;
    uint32_t random_va = c.sp;

    /* The tables below them, with argc 16-byte aligned at their bottom. */
    uint64_t bytes = 4 * table_words(argc, envc);
    if (bytes > c.sp - c.base || ((c.sp - (uint32_t)bytes) & ~15u) < c.base)
        return -E2BIG;
    uint32_t sp = (c.sp - (uint32_t)bytes) & ~15u;
    memset(buf + (sp - c.base), 0, c.sp - sp);  /* no stale bytes above sp */

    put_word(&c, sp, (uint32_t)argc);
    place_strings(&c, strings_va, sp, argv, argc, envp, envc);
    uint32_t argv_null = sp + 4 + 4 * (uint32_t)argc;
    uint32_t envp_null = argv_null + 4 + 4 * (uint32_t)envc;
    put_word(&c, argv_null, 0);
    put_word(&c, envp_null, 0);

    put_auxv(&c, envp_null + 4, aux, random_va, execfn_va, platform_va);
    *sp_out = sp;
    return 0;
}

uint32_t exec_stack_size_needed(int argc, uint32_t string_bytes, int envc)
{
    /* end marker, strings, platform, random bytes, argc's alignment, the tables */
    uint64_t need = 4 + (uint64_t)string_bytes + sizeof EXEC_PLATFORM + 16 + 15 +
                    4 * table_words(argc < 0 ? 0 : argc, envc < 0 ? 0 : envc);
    return need > UINT32_MAX ? UINT32_MAX : (uint32_t)need;
}
