/* t_ranges.c: the range rule of the memory system calls (mm/urange.c).
 * Each case is a way a user range once reached the kernel or broke the
 * region list, and so panicked the kernel: a System V segment attached in
 * the kernel half (the next fork walked kernel page tables), mprotect with
 * a length that rounds up to zero (a NULL region), and munmap, mprotect or
 * MAP_FIXED over the heap followed by brk (the heap's region list broke,
 * and a later munmap panicked). After each case the child forks, and its
 * /proc/self/maps must still be a sorted list of non-overlapping user
 * ranges. */
#include "t_common.h"
#include <errno.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/shm.h>

#define PAGE 4096u

extern long __brk(unsigned long addr);

/* /proc/self/maps: every line start < end <= 0xC0000000, sorted, no
 * overlap. Returns 1 if so. */
static int maps_sane(void)
{
    static char maps[8192];
    if (procfile_read("/proc/self/maps", maps, sizeof maps) < 0)
        return 0;
    unsigned long prev_end = 0;
    for (char *line = maps; *line;) {
        unsigned long start = strtoul(line, &line, 16);
        unsigned long end = strtoul(line + 1, &line, 16);
        if (start >= end || end > 0xC0000000ul || start < prev_end) {
            printf("  bad maps line %08lx-%08lx after %08lx\n", start, end, prev_end);
            return 0;
        }
        prev_end = end;
        while (*line && *line != '\n')
            line++;
        if (*line)
            line++;
    }
    return 1;
}

/* fork works (it copies every region's page tables) and the child can
 * exit; the regions are still sane. */
static void fork_and_check(void)
{
    CHECK(maps_sane());
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0)
        exit(maps_sane() ? 0 : 1);
    int status = -1;
    CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* shmat at an address in the kernel half (the three from the report, and
 * a segment that starts below 0xC0000000 and reaches into it) fails with
 * ENOMEM as on Linux i386; one that wraps past 4 GiB with EINVAL. */
static void shmat_kernel_half(void)
{
    int id = shmget(IPC_PRIVATE, 2 * PAGE, IPC_CREAT | 0600);
    CHECK(id >= 0);
    static const uint32_t bad[] = { 0xC0422000, 0xE0000000, 0xCCA7E000, 0xBFFFF000, 0xC0000000 };
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        errno = 0;
        void *p = shmat(id, (void *)bad[i], 0);
        if (p != (void *)-1)
            printf("  shmat at %08x gave %p\n", (unsigned)bad[i], p);
        CHECK(p == (void *)-1 && errno == ENOMEM);
    }
    CHECK(shmat(id, (void *)0xFFFFF000u, 0) == (void *)-1 && errno == EINVAL);
    CHECK(shmat(id, (void *)0xC0422123u, SHM_RND) == (void *)-1 && errno == ENOMEM);
    CHECK(shmat(id, (void *)0x1000, 0) == (void *)-1 && errno == EPERM);
    char *good = shmat(id, 0, 0);
    CHECK(good != (void *)-1);
    good[0] = 'x';
    fork_and_check();
    CHECK(shmdt(good) == 0);
    CHECK(shmctl(id, IPC_RMID, 0) == 0);
}

/* mprotect and munmap with a length that rounds up past 4 GiB, and
 * ranges that reach the kernel half. */
