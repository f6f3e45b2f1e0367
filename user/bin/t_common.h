/* t_common.h: the little harness of the test programs (t_*.c). Each case
 * runs in a forked child, so a crash fails only that case; the parent
 * prints `ok NAME` or `FAIL NAME: why`, and at the end `t_x: N passed,
 * M failed` and exits with the number of failures. free_pages() reads the
 * kernel's free-frame count for leak checks around a whole program. */
#ifndef T_COMMON_H
#define T_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHECK(cond)                                                         \
    do {                                                                    \
        if (!(cond)) {                                                      \
            printf("  check failed: %s (line %d)\n", #cond, __LINE__);      \
            exit(1);                                                        \
        }                                                                   \
    } while (0)

struct t_case {
    const char *name;
    void (*fn)(void);
};

static inline unsigned long free_pages(void)
{
    struct sysinfo si;
    if (sysinfo(&si) != 0)
        return 0;
    return si.freeram;
}

/* Runs fn in a child; returns 1 if it exited 0. */
static inline int t_run_one(const struct t_case *c)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        c->fn();
        exit(0);
    }
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) != pid) {
        printf("FAIL %s: fork or wait failed\n", c->name);
        return 0;
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        printf("ok %s\n", c->name);
        return 1;
    }
    if (WIFSIGNALED(status))
        printf("FAIL %s: killed by signal %d\n", c->name, WTERMSIG(status));
    else
        printf("FAIL %s: exit status %d\n", c->name, WEXITSTATUS(status));
    return 0;
}

/* Runs every case; returns the number that failed. */
static inline int t_run_all(const char *prog, const struct t_case *cases, int n)
{
    int failed = 0;
    for (int i = 0; i < n; i++)
        failed += !t_run_one(&cases[i]);
    printf("%s: %d passed, %d failed\n", prog, n - failed, failed);
    return failed;
}

#define T_MAIN(prog, cases)                                                 \
    int main(void)                                                          \
    {                                                                       \
        return t_run_all(prog, cases, (int)(sizeof cases / sizeof cases[0])); \
    }

#endif
