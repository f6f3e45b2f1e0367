/* t_zeropage.c: the shared zero page (mm/zero_page.c). Reading untouched
 * anonymous memory maps one shared frame of zeros, read-only: pagemap
 * shows it (bit 58, and the same frame number everywhere), no frame is
 * spent on it, and /proc/vmstat counts it (zero_page, nr_zero_page_mapped).
 * The first write gets a private zeroed frame and leaves the zero page
 * zero. Fork shares it; exit and munmap give every reference back.
 * `t_zeropage swap` (with mem= small and a swap disk) checks that memory
 * pressure never sends it to swap. */
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include "t_common.h"

#define PAGE 4096u
#define PM_PRESENT (1ull << 63)
#define PM_SWAP (1ull << 62)
#define PM_FILE (1ull << 61)
#define PM_ZERO (1ull << 58)            /* this kernel's own: the zero page */
#define PM_PFN ((1ull << 55) - 1)

static uint64_t pagemap(const void *va)
{
    uint64_t entry = 0;
    int fd = open("/proc/self/pagemap", O_RDONLY);
    if (fd < 0)
        return 0;
    if (lseek(fd, (off_t)((uint32_t)va / PAGE) * 8, SEEK_SET) >= 0)
        read(fd, &entry, sizeof entry);
    close(fd);
    return entry;
}

static int is_zero_page(const void *va)
{
    uint64_t e = pagemap(va);
    return (e & (PM_PRESENT | PM_ZERO | PM_FILE)) == (PM_PRESENT | PM_ZERO | PM_FILE);
}

static unsigned long vmstat(const char *key)
{
    return proc_number("/proc/vmstat", key);
}

static unsigned long mem_free_kb(void)
{
    return proc_number("/proc/meminfo", "MemFree:");
}

