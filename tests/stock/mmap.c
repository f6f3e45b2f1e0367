/* mmap.c: mmap, munmap, mprotect and mremap as a stock C program uses
 * them, with Linux's answers to the edge cases: the offset of an anonymous
 * mapping ignored, MAP_FIXED replacing, a free hint honoured, the errno of
 * each bad argument; mremap shrinking, growing in place, moving with its
 * contents, to a fixed place. (The cases where qemu-user, the reference,
 * differs from Linux are in mem_edges.c.)
 * `mmap N` instead maps N MiB, fills it, moves it with mremap and checks
 * every page (booted with little RAM, many pages are in swap meanwhile). */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"

#define P 4096u
#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

static char *map(size_t len)
{
    return mmap(0, len, RW, ANON, -1, 0);
}

/* Does touching p (write or read) kill a child with SIGSEGV? */
static int segv_on(volatile char *p, int write)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        if (write)
            *p = 1;
        else
            (void)*p;
        _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV;
}

static int all_bytes(const char *p, size_t len, char c)
{
    for (size_t i = 0; i < len; i++)
        if (p[i] != c)
            return 0;
    return 1;
}

static void test_mmap(void)
{
    char *p = map(3 * P);
    CHECK("mmap anonymous", p != MAP_FAILED && ((uintptr_t)p & (P - 1)) == 0);
    CHECK("anonymous pages read as zero", all_bytes(p, 3 * P, 0));
    memset(p, 'a', 3 * P);
    CHECK("anonymous pages keep what is written", all_bytes(p, 3 * P, 'a'));

    char *q = mmap(0, P, RW, ANON, -1, 0x12345000);
    CHECK("offset of an anonymous mapping is ignored", q != MAP_FAILED && q[0] == 0);
    char *s = mmap(0, P, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0x5000);
    CHECK("offset of a shared anonymous mapping is ignored", s != MAP_FAILED && s[7] == 0);

    errno = 0;
    CHECK("length 0 is EINVAL", mmap(0, 0, RW, ANON, -1, 0) == MAP_FAILED && errno == EINVAL);
    errno = 0;
    CHECK("neither MAP_PRIVATE nor MAP_SHARED is EINVAL",
          mmap(0, P, RW, MAP_ANONYMOUS, -1, 0) == MAP_FAILED && errno == EINVAL);
    errno = 0;
    CHECK("MAP_PRIVATE|MAP_SHARED anonymous is EINVAL",
          mmap(0, P, RW, MAP_PRIVATE | MAP_SHARED | MAP_ANONYMOUS, -1, 0) == MAP_FAILED &&
          errno == EINVAL);
    errno = 0;
    CHECK("MAP_FIXED at an unaligned address is EINVAL",
          mmap(p + 1, P, RW, ANON | MAP_FIXED, -1, 0) == MAP_FAILED && errno == EINVAL);
    errno = 0;
    CHECK("a bad descriptor is EBADF", mmap(0, P, PROT_READ, MAP_PRIVATE, 1000, 0) == MAP_FAILED &&
          errno == EBADF);
    errno = 0;
    CHECK("a length near 4 GiB is ENOMEM",
          mmap(0, 0xFFFFF001u, RW, ANON, -1, 0) == MAP_FAILED && errno == ENOMEM);

    char *f = mmap(p + P, P, RW, ANON | MAP_FIXED, -1, 0);
    CHECK("MAP_FIXED maps at the address", f == p + P);
    CHECK("MAP_FIXED replaces the old pages", all_bytes(p + P, P, 0));
    CHECK("MAP_FIXED leaves the neighbours", all_bytes(p, P, 'a') && all_bytes(p + 2 * P, P, 'a'));

    munmap(p, 3 * P);
    CHECK("a free hint is honoured", mmap(p, 3 * P, RW, ANON, -1, 0) == p);
    munmap(p, 3 * P);
    munmap(q, P);
    munmap(s, P);
}

static void test_munmap_mprotect(void)
{
    char *p = map(4 * P);
    memset(p, 'b', 4 * P);
    errno = 0;
    CHECK("munmap unaligned is EINVAL", munmap(p + 1, P) == -1 && errno == EINVAL);
    errno = 0;
    CHECK("munmap of length 0 is EINVAL", munmap(p, 0) == -1 && errno == EINVAL);
    CHECK("munmap of the middle page", munmap(p + P, P) == 0);
    CHECK("the unmapped page faults", segv_on(p + P, 0));
    CHECK("the pages beside it stay", p[0] == 'b' && p[2 * P] == 'b');
    CHECK("munmap of a hole succeeds", munmap(p + P, P) == 0);

    errno = 0;
    CHECK("mprotect unaligned is EINVAL", mprotect(p + 1, P, PROT_READ) == -1 && errno == EINVAL);
    errno = 0;
    CHECK("mprotect with a huge length is ENOMEM",
          mprotect(p, 0xFFFFF001u, PROT_READ) == -1 && errno == ENOMEM);
    CHECK("mprotect read-only", mprotect(p + 2 * P, 2 * P, PROT_READ) == 0);
    CHECK("a write to a read-only page faults", segv_on(p + 3 * P, 1));
    CHECK("a read of a read-only page works", p[3 * P] == 'b');
    CHECK("mprotect PROT_NONE", mprotect(p + 2 * P, P, PROT_NONE) == 0);
    CHECK("a read of a PROT_NONE page faults", segv_on(p + 2 * P, 0));
    CHECK("mprotect back to read-write", mprotect(p + 2 * P, 2 * P, RW) == 0);
    p[2 * P] = 'c';
    CHECK("writable again, contents kept", p[2 * P] == 'c' && p[3 * P] == 'b');
    munmap(p, 4 * P);
}