static void huge_lengths(void)
{
    char *p = mmap(0, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    static const uint32_t lens[] = { 0xFFFFF001u, 0xFFFFFFFFu, 0xFFFFF000u, 0xC0000000u };
    for (unsigned i = 0; i < sizeof lens / sizeof lens[0]; i++) {
        CHECK(mprotect(p, lens[i], PROT_READ) == -1 && errno == ENOMEM);
        CHECK(munmap(p, lens[i]) == -1 && errno == EINVAL);
    }
    CHECK(mprotect(p, 0, PROT_READ) == 0);
    CHECK(mprotect((void *)0xC0000000u, PAGE, PROT_READ) == -1 && errno == ENOMEM);
    CHECK(mprotect((void *)0xBFFFF000u, 2 * PAGE, PROT_READ) == -1 && errno == ENOMEM);
    CHECK(munmap((void *)0xC0000000u, PAGE) == -1 && errno == EINVAL);
    CHECK(munmap((void *)0xBFFFF000u, 2 * PAGE) == -1 && errno == EINVAL);
    p[0] = 1;                           /* still mapped and writable */
    fork_and_check();
}

/* mmap with MAP_FIXED in or into the kernel half fails; a hint there is
 * only a hint. */
static void mmap_kernel_half(void)
{
    int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED;
    CHECK(mmap((void *)0xC0000000u, PAGE, PROT_READ, flags, -1, 0) == MAP_FAILED && errno == ENOMEM);
    CHECK(mmap((void *)0xBFFFF000u, 2 * PAGE, PROT_READ, flags, -1, 0) == MAP_FAILED &&
          errno == ENOMEM);
    CHECK(mmap((void *)0xFFFFF000u, 2 * PAGE, PROT_READ, flags, -1, 0) == MAP_FAILED &&
          errno == ENOMEM);
    CHECK(mmap((void *)0x40000000u, 0xFFFFF001u, PROT_READ, flags, -1, 0) == MAP_FAILED &&
          errno == ENOMEM);
    char *p = mmap((void *)0xC0422000u, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                   -1, 0);
    CHECK(p != MAP_FAILED && (uintptr_t)p < 0xC0000000u);
    p[0] = 1;
    fork_and_check();
}

/* The heap cut by munmap in the middle, then grown: the new pages are
 * mapped and zero, the pieces stay apart, and shrinking over the hole
 * and unmapping everything later is fine. */
static void heap_munmap_then_brk(void)
{
    uintptr_t start = (uintptr_t)__brk(0);
    CHECK((uintptr_t)__brk(start + 4 * PAGE) == start + 4 * PAGE);
    memset((void *)start, 'h', 4 * PAGE);
    CHECK(munmap((void *)(start + PAGE), PAGE) == 0);
    CHECK((uintptr_t)__brk(start + 8 * PAGE) == start + 8 * PAGE);
    char *top = (char *)(start + 7 * PAGE);
    CHECK(top[5] == 0);
    top[5] = 't';
    CHECK(((char *)start)[2 * PAGE] == 'h');
    CHECK(maps_sane());
    CHECK((uintptr_t)__brk(start + PAGE / 2) == start + PAGE / 2);   /* over the hole */
    CHECK(((char *)start)[0] == 'h');
    CHECK((uintptr_t)__brk(start + 3 * PAGE) == start + 3 * PAGE);
    CHECK(((char *)start)[2 * PAGE] == 0);                          /* fresh again */
    fork_and_check();
    CHECK(munmap((void *)start, 16 * PAGE) == 0);
    CHECK((uintptr_t)__brk(start) == start);
    CHECK((uintptr_t)__brk(start + 2 * PAGE) == start + 2 * PAGE);
    ((char *)start)[PAGE + 1] = 1;
    fork_and_check();
}

/* The heap's top page made read-only, then the heap grown: the grown
 * pages are writable, the read-only page stays read-only. */
static void heap_mprotect_then_brk(void)
{
    uintptr_t start = (uintptr_t)__brk(0);
    CHECK((uintptr_t)__brk(start + 3 * PAGE) == start + 3 * PAGE);
    CHECK(mprotect((void *)(start + 2 * PAGE), PAGE, PROT_READ) == 0);
    CHECK((uintptr_t)__brk(start + 6 * PAGE) == start + 6 * PAGE);
    ((char *)start)[5 * PAGE] = 1;
    ((char *)start)[PAGE] = 1;
    CHECK(maps_sane());
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        ((volatile char *)start)[2 * PAGE] = 1;     /* must fault */
        exit(0);
    }
    int status;
    waitpid(pid, &status, 0);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == 11);
    CHECK((uintptr_t)__brk(start + PAGE) == start + PAGE);
    CHECK((uintptr_t)__brk(start + 4 * PAGE) == start + 4 * PAGE);
    ((char *)start)[2 * PAGE] = 1;                  /* writable heap again */
    fork_and_check();
}

/* A MAP_FIXED mapping over the heap: brk shrinking below it unmaps it
 * (as on Linux), and growing again gives heap pages. */
static void heap_map_fixed_then_brk(void)
{
    uintptr_t start = (uintptr_t)__brk(0);
    CHECK((uintptr_t)__brk(start + 4 * PAGE) == start + 4 * PAGE);
    char *f = mmap((void *)(start + PAGE), 2 * PAGE, PROT_READ,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    CHECK(f == (char *)(start + PAGE));
    CHECK(maps_sane());
    CHECK((uintptr_t)__brk(start + 6 * PAGE) == start + 6 * PAGE);
    ((char *)start)[5 * PAGE] = 1;
    CHECK((uintptr_t)__brk(start) == start);
    CHECK((uintptr_t)__brk(start + 6 * PAGE) == start + 6 * PAGE);
    ((char *)start)[2 * PAGE] = 1;                  /* heap, writable, not the fixed map */
    fork_and_check();
    CHECK(munmap((void *)start, 6 * PAGE) == 0);
    fork_and_check();
}

/* MAP_FIXED may map anywhere from Linux's mmap_min_addr (0x10000) up, below
 * the program too; below it, EPERM: page 0 and its neighbours stay
 * unmapped, so a NULL pointer plus an offset always faults. */
static void map_min_addr(void)
{
    const int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED;
    errno = 0;
    CHECK(mmap((void *)0xF000, 4096, PROT_READ, flags, -1, 0) == MAP_FAILED && errno == EPERM);
    CHECK(mmap((void *)0, 4096, PROT_READ, flags, -1, 0) == MAP_FAILED && errno == EPERM);
    char *p = mmap((void *)0x10000, 4096, PROT_READ | PROT_WRITE, flags, -1, 0);
    CHECK(p == (char *)0x10000);
    p[0] = 'x';
    CHECK(munmap(p, 4096) == 0);
}

static const struct t_case cases[] = {
    { "shmat_kernel_half", shmat_kernel_half },
    { "huge_lengths", huge_lengths },
    { "mmap_kernel_half", mmap_kernel_half },
    { "heap_munmap_then_brk", heap_munmap_then_brk },
    { "heap_mprotect_then_brk", heap_mprotect_then_brk },
    { "heap_map_fixed_then_brk", heap_map_fixed_then_brk },
    { "map_min_addr", map_min_addr },
};

T_MAIN("t_ranges", cases)
