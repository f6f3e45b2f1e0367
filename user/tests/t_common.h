/* t_common.h: the little harness of the test programs (t_*.c). Each case
 * runs in a forked child, so a crash fails only that case; the parent
 * prints `ok NAME` or `FAIL NAME: why`, and at the end `t_x: N passed,
 * M failed` and exits with the number of failures. free_pages() reads the
 * kernel's free-frame count for leak checks around a whole program. */
#ifndef T_COMMON_H
#define T_COMMON_H

#include <procfile.h>
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

/* A number from /proc/meminfo ("MemFree:") or /proc/vmstat ("pswpin "). */
static inline unsigned long proc_number(const char *path, const char *key)
{
    static char text[2048];
    unsigned long v = 0;
    procfile_read(path, text, sizeof text);
    procfile_value(text, key, &v);
    return v;
}

/* Reads a byte of every page of this process's readable regions, so that
 * whatever went to swap comes back (read-only regions too: a page that
 * is only partly in the file is a private copy, and goes to swap), and
 * writes it back in writable ones, so that no page is left on the shared
 * zero page: its first write would take a frame in the middle of a later
 * count. Leak checks around swap call this before they count free slots
 * and frames. */
static inline void touch_own_pages(void)
{
    static char maps[4096];
    if (procfile_read("/proc/self/maps", maps, sizeof maps) < 0)
        return;
    for (char *line = maps; *line;) {
        unsigned long start = strtoul(line, &line, 16);
        unsigned long end = strtoul(line + 1, &line, 16);
        for (unsigned long a = start; line[1] == 'r' && a < end; a += 4096) {
            volatile char *p = (volatile char *)a;
            char c = *p;
            if (line[2] == 'w')
                *p = c;
        }
        while (*line && *line != '\n')
            line++;
        if (*line)
            line++;
    }
}

#define T_MAIN(prog, cases)                                                 \
    int main(void)                                                          \
    {                                                                       \
        return t_run_all(prog, cases, (int)(sizeof cases / sizeof cases[0])); \
    }

#endif
