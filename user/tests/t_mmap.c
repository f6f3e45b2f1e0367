/* t_mmap.c: mmap, munmap, mprotect and System V shared memory: each flag
 * combination, the errors, splitting regions (checked in /proc/self/maps),
 * frames seen through /proc/self/pagemap, and no leaks over 1,000 rounds.
 * `t_mmap swap` instead runs the shared-memory-through-swap case (boot it
 * with a small mem= and a swap disk). */
#include "t_common.h"
#include <errno.h>
#include <fcntl.h>
#include <procfile.h>
#include <stdint.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <time.h>

#define PAGE 4096u

int main(int argc, char **argv);

/* The pagemap entry of va in this process. */
static uint64_t pagemap(uint32_t va)
{
    uint64_t e = 0;
    int fd = open("/proc/self/pagemap", O_RDONLY);
    lseek(fd, (off_t)(va / PAGE) * 8, SEEK_SET);
    read(fd, &e, 8);
    close(fd);
    return e;
}

#define PRESENT(e) ((e) >> 63)
#define PFN(e) ((e) & ((1ull << 55) - 1))

/* The /proc/self/maps line that starts at va, copied into line (or ""). */
static void maps_line(uint32_t va, char *line, size_t size)
{
    static char maps[4096];
    char want[16];
    line[0] = 0;
    procfile_read("/proc/self/maps", maps, sizeof maps);
    snprintf(want, sizeof want, "%08x-", va);
    for (char *l = maps; *l;) {
        char *nl = strchr(l, '\n');
        size_t n = nl ? (size_t)(nl - l) : strlen(l);
        if (strncmp(l, want, 9) == 0 && n < size) {
            memcpy(line, l, n);
            line[n] = 0;
        }
        l += n + (nl != 0);
    }
}

static int dies_with(void (*fn)(void *), void *arg, int sig)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        fn(arg);
        exit(0);
    }
    int status;
    waitpid(pid, &status, 0);
    return WIFSIGNALED(status) && WTERMSIG(status) == sig;
}

static void do_read(void *p) { (void)*(volatile char *)p; }
static void do_write(void *p) { *(volatile char *)p = 1; }

static void anonymous_private(void)
{
    char *p = mmap(0, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED && ((uintptr_t)p & (PAGE - 1)) == 0);
    CHECK(!PRESENT(pagemap((uint32_t)p)));          /* untouched: absent */
    CHECK(p[5] == 0 && p[3 * PAGE + 9] == 0);
    p[0] = 'a';
    uint64_t before = pagemap((uint32_t)p);
    pid_t pid = fork();
    if (pid == 0) {
        uint64_t shared = pagemap((uint32_t)p);      /* same frame as the parent's */
        p[0] = 'c';
        uint64_t copied = pagemap((uint32_t)p);      /* a frame of its own */
        exit(PFN(shared) == PFN(before) && PFN(copied) != PFN(before) && p[0] == 'c' ? 0 : 1);
    }
    int status;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK(p[0] == 'a');
    CHECK(munmap(p, 4 * PAGE) == 0);
    CHECK(dies_with(do_read, p, 11));
}

