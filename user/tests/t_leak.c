/* t_leak.c: nothing leaks: after 100 rounds of fork/exit/wait (with the
 * child touching pages) and 50 rounds of growing, touching and shrinking
 * the heap, the number of free frames is exactly what it was. */
#include "t_common.h"
#include <stdint.h>

static char bss[64 * 1024];

static void one_fork_round(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        memset(bss, 1, sizeof bss);     /* copy-on-write copies, then exit */
        char *heap = sbrk(32 * 4096);
        memset(heap, 2, 32 * 4096);
        exit(0);
    }
    int status;
    waitpid(pid, &status, 0);
}

static void one_brk_round(void)
{
    char *start = sbrk(0);
    sbrk(64 * 4096);
    memset(start, 3, 64 * 4096);
    sbrk(-64 * 4096);
}

static void fork_exit_rounds(void)
{
    one_fork_round();                   /* warm up: kernel objects, caches */
    unsigned long before = free_pages();
    for (int i = 0; i < 100; i++)
        one_fork_round();
    unsigned long after = free_pages();
    printf("  free pages: %lu before, %lu after 100 fork/exit rounds\n", before, after);
    CHECK(after == before);
}

static void brk_rounds(void)
{
    one_brk_round();
    unsigned long before = free_pages();
    for (int i = 0; i < 50; i++)
        one_brk_round();
    unsigned long after = free_pages();
    printf("  free pages: %lu before, %lu after 50 brk rounds\n", before, after);
    CHECK(after == before);
}

static const struct t_case cases[] = {
    { "fork_exit_rounds", fork_exit_rounds },
    { "brk_rounds", brk_rounds },
};
T_MAIN("t_leak", cases)