static void test_mremap(void)
{
    char *p = map(4 * P);
    memset(p, 'r', 4 * P);
    CHECK("mremap shrinks in place", mremap(p, 4 * P, 2 * P, 0) == p);
    CHECK("the shrunk tail is gone", segv_on(p + 3 * P, 0));
    CHECK("mremap grows in place into free pages", mremap(p, 2 * P, 4 * P, 0) == p);
    CHECK("contents kept, new pages zero", all_bytes(p, 2 * P, 'r') && all_bytes(p + 2 * P, 2 * P, 0));
    errno = 0;
    CHECK("growing a piece that does not end its mapping is ENOMEM",
          mremap(p, P, 2 * P, 0) == MAP_FAILED && errno == ENOMEM);
    char *q = mremap(p, P, 64 * P, MREMAP_MAYMOVE);
    CHECK("MREMAP_MAYMOVE moves", q != MAP_FAILED && q != p);
    CHECK("the moved page keeps its contents", all_bytes(q, P, 'r') && all_bytes(q + P, 63 * P, 0));
    CHECK("the old page is gone", segv_on(p, 0));
    CHECK("the rest of the old mapping stays", p[P] == 'r');

    char *t = map(2 * P);
    munmap(t, 2 * P);                   /* a free place to move to */
    char *u = mremap(q, 2 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_FIXED, t);
    CHECK("MREMAP_FIXED moves to the address", u == t);
    CHECK("MREMAP_FIXED keeps the contents", t[0] == 'r' && t[P] == 0);

    errno = 0;
    CHECK("MREMAP_FIXED without MREMAP_MAYMOVE is EINVAL",
          mremap(t, P, P, MREMAP_FIXED, p) == MAP_FAILED && errno == EINVAL);
    errno = 0;
    CHECK("unknown flags are EINVAL", mremap(t, P, P, 0x80) == MAP_FAILED && errno == EINVAL);
    errno = 0;
    CHECK("unaligned address is EINVAL", mremap(t + 1, P, P, 0) == MAP_FAILED && errno == EINVAL);
    errno = 0;
    CHECK("overlapping MREMAP_FIXED is EINVAL",
          mremap(t, 2 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_FIXED, t + P) == MAP_FAILED &&
          errno == EINVAL);
    munmap(t, 2 * P);
    munmap(p, 4 * P);
    munmap(q, 64 * P);
}

/* Memory shared with a child since fork, moved by the parent while the
 * child still has it: both keep their contents. */
static void test_mremap_after_fork(void)
{
    char *p = map(8 * P);
    memset(p, 'f', 8 * P);
    int go[2];
    pipe(go);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        char c;
        read(go[0], &c, 1);             /* until the parent has moved it */
        _exit(all_bytes(p, 8 * P, 'f') ? 0 : 1);
    }
    char *to = map(16 * P);
    munmap(to, 16 * P);
    char *q = mremap(p, 8 * P, 16 * P, MREMAP_MAYMOVE | MREMAP_FIXED, to);
    CHECK("mremap of memory a child shares since fork", q == to);
    CHECK("the parent's moved copy is intact", all_bytes(q, 8 * P, 'f'));
    q[0] = 'p';
    write(go[1], "x", 1);
    int status = -1;
    waitpid(pid, &status, 0);
    CHECK("the child's copy is intact", WIFEXITED(status) && WEXITSTATUS(status) == 0);
    munmap(q, 16 * P);
    close(go[0]);
    close(go[1]);
}

/* A number from /proc/vmstat, or -1. */
static long vmstat(const char *key)
{
    FILE *f = fopen("/proc/vmstat", "r");
    char name[64];
    long v, found = -1;
    while (f && fscanf(f, "%63s %ld", name, &v) == 2)
        if (strcmp(name, key) == 0)
            found = v;
    if (f)
        fclose(f);
    return found;
}

/* N MiB filled with a pattern, grown by mremap (which has to move it),
 * every page checked where it landed. */
static int big_move(unsigned mib)
{
    size_t len = (size_t)mib << 20;
    uint32_t *p = (uint32_t *)map(len);
    CHECK("big mapping", p != MAP_FAILED);
    for (size_t i = 0; i < len / 4; i += P / 4)
        p[i] = (uint32_t)i * 2654435761u;
    long out = vmstat("pswpout"), in = vmstat("pswpin");
    char *to = map(len + (1u << 20));   /* a free place, to force a move */
    munmap(to, len + (1u << 20));
    uint32_t *q = mremap(p, len, len + (1u << 20), MREMAP_MAYMOVE | MREMAP_FIXED, to);
    CHECK("big mapping moved", q == (uint32_t *)to);
    size_t bad = 0;
    for (size_t i = 0; i < len / 4; i += P / 4)
        bad += q[i] != (uint32_t)i * 2654435761u;
    CHECK("every page of the moved mapping kept its contents", bad == 0);
    printf("mmap big: %u MiB moved, pswpout %ld before the move, pswpin +%ld after it\n", mib, out,
           vmstat("pswpin") - in);
    CHECK("the grown part reads zero", all_bytes((char *)q + len, 1u << 20, 0));
    return check_done("mmap");
}

int main(int argc, char **argv)
{
    if (argc > 1)
        return big_move((unsigned)atoi(argv[1]));
    test_mmap();
    test_munmap_mprotect();
    test_mremap();
    test_mremap_after_fork();
    return check_done("mmap");
}
