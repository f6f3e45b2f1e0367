/* t_leak.c: nothing leaks: after 100 rounds of fork/exit/wait (with the
 * child touching pages), 50 rounds of growing, touching and shrinking the
 * heap, and 50 rounds of children that free their own slots (SIGCHLD
 * ignored), the number of free frames is exactly what it was. */
#include "t_common.h"
#include <signal.h>
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

/* 20 children at once, each changing its working directory and running
 * a program (so it holds both names), then exiting; waited for when
 * reap, else freeing their own slots (SIGCHLD ignored: no zombies, and
 * wait says ECHILD once they are all gone). */
static void children_round(int reap)
{
    signal(SIGCHLD, reap ? SIG_DFL : SIG_IGN);
    for (int i = 0; i < 20; i++) {
        if (fork() == 0) {
            static char *const argv[] = { "echo", "-n", 0 }, *const envp[] = { 0 };
            chdir("/tmp");
            execve("/bin/echo", argv, envp);
            _exit(1);
        }
    }
    int status;
    while (wait(&status) > 0)
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    signal(SIGCHLD, SIG_DFL);
}

/* A child whose parent ignores SIGCHLD frees its own process slot as it
 * exits: its kernel stack (freed by the next process to run, as it runs
 * on it to the end), signal tables and names must all be given back, as
 * a waited-for child's are. The slots once kept the stacks of such
 * children, and the names were never freed. */
static void autoreap_rounds(void)
{
    children_round(1);                  /* warm up, waiting for each */
    unsigned long before = free_pages();
    for (int i = 0; i < 50; i++)
        children_round(0);
    unsigned long after = free_pages();
    printf("  free pages: %lu before, %lu after 50 rounds of 20 children freeing their own "
           "slots\n", before, after);
    CHECK(after == before);
}

static const struct t_case cases[] = {
    { "fork_exit_rounds", fork_exit_rounds },
    { "brk_rounds", brk_rounds },
    { "autoreap_rounds", autoreap_rounds },
};
T_MAIN("t_leak", cases)
