/* t_fork.c: fork with copy-on-write, in both directions and with 16
 * children: after fork, writes by a child are invisible to the parent and
 * to the other children, and the parent's writes are invisible to the
 * children; data, bss, heap and stack pages all behave so. */
#include "t_common.h"
#include <procfile.h>
#include <stdint.h>
#include <signal.h>
#include <time.h>

#define PAGES 16
#define CHILDREN 16

int data_page[1024] = { 1 };            /* initialised data */
static int bss_pages[PAGES * 1024];      /* bss */

static void fill(int *p, int n, int value)
{
    for (int i = 0; i < n; i++)
        p[i] = value + i;
}

static int holds(const int *p, int n, int value)
{
    for (int i = 0; i < n; i++)
        if (p[i] != value + i)
            return 0;
    return 1;
}

static void child_writes_invisible_to_parent(void)
{
    int *heap = malloc(PAGES * 4096);
    int stack_buf[1024];
    fill(bss_pages, PAGES * 1024, 1000);
    fill(heap, PAGES * 1024, 2000);
    fill(stack_buf, 1024, 3000);
    fill(data_page, 1024, 4000);
    for (int c = 0; c < CHILDREN; c++) {
        pid_t pid = fork();
        CHECK(pid >= 0);
        if (pid == 0) {
            /* The child sees the parent's values, then writes its own. */
            int ok = holds(bss_pages, PAGES * 1024, 1000) && holds(heap, PAGES * 1024, 2000) &&
                     holds(stack_buf, 1024, 3000) && holds(data_page, 1024, 4000);
            fill(bss_pages, PAGES * 1024, 50000 * (c + 1));
            fill(heap, PAGES * 1024, 60000 * (c + 1));
            fill(stack_buf, 1024, 70000 * (c + 1));
            fill(data_page, 1024, 80000 * (c + 1));
            ok = ok && holds(bss_pages, PAGES * 1024, 50000 * (c + 1)) &&
                 holds(heap, PAGES * 1024, 60000 * (c + 1));
            exit(ok ? 0 : 1);
        }
    }
    int failures = 0;
    for (int c = 0; c < CHILDREN; c++) {
        int status;
        CHECK(wait(&status) > 0);
        failures += !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    CHECK(failures == 0);
    CHECK(holds(bss_pages, PAGES * 1024, 1000));
    CHECK(holds(heap, PAGES * 1024, 2000));
    CHECK(holds(stack_buf, 1024, 3000));
    CHECK(holds(data_page, 1024, 4000));
}

static void parent_writes_invisible_to_child(void)
{
    fill(bss_pages, PAGES * 1024, 7);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        /* Give the parent time to write, then check our copy. */
        struct timespec ts = { 0, 100 * 1000 * 1000 };
        nanosleep(&ts, NULL);
        exit(holds(bss_pages, PAGES * 1024, 7) ? 0 : 1);
    }
    fill(bss_pages, PAGES * 1024, 900);
    int status;
    CHECK(waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK(holds(bss_pages, PAGES * 1024, 900));
}

static void fork_returns_pids(void)
{
    pid_t me = getpid();
    pid_t pid = fork();
    if (pid == 0)
        exit(getppid() == me ? 0 : 1);
    int status;
    CHECK(pid > me);
    CHECK(waitpid(pid, &status, 0) == pid && WEXITSTATUS(status) == 0);
    CHECK(waitpid(pid, &status, 0) == -1);      /* reaped: no such child */
}

/* The wait status of a signal's default action: 0x80 ("core dumped") for
 * the core-dumping ones (SIGSEGV, SIGABRT), not for SIGTERM; SIGCHLD is
 * ignored. And the one thread's id is the pid. */
static void signal_default_actions(void)
{
    CHECK(gettid() == getpid());
    pid_t pid = fork();
    if (pid == 0) {
        *(volatile int *)0 = 1;
        exit(0);
    }
    int status;
    CHECK(waitpid(pid, &status, 0) == pid);
    CHECK(status == (11 | 0x80) && WCOREDUMP(status));
    int sigs[] = { 6, 15, 17 }, want[] = { 6 | 0x80, 15, 3 << 8 };
    for (int i = 0; i < 3; i++) {
        pid = fork();
        if (pid == 0) {
            kill(getpid(), sigs[i]);
            exit(3);
        }
        CHECK(waitpid(pid, &status, 0) == pid);
        CHECK(status == want[i]);
    }
}

static void kill_sleeping_child(void)
{
    int sigs[] = { 15, 9 };
    for (int i = 0; i < 2; i++) {
        pid_t pid = fork();
        if (pid == 0) {
            sleep(100);
            exit(0);
        }
        struct timespec ts = { 0, 50 * 1000 * 1000 };
        nanosleep(&ts, NULL);
        CHECK(kill(pid, sigs[i]) == 0);
        int status;
        CHECK(waitpid(pid, &status, 0) == pid);
        CHECK(WIFSIGNALED(status) && WTERMSIG(status) == sigs[i]);
    }
    CHECK(kill(30000, 9) == -1);        /* no such process */
}

static void wait_without_children(void)
{
    int status;
    CHECK(wait(&status) == -1);
    CHECK(waitpid(-1, &status, WNOHANG) == -1);
}

/* Reads one counter of /proc/vmstat. */
static unsigned long vmstat(const char *name)
{
    static char text[2048];
    unsigned long v = 0;
    char key[32];
    snprintf(key, sizeof key, "%s ", name);
    if (procfile_read("/proc/vmstat", text, sizeof text) < 0 || procfile_value(text, key, &v) < 0)
        return (unsigned long)-1;
    return v;
}

static void cow_reuse_when_alone(void)
{
    static volatile char page[4096] __attribute__((aligned(4096)));
    page[0] = 1;                        /* present and private before fork */
    pid_t pid = fork();
    if (pid == 0)
        exit(0);                        /* the child never writes */
    int status;
    waitpid(pid, &status, 0);
    /* The frame is shared copy-on-write no more: the child is gone. */
    unsigned long copies = vmstat("cow_copy"), reuses = vmstat("cow_reuse");
    page[0] = 2;                        /* write fault on a COW page, count 1 */
    unsigned long copies2 = vmstat("cow_copy"), reuses2 = vmstat("cow_reuse");
    printf("  cow_copy %lu -> %lu, cow_reuse %lu -> %lu\n", copies, copies2, reuses, reuses2);
    CHECK(reuses2 == reuses + 1);
    CHECK(copies2 == copies);
    CHECK(page[0] == 2);
}

static void cow_copy_when_shared(void)
{
    static volatile char page[4096] __attribute__((aligned(4096)));
    page[0] = 1;
    pid_t pid = fork();
    if (pid == 0) {
        sleep(1);                       /* keep sharing while the parent writes */
        exit(page[0] == 1 ? 0 : 1);
    }
    unsigned long copies = vmstat("cow_copy");
    page[0] = 2;
    unsigned long copies2 = vmstat("cow_copy");
    int status;
    waitpid(pid, &status, 0);
    CHECK(copies2 == copies + 1);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* A fork of a process with 32 MiB touched copies no page, and not even
 * its page tables (mm/pgtable_share.c): the child shares the parent's
 * tables until one of them changes one. Here only the parent's stack and
 * data tables are copied (the parent writes them), not the eight tables
 * of the heap; copied, they would cost more than ten frames. Then both
 * write the whole heap: each sees its own values. */
static void fork_shares_page_tables(void)
{
    const uint32_t pages = 8192;
    char *heap = sbrk(pages * 4096);
    CHECK(heap != (void *)-1);
    for (uint32_t i = 0; i < pages; i++)
        heap[i * 4096] = 1;
    unsigned long tables = proc_number("/proc/meminfo", "PageTables:");
    unsigned long before = free_pages();
    pid_t pid = fork();
    if (pid == 0) {
        sleep(1);
        int ok = 1;
        for (uint32_t i = 0; i < pages; i++)
            ok &= heap[i * 4096] == 1;
        for (uint32_t i = 0; i < pages; i++)
            heap[i * 4096] = 3;
        for (uint32_t i = 0; i < pages; i++)
            ok &= heap[i * 4096] == 3;
        exit(ok ? 0 : 1);
    }
    unsigned long after = free_pages();
    unsigned long tables2 = proc_number("/proc/meminfo", "PageTables:");
    printf("  fork of 32 MiB touched took %lu frames, page tables %lu kB -> %lu kB\n",
           before - after, tables, tables2);
    CHECK(tables2 - tables <= 4 * 4);   /* the child's directory, three tables copied */
    CHECK(before - after < 12);
    for (uint32_t i = 0; i < pages; i++)
        heap[i * 4096] = 2;
    int status;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    int ok = 1;
    for (uint32_t i = 0; i < pages; i++)
        ok &= heap[i * 4096] == 2;
    CHECK(ok);
    CHECK(sbrk(-(intptr_t)(pages * 4096)) != (void *)-1);
}

/* A process whose parent exits is handed to init (pid 1). */
static void orphan_goes_to_init(void)
{
    pid_t child = fork();
    if (child == 0) {
        pid_t grandchild = fork();
        if (grandchild == 0) {
            struct timespec ts = { 0, 200 * 1000 * 1000 };
            nanosleep(&ts, NULL);       /* outlive the parent */
            printf("  orphan: parent is now pid %d\n", getppid());
            exit(0);
        }
        exit(0);
    }
    int status;
    waitpid(child, &status, 0);
    sleep(1);                           /* the orphan reports, then exits to init */
}

/* Each case runs in a child of init (pid 1): its SIGTERM, SIGKILL and
 * kill(0, SIGINT) (its group is init's) must not end init, as on Linux:
 * init has no handler for them. If one did, init would be gone before
 * it prints its summary. */
static void init_cannot_be_killed(void)
{
    CHECK(getppid() == 1);
    signal(SIGINT, SIG_IGN);            /* kill(0) reaches this process too */
    CHECK(kill(1, SIGTERM) == 0 && kill(1, SIGKILL) == 0 && kill(0, SIGINT) == 0);
    struct timespec t = { 0, 20000000 };
    nanosleep(&t, 0);                   /* any signal would have landed by now */
    CHECK(getppid() == 1);              /* init is still our parent */
}

static const struct t_case cases[] = {
    { "fork_shares_page_tables", fork_shares_page_tables },
    { "orphan_goes_to_init", orphan_goes_to_init },
    { "cow_reuse_when_alone", cow_reuse_when_alone },
    { "cow_copy_when_shared", cow_copy_when_shared },
    { "kill_sleeping_child", kill_sleeping_child },
    { "signal_default_actions", signal_default_actions },
    { "wait_without_children", wait_without_children },
    { "child_writes_invisible_to_parent", child_writes_invisible_to_parent },
    { "parent_writes_invisible_to_child", parent_writes_invisible_to_child },
    { "fork_returns_pids", fork_returns_pids },
    { "init_cannot_be_killed", init_cannot_be_killed },
};
T_MAIN("t_fork", cases)
