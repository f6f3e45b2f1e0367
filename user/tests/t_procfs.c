/* t_procfs.c: /proc as a program sees it: Linux's formats of meminfo,
 * status and maps; pagemap entries that follow the page tables (a touched
 * page is present, a fork shares the frame until a write); snapshots that
 * outlive their process; zombies; listings; bad names; no leaks. */
#include "t_common.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <procfile.h>
#include <stdint.h>
#include <sys/stat.h>

#define PM_PRESENT (1ULL << 63)
#define PM_FILE (1ULL << 61)
#define PM_PFN ((1ULL << 55) - 1)

static char text[8192];
static char bss_page[2 * 4096] __attribute__((aligned(4096)));

static void read_text(const char *path)
{
    CHECK(procfile_read(path, text, sizeof text) > 0);
}

static unsigned long value(const char *key)
{
    unsigned long v = ~0ul;
    CHECK(procfile_value(text, key, &v) == 0);
    return v;
}

/* The pagemap entry of addr in process pid (0: self). */
static unsigned long long entry_of(int pid, uintptr_t addr)
{
    char path[64];
    unsigned long long e = ~0ull;
    if (pid)
        snprintf(path, sizeof path, "/proc/%d/pagemap", pid);
    else
        snprintf(path, sizeof path, "/proc/self/pagemap");
    int fd = open(path, O_RDONLY);
    CHECK(fd >= 0);
    CHECK(lseek(fd, (off_t)(addr / 4096 * 8), SEEK_SET) == (off_t)(addr / 4096 * 8));
    CHECK(read(fd, &e, 8) == 8);
    close(fd);
    return e;
}

static void meminfo_format(void)
{
    static const char *const names[] = { "MemTotal:", "MemFree:", "MemAvailable:",
                                         "Cached:", "Unevictable:", "Mlocked:",
                                         "SwapTotal:", "SwapFree:", "SwapCached:", "Mapped:",
                                         "Shmem:", "PageTables:" };
    read_text("/proc/meminfo");
    const char *line = text;
    for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++) {
        const char *nl = strchr(line, '\n');
        CHECK(nl && nl - line == 27);               /* 16 + 8 + " kB" */
        CHECK(strncmp(line, names[i], strlen(names[i])) == 0);
        CHECK(strncmp(nl - 3, " kB", 3) == 0);
        line = nl + 1;
    }
    CHECK(value("MemFree:") <= value("MemTotal:"));
    CHECK(value("MemTotal:") > 1024);
    CHECK(value("PageTables:") > 0);                /* ours, at least */
    CHECK(value("Mapped:") > 0 && value("Mapped:") <= value("Cached:"));   /* our own text */
}

static void status_self(void)
{
    read_text("/proc/self/status");
    CHECK(strncmp(text, "Name:\tt_procfs\nState:\tR (running)\n", 34) == 0);
    CHECK(value("Pid:") == (unsigned long)getpid());
    CHECK(value("PPid:") == (unsigned long)getppid());
    CHECK(strstr(text, "VmSize:\t") && strstr(text, " kB\nVmRSS:\t"));
    unsigned long size = value("VmSize:"), rss = value("VmRSS:");
    char *heap = sbrk(64 * 4096);
    memset(heap, 1, 64 * 4096);
    read_text("/proc/self/status");
    CHECK(value("VmSize:") >= size + 256);
    CHECK(value("VmRSS:") >= rss + 256);
    CHECK(value("VmSwap:") == 0);
}

/* The line of text holding needle, copied to out; 0 or -1. */
static int line_with(const char *needle, char *out, size_t size)
{
    const char *hit = strstr(text, needle);
    if (!hit)
        return -1;
    const char *start = hit;
    while (start > text && start[-1] != '\n')
        start--;
    size_t n = strcspn(start, "\n");
    CHECK(n < size);
    memcpy(out, start, n);
    out[n] = '\0';
    return 0;
}

