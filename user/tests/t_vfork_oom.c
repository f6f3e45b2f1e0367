/* t_vfork_oom.c: running out of memory while a vfork child borrows its
 * parent's address space. The child touches far more memory than there
 * is; the out-of-memory killer must end both it and its parent (which
 * waits for the child and cannot exit before it), not wait forever for
 * a parent that cannot die. Run with mem=8M. */
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

int main(void)
{
    fflush(stdout);
    int pid = fork(), status = 0;
    if (pid == 0) {
        vfork_child_runs_out();
        _exit(1);
    }
    int ok = pid > 0 && waitpid(pid, &status, 0) == pid && WIFSIGNALED(status) &&
             WTERMSIG(status) == 9;
    printf("%s vfork_child_runs_out: status 0x%x\n", ok ? "ok" : "FAIL", status);
    return !ok;
}
