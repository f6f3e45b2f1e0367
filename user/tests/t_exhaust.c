/* t_exhaust.c: running out of each thing the kernel hands out gives the
 * caller an error, or kills one process with a message, and never panics
 * nor leaks: descriptors (EMFILE), process slots and kernel stacks (fork:
 * EAGAIN or ENOMEM), page-table frames and memory and swap (the process
 * touching the page is killed: "out of memory"), tmpfs space (ENOSPC, or
 * the writer killed), the kernel heap through thousands of regions (mmap
 * fails with ENOMEM, or the mapper, the biggest user, is killed), memory
 * in a system call's copy to the caller (clone's tid: the caller dies on
 * its way out, and the child it made still runs and is reaped). Meant
 * to run with mem=4M and a tiny swap disk. Each case counts free memory
 * and free swap before and after (after one warm-up round, so the
 * kernel's caches of first use are counted out) and wants them back
 * exactly. With arguments, runs only the cases named. */
#include "t_common.h"
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <time.h>

#define PAGE 4096u

/* Free memory (free frames and the page cache, in kB) and free swap,
 * counted after this process's own pages are all back from swap. A page
 * of the sleeping parent (pid 1, waiting for this case) that went to swap
 * meanwhile is counted as still in RAM: it moved, nothing was lost. */
static void measure(unsigned long *mem, unsigned long *swap)
{
    touch_own_pages();
    unsigned long parent_swapped = getpid() == 1 ? 0 : proc_number("/proc/1/status", "VmSwap:");
    *mem = proc_number("/proc/meminfo", "MemFree:") + proc_number("/proc/meminfo", "Cached:") -
           parent_swapped;
    *swap = proc_number("/proc/meminfo", "SwapFree:") + parent_swapped;
}

/* Free memory and free swap are both where they were. */
static int memory_back(unsigned long mem, unsigned long swap, const char *what)
{
    unsigned long m, s;
    measure(&m, &s);
    printf("  %s: free+cached %lu kB before, %lu kB after; free swap %lu kB before, %lu kB "
           "after\n", what, mem, m, swap, s);
    return m == mem && s == swap;
}

/* Opens /etc/motd until the table is full; returns how many opened and
 * leaves errno as the last failure left it. */
static int open_all(int *fds, int max)
{
    int n = 0;
    while (n < max) {
        int fd = open("/etc/motd", O_RDONLY);
        if (fd < 0)
            break;
        fds[n++] = fd;
    }
    return n;
}

static void descriptors(void)
{
    static int fds[4096];
    for (int round = 0; round < 2; round++) {
        unsigned long mem, swap;
        measure(&mem, &swap);
        int n = open_all(fds, 4096);
        int err = errno;
        printf("  opened %d descriptors, then errno %d\n", n, err);
        CHECK(n > 8 && n < 4096);
        CHECK(err == EMFILE);
        int p[2];
        CHECK(pipe(p) == -1 && errno == EMFILE);        /* a pipe needs two */
        for (int i = 0; i < n; i++)
            close(fds[i]);
        if (round == 1)
            CHECK(memory_back(mem, swap, "descriptors"));
    }
}

/* Forks children until fork fails; each waits to be killed in a read of
 * an empty pipe (touching no memory: 4 MiB swaps a lot as it is).
 * Returns how many there were and the failure's errno in *err. */
static int fork_all(pid_t *pids, int max, int *err)
{
    int n = 0, p[2];
    *err = 0;
    if (pipe(p) < 0)
        return 0;
    while (n < max) {
        pid_t pid = fork();
        if (pid == 0) {
            char c;
            for (;;)
                read(p[0], &c, 1);
        }
        if (pid < 0) {
            *err = errno;
            break;
        }
        pids[n++] = pid;
    }
    close(p[0]);
    close(p[1]);
    return n;
}

static void kill_all(pid_t *pids, int n)
{
    for (int i = 0; i < n; i++)
        kill(pids[i], SIGKILL);
    for (int i = 0; i < n; i++)
        CHECK(waitpid(pids[i], NULL, 0) == pids[i]);
}

static void processes(void)
{
    static pid_t pids[1024];
    for (int round = 0; round < 2; round++) {
        unsigned long mem, swap;
        measure(&mem, &swap);
        int err, n = fork_all(pids, 1024, &err);
        printf("  forked %d children, then errno %d\n", n, err);
        CHECK(n > 4 && n < 1024);
        CHECK(err == EAGAIN || err == ENOMEM);
        kill_all(pids, n);
        if (round == 1)
            CHECK(memory_back(mem, swap, "processes"));
    }
}

