/* t_brk.c: the heap through brk: growing gives zeroed pages, shrinking
 * gives them back (free frames return), and wild values (huge, negative,
 * wrapping, below the heap's start, into the stack) are refused with the
 * break unchanged. */
#include "t_common.h"
#include <stdint.h>

extern char end[];

/* The raw system call: returns the new break, or the old one. */
extern long __brk(unsigned long addr);

static void grow_and_touch(void)
{
    uintptr_t start = (uintptr_t)__brk(0);
    CHECK(start == (((uintptr_t)end + 4095) & ~(uintptr_t)4095) || start > (uintptr_t)end);
    CHECK((uintptr_t)__brk(start + 5 * 4096 + 10) == start + 5 * 4096 + 10);
    for (char *p = (char *)start; p < (char *)start + 5 * 4096 + 10; p++)
        CHECK(*p == 0);
    memset((char *)start, 0x5A, 5 * 4096);
}

static void shrink_frees_and_regrow_is_zero(void)
{
    uintptr_t start = (uintptr_t)__brk(0);
    __brk(start + 64 * 4096);
    memset((char *)start, 0x77, 64 * 4096);
    unsigned long touched = free_pages();
    CHECK((uintptr_t)__brk(start) == start);
    unsigned long after = free_pages();
    printf("  free pages: %lu with 64 touched, %lu after shrink\n", touched, after);
    CHECK(after >= touched + 64);
    __brk(start + 64 * 4096);
    for (int i = 0; i < 64; i++)
        CHECK(((char *)start)[i * 4096 + 7] == 0);
}

static void shrunk_page_is_gone(void)
{
    uintptr_t start = (uintptr_t)__brk(0);
    __brk(start + 2 * 4096);
    ((char *)start)[4096] = 1;
    __brk(start + 4096);
    /* The second page is no longer the process's: touching it is SIGSEGV. */
    pid_t pid = fork();
    if (pid == 0) {
        ((volatile char *)start)[4096] = 2;
        exit(0);
    }
    int status;
    waitpid(pid, &status, 0);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == 11);
}

static void wild_values_refused(void)
{
    uintptr_t start = (uintptr_t)__brk(0);
    static const uint32_t wild[] = {
        0xFFFFFFFFu, 0xFFFFF000u, 0xC0000000u, 0xBFFFF000u, 0xBF900000u,
        0x80000000u + 0x7FFFFFFFu, 0x08048000u, 0x1000u, 1u,
    };
    for (unsigned i = 0; i < sizeof wild / sizeof wild[0]; i++) {
        long r = __brk(wild[i]);
        if (wild[i] >= 0xBF800000u || wild[i] < start)
            CHECK((uintptr_t)r == start);
    }
    CHECK((uintptr_t)__brk(0) == start);
    *(volatile char *)(start - 1) = 3;  /* the program's own bss still works */
}

static void heap_cannot_reach_stack(void)
{
    uintptr_t start = (uintptr_t)__brk(0);
    CHECK((uintptr_t)__brk(0xC0000000u - 4096) == start);
    CHECK((uintptr_t)__brk(0xC0000000u - (8u << 20) + 4096) == start);
}

static const struct t_case cases[] = {
    { "grow_and_touch", grow_and_touch },
    { "shrink_frees_and_regrow_is_zero", shrink_frees_and_regrow_is_zero },
    { "shrunk_page_is_gone", shrunk_page_is_gone },
    { "wild_values_refused", wild_values_refused },
    { "heap_cannot_reach_stack", heap_cannot_reach_stack },
};
T_MAIN("t_brk", cases)