static char *map(uint32_t pages)
{
    char *p = mmap(0, pages * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    return p;
}

/* Reads every byte of the page at p; 1 if all are zero. */
static int page_reads_zero(const volatile char *p)
{
    for (uint32_t i = 0; i < PAGE; i++)
        if (p[i])
            return 0;
    return 1;
}

static void reads_share_one_frame_and_cost_none(void)
{
    enum { N = 256 };
    char *p = map(N);
    unsigned long faults = vmstat("zero_page "), mapped = vmstat("nr_zero_page_mapped ");
    unsigned long free_kb = mem_free_kb();
    for (uint32_t i = 0; i < N; i++)
        CHECK(((volatile char *)p)[i * PAGE + 5] == 0);
    unsigned long spent = free_kb - mem_free_kb();
    printf("  1 MiB read: %lu KiB spent, zero_page +%lu, nr_zero_page_mapped +%lu\n", spent,
           vmstat("zero_page ") - faults, vmstat("nr_zero_page_mapped ") - mapped);
    CHECK(spent <= 8);                  /* a page table at most, not 1 MiB */
    CHECK(vmstat("zero_page ") - faults == N);
    CHECK(vmstat("nr_zero_page_mapped ") - mapped == N);
    uint64_t first = pagemap(p) & PM_PFN;
    for (uint32_t i = 0; i < N; i++) {
        CHECK(is_zero_page(p + i * PAGE));
        CHECK((pagemap(p + i * PAGE) & PM_PFN) == first);
    }
}

static void write_after_read_gets_a_private_zeroed_page(void)
{
    char *p = map(2);
    volatile char *v = p;
    CHECK(v[100] == 0 && v[PAGE + 100] == 0);
    CHECK(is_zero_page(p) && is_zero_page(p + PAGE));
    unsigned long fills = vmstat("zero_fill ");
    v[100] = 7;
    CHECK(vmstat("zero_fill ") - fills == 1);
    CHECK(!is_zero_page(p) && (pagemap(p) & PM_PRESENT));
    CHECK((pagemap(p) & PM_PFN) != (pagemap(p + PAGE) & PM_PFN));
    CHECK(v[100] == 7);
    v[100] = 0;
    CHECK(page_reads_zero(v));          /* the new frame was cleared */
    CHECK(is_zero_page(p + PAGE) && page_reads_zero(v + PAGE));
    char *q = map(1);                   /* a fresh reader still sees zeros */
    CHECK(page_reads_zero(q) && is_zero_page(q));
}

static void mprotect_keeps_it_read_only(void)
{
    char *p = map(1);
    CHECK(((volatile char *)p)[0] == 0 && is_zero_page(p));
    CHECK(mprotect(p, PAGE, PROT_READ) == 0);
    CHECK(mprotect(p, PAGE, PROT_READ | PROT_WRITE) == 0);
    CHECK(is_zero_page(p));
    p[10] = 1;
    CHECK(!is_zero_page(p));
    char *q = map(1);
    CHECK(page_reads_zero(q));
}

/* Several processes read the same untouched memory: each maps the zero
 * page, the same frame, and together they spend no frame on the data. */
static void many_processes_share_the_zero_page(void)
{
    enum { N = 256, KIDS = 4 };
    char *p = map(N);
    char *probe = map(1);
    CHECK(((volatile char *)probe)[0] == 0);
    uint64_t zero_pfn = pagemap(probe) & PM_PFN;
    for (int k = 0; k < KIDS; k++) {
        pid_t pid = fork();
        if (pid == 0) {
            /* First read makes p's page table the child's own (a copy of
             * the one shared since fork, mm/pgtable_share.c), and the first
             * count its buffers: neither is what is measured. */
            (void)((volatile char *)p)[0];
            unsigned long free_kb = mem_free_kb();
            free_kb = mem_free_kb();
            for (uint32_t i = 0; i < N; i++)
                if (((volatile char *)p)[i * PAGE])
                    _exit(1);
            if (free_kb - mem_free_kb() > 8)
                _exit(2);
            for (uint32_t i = 0; i < N; i++)
                if (!is_zero_page(p + i * PAGE) || (pagemap(p + i * PAGE) & PM_PFN) != zero_pfn)
                    _exit(3);
            _exit(0);
        }
        CHECK(pid > 0);
        int status;
        CHECK(waitpid(pid, &status, 0) == pid);
        printf("  reader %d: exit status %d\n", k, WEXITSTATUS(status));
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    CHECK(pagemap(p) == 0);             /* the parent never touched it */
}

static void fork_shares_it_and_the_child_writes_privately(void)
{
    char *p = map(1);
    CHECK(((volatile char *)p)[0] == 0 && is_zero_page(p));
    pid_t pid = fork();
    if (pid == 0) {
        if (!is_zero_page(p))
            _exit(1);
        p[0] = 9;
        _exit(is_zero_page(p) || p[0] != 9 ? 2 : 0);
    }
    int status;
    CHECK(waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK(is_zero_page(p) && page_reads_zero(p));
}

/* Exit and munmap give back every reference their mappings took. */
static void no_reference_is_leaked(void)
{
    enum { N = 128 };
    unsigned long mapped = vmstat("nr_zero_page_mapped ");
    pid_t pid = fork();
    if (pid == 0) {
        char *p = map(N);
        for (uint32_t i = 0; i < N; i++)
            (void)((volatile char *)p)[i * PAGE];
        _exit(vmstat("nr_zero_page_mapped ") - mapped >= N ? 0 : 1);
    }
    int status;
    CHECK(waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK(vmstat("nr_zero_page_mapped ") == mapped);
    char *p = map(N);
    for (uint32_t i = 0; i < N; i++)
        (void)((volatile char *)p)[i * PAGE];
    CHECK(vmstat("nr_zero_page_mapped ") == mapped + N);
    CHECK(munmap(p, N * PAGE) == 0);
    CHECK(vmstat("nr_zero_page_mapped ") == mapped);
}

static const struct t_case cases[] = {
    { "reads_share_one_frame_and_cost_none", reads_share_one_frame_and_cost_none },
    { "write_after_read_gets_a_private_zeroed_page", write_after_read_gets_a_private_zeroed_page },
    { "mprotect_keeps_it_read_only", mprotect_keeps_it_read_only },
    { "many_processes_share_the_zero_page", many_processes_share_the_zero_page },
    { "fork_shares_it_and_the_child_writes_privately", fork_shares_it_and_the_child_writes_privately },
    { "no_reference_is_leaked", no_reference_is_leaked },
};

/* Under memory pressure (mem= small, a swap disk): 4 MiB read (zero page)
 * and 24 MiB written (pushed to swap and back); the zero-page mappings
 * are never swapped, and still read as zeros. */
static int swap_case(void)
{
    enum { READ = 1024, WRITTEN = 6144 };
    char *z = map(READ);
    for (uint32_t i = 0; i < READ; i++)
        (void)((volatile char *)z)[i * PAGE];
    unsigned long out = vmstat("pswpout ");
    uint32_t *w = (uint32_t *)map(WRITTEN);
    for (int pass = 0; pass < 2; pass++)
        for (uint32_t i = 0; i < WRITTEN; i++)
            w[i * (PAGE / 4)] = i + pass;
    uint32_t bad = 0, swapped = 0, other = 0;
    for (uint32_t i = 0; i < WRITTEN; i++)
        bad += w[i * (PAGE / 4)] != i + 1;
    for (uint32_t i = 0; i < READ; i++) {
        uint64_t e = pagemap(z + i * PAGE);
        swapped += (e & PM_SWAP) != 0;
        other += !(e & PM_SWAP) && !is_zero_page(z + i * PAGE);
        bad += !page_reads_zero(z + i * PAGE);
    }
    printf("t_zeropage swap: pswpout +%lu, %u zero-page PTEs swapped, %u changed, %u bad\n",
           vmstat("pswpout ") - out, swapped, other, bad);
    int ok = vmstat("pswpout ") > out && !swapped && !other && !bad;
    printf("t_zeropage swap: %s\n", ok ? "ok" : "FAILED");
    return !ok;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "swap") == 0)
        return swap_case();
    return t_run_all("t_zeropage", cases, (int)(sizeof cases / sizeof cases[0]));
}