/* Runs fn in a child and returns its wait status, reaping on the way
 * the children it made with CLONE_PARENT (this process's). */
static int in_child(void (*fn)(void))
{
    fflush(stdout);
    pid_t pid = fork(), r;
    if (pid == 0) {
        fn();
        _exit(0);
    }
    int status = 0;
    while ((r = waitpid(-1, &status, 0)) != pid)
        CHECK(r > 0);
    return status;
}

/* Reaps the children the child made with CLONE_PARENT that are still
 * there. Returns 1 if one is still there after 5 s: it can neither run
 * nor die. */
static int children_left(void)
{
    for (int i = 0; i < 250; i++) {
        int status;
        pid_t r = waitpid(-1, &status, WNOHANG);
        if (r < 0 && errno == ECHILD)
            return 0;
        if (r == 0)
            nanosleep(&(struct timespec){ 0, 20 * 1000 * 1000 }, 0);
    }
    return 1;
}

/* Runs child twice in a process of its own, which must be killed (out
 * of memory); after the second round, memory and swap must be back where
 * they were (the first round warms the kernel's caches up). */
static void killed_twice(void (*child)(void), const char *who, const char *what)
{
    for (int round = 0; round < 2; round++) {
        unsigned long mem, swap;
        measure(&mem, &swap);
        int s = in_child(child);
        printf("  %s: status 0x%x\n", who, s);
        CHECK(WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL);
        CHECK(!children_left());
        if (round == 1)
            CHECK(memory_back(mem, swap, what));
    }
}

/* One byte every 4 MiB of a 2.5 GiB region: a page-table frame and a data
 * frame each; the page tables cannot go to swap, and run memory out. */
static void touch_page_tables(void)
{
    const uint32_t len = 0xA0000000u;
    char *p = mmap(0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        _exit(2);
    for (uint32_t off = 0; off < len; off += 4u << 20)
        p[off] = 1;
    _exit(3);                           /* all of it fitted: mem= was not small */
}

static void page_tables(void)
{
    killed_twice(touch_page_tables, "page-table toucher", "page tables");
}

/* Touches 64 MiB of heap, more than RAM and the tiny swap disk, a page
 * at a time; stores 1, or (src) a byte loaded from src, from its first or
 * second page in turn. */
static void touch_heap(const volatile unsigned char *src)
{
    for (int i = 0; i < 64 * 256; i++) {
        char *p = sbrk(PAGE);
        if (p == (void *)-1)
            _exit(2);
        *p = src ? src[(i & 1) * PAGE] : 1;
    }
    _exit(3);
}

static void touch_everything(void)
{
    touch_heap(0);
}

/* Two pages of the program's data, initialised. */
static const volatile unsigned char two_pages[2 * PAGE] __attribute__((aligned(PAGE))) = {
    [0] = 5, [PAGE] = 6,
};

/* touch_everything, storing a byte of the program's data: the load needs
 * a text page and a data page at once. Once swap was full, those were the
 * last two pages page replacement could take (the text page clean in the
 * page cache, the data page clean in the swap cache), and each fault for
 * one evicted the other: the toucher ran forever instead of running out
 * of memory (a fuzz worker did so at mem=8M). */
static void touch_everything_two_pages(void)
{
    touch_heap(two_pages);
}

static void memory_and_swap(void)
{
    killed_twice(touch_everything, "heap toucher", "memory and swap");
}

static void swap_full_two_pages(void)
{
    killed_twice(touch_everything_two_pages, "two-page toucher", "swap full, two pages");
}

/* clone(CLONE_VM | CLONE_VFORK | CLONE_PARENT | CLONE_PARENT_SETTID |
 * SIGCHLD) storing the child's tid at tid, as a raw system call: a vfork
 * whose child is a sibling. Inline, as vfork's caller must be: the child
 * runs on this stack. */
static inline __attribute__((always_inline)) long raw_vfork_settid(int *tid)
{
    long r;
    __asm__ volatile("int $0x80" : "=a"(r)
                     : "a"(120), "b"(0x100 | 0x4000 | 0x8000 | 0x00100000 | 17), "c"(0),
                       "d"(tid), "S"(0), "D"(0) : "memory");
    return r;
}

/* mlockall(MCL_CURRENT) as a raw system call: every page this process
 * has stays in RAM, so that no later fault of its own reads one back. */
static long lock_all_current(void)
{
    long r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(152), "b"(1) : "memory");
    return r;
}