static void maps_self(void)
{
    char line[160];
    sbrk(4096);
    read_text("/proc/self/maps");
    CHECK(strncmp(text, "08048000-", 9) == 0);
    CHECK(line_with("/tests/t_procfs", line, sizeof line) == 0);
    CHECK(strlen(line) == 49 + 15 && line[48] == ' ' && line[49] == '/');
    CHECK(strstr(line, " r--p 00000000 00:01 ") || strstr(line, " r-xp 00000000 00:01 "));
    CHECK(line_with("[heap]", line, sizeof line) == 0);
    CHECK(strlen(line) == 49 + 6 && strstr(line, " rw-p 00000000 00:00 0 "));
    CHECK(line_with("[stack]", line, sizeof line) == 0);
    CHECK(strncmp(line + 9, "c0000000 rw-p", 13) == 0 && line[49] == '[');
}

static void pagemap_self(void)
{
    bss_page[0] = 1;
    unsigned long long e = entry_of(0, (uintptr_t)bss_page);
    CHECK((e & PM_PRESENT) && (e & PM_PFN) != 0 && !(e & PM_FILE));
    CHECK(entry_of(0, (uintptr_t)bss_page + 4096) == 0);    /* never touched */
    CHECK(entry_of(0, 0) == 0);                             /* never mapped */
    e = entry_of(0, (uintptr_t)&pagemap_self);              /* our text */
    CHECK((e & PM_PRESENT) && (e & PM_FILE));
    int fd = open("/proc/self/pagemap", O_RDONLY);
    unsigned long long buf[4];
    CHECK(fd >= 0);
    CHECK(lseek(fd, 0, SEEK_END) == -1 && errno == EINVAL);
    CHECK(lseek(fd, 4, SEEK_SET) == 4 && read(fd, buf, 8) == -1 && errno == EINVAL);
    CHECK(lseek(fd, 0xC0000 * 8 - 8, SEEK_SET) == 0xC0000 * 8 - 8);
    CHECK(read(fd, buf, sizeof buf) == 8);                  /* the last user page */
    CHECK(read(fd, buf, sizeof buf) == 0);                  /* the kernel: not shown */
    close(fd);
}

