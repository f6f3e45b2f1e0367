/* t_layout.c: the classic process layout (docs/design.md): text at 0x0804xxxx,
 * then data, bss (all zero, the tail of the last file page included),
 * the heap starting page-aligned after bss, the stack just below
 * 0xC0000000 with argc, argv, envp and the auxiliary vector laid out as
 * the i386 System V ABI says. Run as `t_layout a bc`. */
#include "t_common.h"
#include <stdint.h>

extern char etext[], edata[], end[];
extern void _start(void);
extern char **environ;

int initialised = 42;
static const char rodata_string[] = "read-only";
static char big_bss[1 << 20];
static int argc_seen;
static char **argv_seen, **envp_seen;
static uintptr_t initial_brk;

#define AT_NULL 0
#define AT_PHDR 3
#define AT_PHNUM 5
#define AT_PAGESZ 6
#define AT_ENTRY 9
#define AT_RANDOM 25

static uint32_t auxv_get(uint32_t key)
{
    char **e = envp_seen;
    while (*e)
        e++;
    for (uint32_t *a = (uint32_t *)(e + 1); a[0] != AT_NULL; a += 2)
        if (a[0] == key)
            return a[1];
    return 0;
}

static void segments_in_order(void)
{
    int local = 0;
    uintptr_t text = (uintptr_t)segments_in_order, ro = (uintptr_t)rodata_string;
    uintptr_t data = (uintptr_t)&initialised, bss = (uintptr_t)big_bss;
    uintptr_t heap = (uintptr_t)malloc(100), stack = (uintptr_t)&local;
    printf("  text %p rodata %p data %p bss %p heap %p stack %p\n", (void *)text,
           (void *)ro, (void *)data, (void *)bss, (void *)heap, (void *)stack);
    CHECK(text >= 0x08048000 && text < (uintptr_t)etext);
    CHECK(ro > text && ro < data);
    CHECK(data < (uintptr_t)edata && bss >= (uintptr_t)edata && bss < (uintptr_t)end);
    CHECK(heap >= (uintptr_t)end && heap < stack);
    CHECK(stack < 0xC0000000u && stack > 0xC0000000u - (8u << 20));
}

static void heap_starts_after_bss(void)
{
    uintptr_t want = ((uintptr_t)end + 4095) & ~(uintptr_t)4095;
    printf("  end of bss %p, first break %p\n", (void *)end, (void *)initial_brk);
    CHECK(initial_brk == want);
}

static size_t bss_nonzero_at_start = (size_t)-1;

/* Counts non-zero bytes from the end of the file's data (the tail of the
 * last page the file fills) to the end of bss, before anything ran. */
static size_t count_nonzero_bss(void)
{
    size_t n = 0;
    const char *env = (const char *)&environ;     /* set by the C library's start */
    for (const volatile char *p = edata; p < end; p++)
        n += *p != 0 && !((const char *)p >= env && (const char *)p < env + sizeof environ);
    return n;
}

static void bss_is_zero(void)
{
    printf("  %zu bytes of bss (%p-%p), %zu non-zero at start\n", (size_t)(end - edata),
           (void *)edata, (void *)end, bss_nonzero_at_start);
    CHECK(bss_nonzero_at_start == 0);
    CHECK(initialised == 42);
}

static void arguments_and_environment(void)
{
    CHECK(argc_seen == 3);
    CHECK(strcmp(argv_seen[1], "a") == 0 && strcmp(argv_seen[2], "bc") == 0);
    CHECK(argv_seen[3] == NULL);
    CHECK(getenv("PATH") != NULL);
    /* argv and envp arrays below their strings, all on the stack */
    CHECK((uintptr_t)argv_seen < (uintptr_t)envp_seen);
    CHECK((uintptr_t)envp_seen < (uintptr_t)argv_seen[0]);
    CHECK((uintptr_t)argv_seen[0] < (uintptr_t)argv_seen[1]);
    CHECK((uintptr_t)argv_seen[2] < 0xC0000000u);
}

static void auxiliary_vector(void)
{
    CHECK(auxv_get(AT_PAGESZ) == 4096);
    CHECK(auxv_get(AT_ENTRY) == (uint32_t)(uintptr_t)_start);
    CHECK(auxv_get(AT_PHDR) == 0x08048034);
    CHECK(auxv_get(AT_PHNUM) >= 2);
    uint32_t random = auxv_get(AT_RANDOM);
    CHECK(random > (uintptr_t)envp_seen && random < 0xC0000000u);
}

static const struct t_case cases[] = {
    { "segments_in_order", segments_in_order },
    { "heap_starts_after_bss", heap_starts_after_bss },
    { "bss_is_zero", bss_is_zero },
    { "arguments_and_environment", arguments_and_environment },
    { "auxiliary_vector", auxiliary_vector },
};

int main(int argc, char **argv, char **envp)
{
    size_t nonzero = count_nonzero_bss();
    bss_nonzero_at_start = nonzero;
    initial_brk = (uintptr_t)sbrk(0);
    argc_seen = argc;
    argv_seen = argv;
    envp_seen = envp;
    return t_run_all("t_layout", cases, (int)(sizeof cases / sizeof cases[0]));
}