/* vforks again and again, each time storing the child's tid in a fresh
 * page of a big region; the children, which exit at once, are its
 * parent's to reap (in_child), and it waits until each is gone. Those
 * pages are the only memory it takes (the child borrows its memory, and
 * its own pages and its parent's are locked in), so memory runs out in
 * clone's store of a tid, after the child was made.
 * The cloner used to end right there, half way through the call: the
 * child was never made runnable, and nobody could reap it (the fuzzer's
 * seed 9020 at mem=8M). A clone that fails for memory is followed by a
 * plain store to the page. */
static void clone_tids(void)
{
    const uint32_t len = 64u << 20;
    if (lock_all_current() != 0)
        _exit(4);
    char *p = mmap(0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        _exit(2);
    for (uint32_t off = 0; off < len; off += PAGE) {
        long pid = raw_vfork_settid((int *)(p + off));
        if (pid == 0)
            _exit(0);
        if (pid < 0)
            p[off] = 1;
        while (pid > 0 && kill((pid_t)pid, 0) == 0)
            sched_yield();              /* reaped: the same peak each round */
    }
    _exit(3);
}

static void clone_out_of_memory(void)
{
    CHECK(lock_all_current() == 0);     /* its faults must not be the ones that fail */
    killed_twice(clone_tids, "cloner", "clone out of memory");
}

/* Maps one page at a time, alternating protections so that no two
 * regions merge, until mmap fails: each region is a record in the kernel
 * heap, and the heap runs out before the address space does. Exits 0 if
 * the failure was ENOMEM. */
static void map_regions(void)
{
    uint32_t n = 0;
    for (;; n++) {
        int prot = n % 2 ? PROT_READ : PROT_READ | PROT_WRITE;
        void *p = mmap(0, PAGE, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) {
            printf("  %u regions, then errno %d\n", n, errno);
            fflush(stdout);
            _exit(errno == ENOMEM ? 0 : 4);
        }
    }
}

static void regions(void)
{
    for (int round = 0; round < 2; round++) {
        unsigned long mem, swap;
        measure(&mem, &swap);
        int s = in_child(map_regions);
        printf("  region mapper: status 0x%x\n", s);
        CHECK((WIFEXITED(s) && WEXITSTATUS(s) == 0) || (WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL));
        if (round == 1)
            CHECK(memory_back(mem, swap, "regions"));
    }
}

/* Writes /tmp/big until the write fails (or the writer is killed). */
static void fill_tmpfs(void)
{
    static char block[16 * 1024];
    memset(block, 'x', sizeof block);
    int fd = open("/tmp/big", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        _exit(2);
    for (int i = 0; i < 64 * 64; i++)
        if (write(fd, block, sizeof block) < 0)
            _exit(errno == ENOSPC || errno == ENOMEM ? 0 : 4);
    _exit(3);
}

static void tmpfs_full(void)
{
    for (int round = 0; round < 2; round++) {
        unsigned long mem, swap;
        measure(&mem, &swap);
        int s = in_child(fill_tmpfs);
        printf("  tmpfs writer: status 0x%x\n", s);
        CHECK((WIFEXITED(s) && WEXITSTATUS(s) == 0) || (WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL));
        CHECK(unlink("/tmp/big") == 0);
        if (round == 1)
            CHECK(memory_back(mem, swap, "tmpfs"));
    }
}

static const struct t_case cases[] = {
    { "descriptors", descriptors },
    { "processes", processes },
    { "page_tables", page_tables },
    { "memory_and_swap", memory_and_swap },
    { "swap_full_two_pages", swap_full_two_pages },
    { "clone_out_of_memory", clone_out_of_memory },
    { "tmpfs_full", tmpfs_full },
    { "regions", regions },
};
/* With arguments, runs only the cases named. */
int main(int argc, char **argv)
{
    static struct t_case chosen[sizeof cases / sizeof cases[0]];
    int n = 0;
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++)
        for (int a = 1; a < argc; a++)
            if (!strcmp(argv[a], cases[i].name))
                chosen[n++] = cases[i];
    if (argc == 1)
        return t_run_all("t_exhaust", cases, (int)(sizeof cases / sizeof cases[0]));
    return t_run_all("t_exhaust", chosen, n);
}