static void pagemap_fork_shares(void)
{
    volatile char *p = bss_page;
    p[0] = 1;
    unsigned long long mine = entry_of(0, (uintptr_t)p) & PM_PFN;
    pid_t pid = fork();
    if (pid == 0) {
        unsigned long long child = entry_of(0, (uintptr_t)p) & PM_PFN;
        unsigned long long parent = entry_of(getppid(), (uintptr_t)p) & PM_PFN;
        if (child != mine || parent != mine)
            _exit(1);
        p[0] = 2;                                           /* copy-on-write */
        child = entry_of(0, (uintptr_t)p) & PM_PFN;
        _exit(child == mine || child == 0 ? 2 : 0);
    }
    int status;
    CHECK(waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static void snapshot_outlives_process(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        sleep(1);
        _exit(0);
    }
    char path[64], want[32];
    snprintf(path, sizeof path, "/proc/%d/status", pid);
    int st = open(path, O_RDONLY);
    snprintf(path, sizeof path, "/proc/%d/pagemap", pid);
    int pm = open(path, O_RDONLY);
    CHECK(st >= 0 && pm >= 0);
    int status;
    CHECK(waitpid(pid, &status, 0) == pid);
    ssize_t n = read(st, text, sizeof text - 1);
    CHECK(n > 0);
    text[n] = '\0';
    snprintf(want, sizeof want, "\nPid:\t%d\n", pid);
    CHECK(strstr(text, want) && strstr(text, "VmSize:"));
    unsigned long long e;
    CHECK(read(pm, &e, 8) == 0);                            /* gone: no entries */
    close(st);
    close(pm);
    snprintf(path, sizeof path, "/proc/%d/status", pid);
    CHECK(open(path, O_RDONLY) == -1 && errno == ENOENT);
}

static void zombie_status(void)
{
    pid_t pid = fork();
    if (pid == 0)
        _exit(3);
    sleep(1);                                               /* it exits, unreaped */
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/status", pid);
    read_text(path);
    CHECK(strstr(text, "State:\tZ (zombie)\n") && !strstr(text, "VmSize"));
    snprintf(path, sizeof path, "/proc/%d/maps", pid);
    CHECK(procfile_read(path, text, sizeof text) == 0);
    int status;
    CHECK(waitpid(pid, &status, 0) == pid && WEXITSTATUS(status) == 3);
}

static void small_reads_one_snapshot(void)
{
    static char whole[2048], pieces[2048];
    int fd = open("/proc/self/status", O_RDONLY);
    CHECK(fd >= 0);
    size_t len = 0;
    ssize_t n;
    while ((n = read(fd, pieces + len, 7)) > 0)
        len += n;
    CHECK(n == 0 && len > 0);
    CHECK(lseek(fd, 0, SEEK_SET) == 0);
    CHECK(read(fd, whole, sizeof whole) == (ssize_t)len && memcmp(whole, pieces, len) == 0);
    CHECK(lseek(fd, 5, SEEK_SET) == 5 && lseek(fd, 2, SEEK_CUR) == 7);
    CHECK(read(fd, whole, 1) == 1 && whole[0] == pieces[7]);
    struct stat st;
    CHECK(fstat64(fd, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0777) == 0444);
    CHECK(st.st_size == 0);
    close(fd);
}

static void listing_one_at_a_time(void)
{
    long long buf[4];                       /* 32 bytes: one record per call */
    char want[16], seen[512] = "";
    int fd = open("/proc", O_RDONLY | O_DIRECTORY), n;
    CHECK(fd >= 0);
    while ((n = getdents64(fd, buf, sizeof buf)) > 0) {
        struct dirent64 *d = (struct dirent64 *)buf;
        CHECK(d->d_reclen == n);
        strcat(seen, d->d_name);
        strcat(seen, " ");
    }
    CHECK(n == 0);
    close(fd);
    CHECK(strncmp(seen, ". .. meminfo vmstat self ", 25) == 0);
    snprintf(want, sizeof want, " %d ", getpid());
    CHECK(strstr(seen, want));
    snprintf(want, sizeof want, " %d ", getppid());
    CHECK(strstr(seen, want));
}

static void bad_names(void)
{
    CHECK(open("/proc/0", O_RDONLY) == -1 && errno == ENOENT);
    CHECK(open("/proc/01", O_RDONLY) == -1 && errno == ENOENT);
    CHECK(open("/proc/abc", O_RDONLY) == -1 && errno == ENOENT);
    CHECK(open("/proc/999999/status", O_RDONLY) == -1 && errno == ENOENT);
    CHECK(open("/proc/self/nothing", O_RDONLY) == -1 && errno == ENOENT);
    CHECK(open("/proc/meminfo", O_WRONLY) == -1);
    CHECK(open("/proc/meminfo/x", O_RDONLY) == -1 && errno == ENOTDIR);
    char path[32];
    snprintf(path, sizeof path, "/proc/%d/../self/status", getpid());
    int fd = open(path, O_RDONLY);
    CHECK(fd >= 0);
    close(fd);
}

static void no_leak(void)
{
    static const char *const files[] = { "/proc/meminfo", "/proc/vmstat", "/proc/self/maps",
                                         "/proc/self/status", "/proc/self/pagemap" };
    for (int round = 0; round < 2; round++) {
        unsigned long before = free_pages();
        for (int i = 0; i < 100; i++)
            for (unsigned k = 0; k < sizeof files / sizeof files[0]; k++) {
                int fd = open(files[k], O_RDONLY);
                CHECK(fd >= 0);
                CHECK(read(fd, text, 512) > 0);
                close(fd);
            }
        if (round == 1)
            CHECK(free_pages() == before);
    }
}

static const struct t_case cases[] = {
    { "meminfo_format", meminfo_format },
    { "status_self", status_self },
    { "maps_self", maps_self },
    { "pagemap_self", pagemap_self },
    { "pagemap_fork_shares", pagemap_fork_shares },
    { "snapshot_outlives_process", snapshot_outlives_process },
    { "zombie_status", zombie_status },
    { "small_reads_one_snapshot", small_reads_one_snapshot },
    { "listing_one_at_a_time", listing_one_at_a_time },
    { "bad_names", bad_names },
    { "no_leak", no_leak },
};
T_MAIN("t_procfs", cases)