static void anonymous_shared(void)
{
    volatile int *p = mmap(0, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    p[0] = 1;
    char line[128];
    maps_line((uint32_t)(uintptr_t)p, line, sizeof line);
    printf("  %s\n", line);
    CHECK(strstr(line, " rw-s 00000000 00:01 0 ") && strstr(line, "/dev/zero (deleted)"));
    CHECK(pagemap((uint32_t)(uintptr_t)p) >> 61 & 1);      /* a shared page */
    pid_t pid = fork();
    if (pid == 0) {
        p[1] = 2;                       /* seen by the parent */
        p[1024] = 3;                    /* a page never touched before fork */
        while (p[2] != 4)               /* wait for the parent's write */
            sched_yield();
        exit(p[0] == 1 ? 0 : 1);
    }
    while (p[1] != 2)
        sched_yield();
    p[2] = 4;
    int status;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK(p[1024] == 3);
    munmap((void *)p, 2 * PAGE);
}

static void file_private_reads_elf_magic(void)
{
    int fd = open("/tests/t_mmap", O_RDONLY);
    CHECK(fd >= 0);
    char *p = mmap(0, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    CHECK(p != MAP_FAILED);
    CHECK(memcmp(p, "\177ELF", 4) == 0);
    p[0] = 'X';                         /* copy-on-write: the file stays */
    char head[4];
    lseek(fd, 0, SEEK_SET);
    read(fd, head, 4);
    CHECK(memcmp(head, "\177ELF", 4) == 0 && p[0] == 'X');
    char *q = mmap(0, PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
    CHECK(q != MAP_FAILED && q[0] == 0x7f);
    /* An offset is in pages; the second page of the file is the text. */
    char *text = mmap(0, PAGE, PROT_READ, MAP_PRIVATE, fd, PAGE);
    CHECK(text != MAP_FAILED && PFN(pagemap((uint32_t)text | 0)) == 0);  /* not yet touched */
    (void)*(volatile char *)text;
    CHECK(PFN(pagemap((uint32_t)text)) == PFN(pagemap((uint32_t)(uintptr_t)main & ~(PAGE - 1))));
    close(fd);
}

static void file_shared_read_only(void)
{
    int fd = open("/tests/t_mmap", O_RDONLY);
    char *p = mmap(0, PAGE, PROT_READ, MAP_SHARED, fd, PAGE);
    CHECK(p != MAP_FAILED);
    (void)*(volatile char *)p;
    /* The page cache's own frame: the one our text runs from. */
    CHECK(PFN(pagemap((uint32_t)p)) == PFN(pagemap((uint32_t)(uintptr_t)main & ~(PAGE - 1))));
    CHECK(dies_with(do_write, p, 11));
    CHECK(mmap(0, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) == MAP_FAILED && errno == EACCES);
    CHECK(mprotect(p, PAGE, PROT_READ | PROT_WRITE) == -1 && errno == EACCES);
    close(fd);
}

static void errors(void)
{
    int fd = open("/tests/t_mmap", O_RDONLY);
    CHECK(mmap(0, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED && errno == EINVAL);
    CHECK(mmap(0, PAGE, PROT_READ, MAP_ANONYMOUS, -1, 0) == MAP_FAILED && errno == EINVAL);
    CHECK(mmap(0, PAGE, PROT_READ, MAP_SHARED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED &&
          errno == EINVAL);
    CHECK(mmap((void *)0x40000010, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) ==
          MAP_FAILED && errno == EINVAL);
    CHECK(mmap(0, PAGE, PROT_READ, MAP_PRIVATE, 99, 0) == MAP_FAILED && errno == EBADF);
    CHECK(mmap(0, PAGE, PROT_READ, MAP_PRIVATE, fd, 1) == MAP_FAILED && errno == EINVAL);
    int dir = open("/bin", O_RDONLY);
    CHECK(mmap(0, PAGE, PROT_READ, MAP_PRIVATE, dir, 0) == MAP_FAILED && errno == ENODEV);
    CHECK(mmap(0, 0xF0000000u, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED &&
          errno == ENOMEM);
    CHECK(mmap(0, 0xBF000000u, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED &&
          errno == ENOMEM);             /* more than lies between heap and stack */
    CHECK(munmap((void *)0x40000010, PAGE) == -1 && errno == EINVAL);
    CHECK(munmap((void *)0x40000000, 0) == -1 && errno == EINVAL);
    CHECK(mprotect((void *)0x40000010, PAGE, PROT_READ) == -1 && errno == EINVAL);
    CHECK(mprotect((void *)0x40000000, PAGE, PROT_READ) == -1 && errno == ENOMEM);
    close(dir);
    close(fd);
}

static void placement(void)
{
    char *a = mmap(0, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *b = mmap(0, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *brk_now = sbrk(0);
    printf("  first %p, second %p, heap ends %p\n", (void *)a, (void *)b, (void *)brk_now);
    CHECK((uintptr_t)a <= 0xC0000000u - (8u << 20) - PAGE);    /* below the stack's 8 MiB */
    CHECK(b < a && b > brk_now);                                /* top-down, above the heap */
    char *fixed = mmap((void *)0x50000000, PAGE, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    CHECK(fixed == (char *)0x50000000);
    fixed[0] = 7;
    char *again = mmap((void *)0x50000000, PAGE, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    CHECK(again == fixed && again[0] == 0);                     /* replaced: zero again */
    CHECK(mmap((void *)0x1000, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) ==
          MAP_FAILED);                                          /* never map NULL's page */
    CHECK(sbrk(0x10000) != (void *)-1);                         /* the heap still grows */
}

static void split_by_munmap_and_mprotect(void)
{
    char line[128];
    char *p = mmap((void *)0x60000000, 5 * PAGE, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    CHECK(p == (char *)0x60000000);
    memset(p, 1, 5 * PAGE);
    CHECK(munmap(p + 2 * PAGE, PAGE) == 0);
    maps_line(0x60000000, line, sizeof line);
    printf("  %s\n", line);
    CHECK(strncmp(line, "60000000-60002000 rw-p 00000000 00:00 0", 39) == 0);
    maps_line(0x60003000, line, sizeof line);
    CHECK(strncmp(line, "60003000-60005000 rw-p 00000000 00:00 0", 39) == 0);
    CHECK(dies_with(do_read, p + 2 * PAGE, 11));
    CHECK(p[PAGE] == 1 && p[3 * PAGE] == 1);
    CHECK(mprotect(p + 3 * PAGE, PAGE, PROT_READ) == 0);
    maps_line(0x60003000, line, sizeof line);
    printf("  %s\n", line);
    CHECK(strncmp(line, "60003000-60004000 r--p", 22) == 0);
    maps_line(0x60004000, line, sizeof line);
    CHECK(strncmp(line, "60004000-60005000 rw-p", 22) == 0);
    CHECK(dies_with(do_write, p + 3 * PAGE, 11));
    CHECK(mprotect(p + 3 * PAGE, PAGE, PROT_READ | PROT_WRITE) == 0);   /* merges back */
    maps_line(0x60003000, line, sizeof line);
    CHECK(strncmp(line, "60003000-60005000 rw-p", 22) == 0);
    p[3 * PAGE] = 2;
    CHECK(munmap(p, 5 * PAGE) == 0);
}

static void prot_none_and_back(void)
{
    char *p = mmap(0, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    p[0] = 5;
    CHECK(mprotect(p, PAGE, PROT_NONE) == 0);
    CHECK(dies_with(do_read, p, 11));
    CHECK(dies_with(do_read, p + PAGE - 1, 11));
    CHECK(mprotect(p, PAGE, PROT_READ) == 0);
    CHECK(p[0] == 5);
    CHECK(dies_with(do_write, p, 11));
    /* Back to writable after fork: copy-on-write still holds. */
    pid_t pid = fork();
    if (pid == 0) {
        sleep(1);
        exit(p[0] == 5 ? 0 : 1);
    }
    CHECK(mprotect(p, PAGE, PROT_READ | PROT_WRITE) == 0);
    p[0] = 6;
    int status;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0 && p[0] == 6);
}

static void old_mmap_call(void)
{
    struct mmap_arg_struct a = { 0, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                                 (unsigned long)-1, 0 };
    long r = old_mmap(&a);
    CHECK(r != -1);
    ((char *)r)[10] = 1;
    a.offset = 100;
    CHECK(old_mmap(&a) == -1 && errno == EINVAL);
}

/* A segment written by one process and read by another; removed while
 * attached, it lives until the last detach. */
static void sysv_life(void)
{
    int id = shmget(IPC_PRIVATE, 3 * PAGE, IPC_CREAT | 0600);
    CHECK(id >= 0);
    pid_t pid = fork();
    if (pid == 0) {
        int *p = shmat(id, 0, 0);
        if (p == (void *)-1)
            exit(2);
        p[0] = 1234;
        p[2048] = 5678;                 /* the third page */
        exit(shmdt(p) == 0 ? 0 : 3);
    }
    int status;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    int *q = shmat(id, 0, SHM_RDONLY);
    CHECK(q != (void *)-1 && q[0] == 1234 && q[2048] == 5678);
    CHECK(dies_with(do_write, q, 11));
    struct shmid64_ds ds;
    CHECK(shmctl(id, IPC_STAT | IPC_64, &ds) == 0);
    CHECK(ds.shm_segsz == 3 * PAGE && ds.shm_nattch == 1);
    CHECK(shmctl(id, IPC_RMID, 0) == 0);
    CHECK(q[0] == 1234);                /* still attached: still there */
    CHECK(shmat(id, 0, 0) == (void *)-1 && errno == EINVAL);
    CHECK(shmdt(q) == 0);
    CHECK(shmdt(q) == -1 && errno == EINVAL);
}

/* The whole life three times: the free-frame count after the third is the
 * one after the first (the first also settles page tables and kernel-heap
 * slabs), so a segment's pages are freed after IPC_RMID and the last
 * detach. */
static void sysv_between_processes(void)
{
    sysv_life();
    unsigned long before = free_pages();
    sysv_life();
    sysv_life();
    unsigned long after = free_pages();
    printf("  free pages %lu after one segment's life, %lu after two more\n", before, after);
    CHECK(after == before);
}

static void sysv_keys_and_ipc_call(void)
{
    int id = shmget(0x1234, PAGE, IPC_CREAT | 0600);
    CHECK(id >= 0);
    CHECK(shmget(0x1234, PAGE, 0) == id);
    CHECK(shmget(0x1234, PAGE, IPC_CREAT | IPC_EXCL) == -1 && errno == EEXIST);
    CHECK(shmget(0x1234, 2 * PAGE, 0) == -1 && errno == EINVAL);
    CHECK(shmget(0x9999, PAGE, 0) == -1 && errno == ENOENT);
    CHECK(shmget(IPC_PRIVATE, 0, IPC_CREAT) == -1 && errno == EINVAL);
    /* The old multiplexer reaches the same segments. */
    CHECK(ipc(IPCOP_SHMGET, 0x1234, PAGE, 0, 0, 0) == id);
    unsigned long addr = 0;
    CHECK(ipc(IPCOP_SHMAT, id, 0, (unsigned)(uintptr_t)&addr, 0, 0) == 0 && addr != 0);
    ((int *)addr)[0] = 42;
    char line[128];
    maps_line((uint32_t)addr, line, sizeof line);
    printf("  %s\n", line);
    CHECK(strstr(line, " rw-s 00000000 00:01 0 ") && strstr(line, "/SYSV00001234 (deleted)"));
    int *again = shmat(id, 0, 0);
    CHECK(again[0] == 42);
    CHECK(ipc(IPCOP_SHMDT, 0, 0, 0, (void *)addr, 0) == 0);
    CHECK(shmdt(again) == 0);
    CHECK(ipc(IPCOP_SHMCTL, id, IPC_RMID, 0, 0, 0) == 0);
    CHECK(shmget(0x1234, PAGE, 0) == -1 && errno == ENOENT);
}

static void thousand_rounds_leak_nothing(void)
{
    unsigned long before = 0;
    for (int round = 0; round <= 1000; round++) {
        if (round == 1)
            before = free_pages();      /* after one warm-up round */
        int flags = (round % 3 == 0 ? MAP_SHARED : MAP_PRIVATE) | MAP_ANONYMOUS;
        char *p = mmap(0, 8 * PAGE, PROT_READ | PROT_WRITE, flags, -1, 0);
        CHECK(p != MAP_FAILED);
        for (int i = 0; i < 8; i += 1 + round % 2)
            p[i * PAGE] = (char)round;
        CHECK(munmap(p, 8 * PAGE) == 0);
    }
    unsigned long after = free_pages();
    printf("  free pages %lu before, %lu after 1,000 rounds\n", before, after);
    CHECK(after == before);
}

static const struct t_case cases[] = {
    { "anonymous_private", anonymous_private },
    { "anonymous_shared", anonymous_shared },
    { "file_private_reads_elf_magic", file_private_reads_elf_magic },
    { "file_shared_read_only", file_shared_read_only },
    { "errors", errors },
    { "placement", placement },
    { "split_by_munmap_and_mprotect", split_by_munmap_and_mprotect },
    { "prot_none_and_back", prot_none_and_back },
    { "old_mmap_call", old_mmap_call },
    { "sysv_between_processes", sysv_between_processes },
    { "sysv_keys_and_ipc_call", sysv_keys_and_ipc_call },
    { "thousand_rounds_leak_nothing", thousand_rounds_leak_nothing },
};

/* Shared memory through swap: the parent's pages of a shared mapping go
 * to swap, the child writes them, the parent sees the child's values. */
static int shared_through_swap(void)
{
    const uint32_t pages = 256;                 /* 1 MiB shared */
    uint32_t *shared = mmap(0, pages * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    for (uint32_t i = 0; i < pages; i++)
        shared[i * 1024] = i;
    /* Push everything out: write 24 MiB of private memory. */
    char *junk = mmap(0, 24u << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (uint32_t off = 0; off < (24u << 20); off += PAGE)
        junk[off] = 1;
    unsigned swapped = 0;
    for (uint32_t i = 0; i < pages; i++)
        swapped += !PRESENT(pagemap((uint32_t)(uintptr_t)&shared[i * 1024]));
    pid_t pid = fork();
    if (pid == 0) {
        for (uint32_t i = 0; i < pages; i++)
            shared[i * 1024] = 1000000 + i;
        for (uint32_t off = 0; off < (24u << 20); off += PAGE)
            junk[off] = 2;              /* and push the shared pages out again */
        exit(0);
    }
    int status;
    waitpid(pid, &status, 0);
    uint32_t bad = 0;
    for (uint32_t i = 0; i < pages; i++)
        bad += shared[i * 1024] != 1000000 + i;
    unsigned long pswpout = 0;
    static char text[2048];
    procfile_read("/proc/vmstat", text, sizeof text);
    procfile_value(text, "pswpout ", &pswpout);
    printf("t_mmap swap: %u of %u shared pages were out before fork, %u wrong, pswpout %lu\n",
           swapped, pages, bad, pswpout);
    munmap(junk, 24u << 20);
    munmap(shared, pages * PAGE);
    return bad != 0 || swapped == 0;
}

/* Rounds of mapping more than RAM, touching and unmapping it, private and
 * shared, in a child: afterwards every swap slot is free again. */
static int rounds_through_swap(void)
{
    touch_own_pages();
    unsigned long swap0 = proc_number("/proc/meminfo", "SwapFree:");
    pid_t pid = fork();
    if (pid == 0) {
        for (int round = 0; round < 6; round++) {
            int flags = (round % 2 ? MAP_SHARED : MAP_PRIVATE) | MAP_ANONYMOUS;
            char *p = mmap(0, 12u << 20, PROT_READ | PROT_WRITE, flags, -1, 0);
            for (uint32_t off = 0; off < (12u << 20); off += PAGE)
                p[off] = (char)round;
            munmap(p, 12u << 20);
        }
        exit(0);
    }
    waitpid(pid, 0, 0);
    touch_own_pages();
    unsigned long swap1 = proc_number("/proc/meminfo", "SwapFree:");
    printf("t_mmap swap: SwapFree %lu kB before, %lu kB after 6 rounds of 12 MiB\n", swap0, swap1);
    return swap1 != swap0;
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "swap") == 0) {
        int failed = shared_through_swap();
        failed += rounds_through_swap();
        printf("t_mmap swap: %s\n", failed ? "FAILED" : "ok");
        return failed;
    }
    return t_run_all("t_mmap", cases, (int)(sizeof cases / sizeof cases[0]));
}
