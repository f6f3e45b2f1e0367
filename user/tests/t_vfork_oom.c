/* t_vfork_oom.c: running out of memory while a parent waits for its
 * vfork child. `borrowed` (the default): the child borrows its parent's
 * address space and touches far more memory than there is; the
 * out-of-memory killer must end both it and its parent (which waits for
 * the child and cannot exit before it), not wait forever for a parent
 * that cannot die. `own` (clone with CLONE_VFORK but not CLONE_VM): the
 * child has its own copy, and the parent, chosen by the killer, must stop
 * waiting and die, for the child waits for that memory. Run with mem=8M
 * (`own` without swap). */
#include "t_common.h"
#include <sys/mman.h>

/* vfork as a raw system call (190): the child runs on this stack until
 * it calls _exit, so it only touches memory and leaves. */
static long raw_vfork(void)
{
    long r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(190) : "memory");
    return r;
}

static void vfork_child_runs_out(void)
{
    if (raw_vfork() == 0) {
        char *p = mmap(0, 64 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        for (unsigned i = 0; p != MAP_FAILED && i < (64u << 20); i += 4096)
            p[i] = 1;
        _exit(0);               /* not reached: there is not that much memory */
    }
    exit(0);                    /* nor this: the parent dies with its child */
}

/* clone(CLONE_VFORK | SIGCHLD) as a raw system call: a vfork whose child
 * gets its own copy of the memory, as fork's. */
static long raw_clone_vfork(void)
{
    long r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(120), "b"(0x4000 | 17), "c"(0), "d"(0),
                     "S"(0), "D"(0) : "memory");
    return r;
}

/* The parent fills memory until little is free, then vforks a child with
 * its own copy, which writes every page: each write copies one, until
 * memory runs out. Parent and child are the same size, so the killer
 * chooses the parent, which must then stop waiting for its child. */
static void own_copy_child_runs_out(void)
{
    enum { MAX = 2048 };
    static char *pages[MAX];
    int n = 0;
    while (n < MAX && proc_number("/proc/meminfo", "MemFree:") > 600) {
        pages[n] = sbrk(4096);
        if (pages[n] == (void *)-1)
            break;
        pages[n++][0] = 1;
    }
    if (raw_clone_vfork() == 0) {
        for (int i = 0; i < n; i++)
            pages[i][0] = 2;
        _exit(0);
    }
    exit(0);                    /* not reached: the parent is killed */
}

int main(int argc, char **argv)
{
    int own = argc > 1 && !strcmp(argv[1], "own");
    const char *name = own ? "own_copy_child_runs_out" : "vfork_child_runs_out";
    fflush(stdout);
    int pid = fork(), status = 0;
    if (pid == 0) {
        if (own)
            own_copy_child_runs_out();
        else
            vfork_child_runs_out();
        _exit(1);
    }
    int ok = pid > 0 && waitpid(pid, &status, 0) == pid && WIFSIGNALED(status) &&
             WTERMSIG(status) == 9;
    printf("%s %s: status 0x%x\n", ok ? "ok" : "FAIL", name, status);
    return !ok;
}
