/* t_calls: the process attributes that fork passes on and exec keeps or
 * drops, with the project's own C library (no clone needed): the working
 * directory and relative paths, process groups and sessions, the umask,
 * resource limits applied by brk, mmap and stack growth, page-fault and
 * child usage counts, close-on-exec, /proc/PID/exe, the clocks, the
 * terminal's answers and poll's timeout. */
#include "t_common.h"
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>

#define MiB (1024 * 1024)

/* Forks fn; returns its wait status. */
static int in_child(void (*fn)(void))
{
    pid_t c = fork();
    if (c == 0) {
        fn();
        exit(0);
    }
    int status = -1;
    waitpid(c, &status, 0);
    return status;
}

static void cwd_child(void)
{
    char dir[64];
    CHECK(getcwd(dir, sizeof dir) && strcmp(dir, "/proc") == 0);
}

static void working_directory(void)
{
    char dir[64];
    CHECK(getcwd(dir, sizeof dir) && strcmp(dir, "/") == 0);
    CHECK(chdir("proc") == 0 && getcwd(dir, sizeof dir) && strcmp(dir, "/proc") == 0);
    int fd = open("meminfo", O_RDONLY);             /* relative to /proc */
    CHECK(fd >= 0);
    close(fd);
    CHECK(access("self/maps", R_OK) == 0);
    CHECK(in_child(cwd_child) == 0);                /* fork inherits it */
    CHECK(chdir("../tests/../proc/./self") == 0 && getcwd(dir, sizeof dir));
    char want[32];
    snprintf(want, sizeof want, "/proc/%d", getpid());
    CHECK(strcmp(dir, want) == 0);                  /* canonical: self is the pid */
    errno = 0;
    CHECK(chdir("/proc/meminfo") == -1 && errno == ENOTDIR);
    CHECK(getcwd(dir, 2) == NULL && errno == ERANGE);
    int root = open("/", O_RDONLY | O_DIRECTORY);
    CHECK(fchdir(root) == 0 && getcwd(dir, sizeof dir) && strcmp(dir, "/") == 0);
    struct stat st;
    CHECK(fstatat64(root, "tests/t_calls", &st, 0) == 0 && S_ISREG(st.st_mode));
    fd = openat(root, "proc/self/maps", O_RDONLY);
    CHECK(fd >= 0);
}

static void session_child(void)
{
    pid_t me = getpid();
    CHECK(getpgrp() == getpgid(0) && getpgrp() != me);
    CHECK(setsid() == me && getsid(0) == me && getpgrp() == me);
    errno = 0;
    CHECK(setsid() == -1 && errno == EPERM);
    pid_t pg;
    errno = 0;
    CHECK(ioctl(0, TIOCGPGRP, &pg) == -1 && errno == ENOTTY);   /* no terminal now */
}

static void sleeper(void)
{
    struct timespec t = { 0, 200000000 };
    nanosleep(&t, NULL);
    CHECK(getpgrp() == getpid());
}

static void groups_and_sessions(void)
{
    pid_t pg;
    CHECK(getuid() == 0 && geteuid() == 0 && getgid() == 0 && getegid() == 0);
    CHECK(ioctl(0, TIOCGPGRP, &pg) == 0 && pg == getpgrp());    /* the foreground */
    CHECK(in_child(session_child) == 0);
    pid_t c = fork();
    if (c == 0) {
        sleeper();
        exit(0);
    }
    CHECK(getpgid(c) == getpgrp());
    CHECK(setpgid(c, c) == 0 && getpgid(c) == c);
    int status;
    CHECK(waitpid(c, &status, 0) == c && status == 0);
    errno = 0;
    CHECK(getpgid(c) == -1 && errno == ESRCH);
    CHECK(umask(077) == 022 && umask(022) == 077);
}

static void as_child(void)
{
    struct rlimit r = { 16 * MiB, RLIM_INFINITY };
    CHECK(setrlimit(RLIMIT_AS, &r) == 0);
    errno = 0;
    void *p = mmap(0, 32 * MiB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p == MAP_FAILED && errno == ENOMEM);
    p = mmap(0, 1 * MiB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    CHECK(sbrk(32 * MiB) == (void *)-1);
}

static void data_child(void)
{
    struct rlimit r = { 4 * MiB, RLIM_INFINITY };
    CHECK(setrlimit(RLIMIT_DATA, &r) == 0);
    void *start = sbrk(0);
    CHECK(sbrk(8 * MiB) == (void *)-1 && sbrk(0) == start);
    CHECK(sbrk(1 * MiB) == start);
}

static int recurse(int depth)
{
    volatile char page[1024];
    page[0] = (char)depth;
    return depth == 0 ? 0 : recurse(depth - 1) + page[0];
}

static void stack_child(void)
{
    struct rlimit r = { 1 * MiB, RLIM_INFINITY };
    CHECK(setrlimit(RLIMIT_STACK, &r) == 0);
    recurse(2048);                      /* 2 MiB: must die */
    exit(3);
}

static void limits(void)
{
    CHECK(in_child(as_child) == 0);
    CHECK(in_child(data_child) == 0);
    int st = in_child(stack_child);
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
    struct rlimit r;
    CHECK(getrlimit(RLIMIT_STACK, &r) == 0 && r.rlim_cur == 8 * MiB && r.rlim_max == RLIM_INFINITY);
    CHECK(getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur == 32);
}

static void toucher(void)
{
    char *p = mmap(0, 100 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (int i = 0; i < 100; i++)
        p[i * 4096] = 1;
}

static void usage(void)
{
    struct rusage a, b, w;
    getrusage(RUSAGE_SELF, &a);
    toucher();
    getrusage(RUSAGE_SELF, &b);
    CHECK(b.ru_minflt - a.ru_minflt >= 100 && b.ru_minflt - a.ru_minflt < 110);
    CHECK(b.ru_majflt == a.ru_majflt);
    getrusage(RUSAGE_CHILDREN, &a);
    pid_t c = fork();
    if (c == 0) {
        toucher();
        exit(0);
    }
    int status;
    CHECK(wait4(c, &status, 0, &w) == c && w.ru_minflt >= 100);
    getrusage(RUSAGE_CHILDREN, &b);
    CHECK(b.ru_minflt - a.ru_minflt >= 100);
    struct tms t;
    CHECK(times(&t) > 0);
}

/* Run by exec: argv holds the descriptors that must be open and closed. */
static int after_exec(int kept, int gone)
{
    char path[64];
    ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
    int ok = n > 0 && (path[n] = '\0', strcmp(path, "/tests/t_calls") == 0) &&
             fcntl(kept, F_GETFD) == 0 && fcntl(gone, F_GETFD) == -1 && errno == EBADF;
    return ok ? 0 : 1;
}

static void close_on_exec(void)
{
    int kept = open("/tests/t_calls", O_RDONLY);
    int gone = open("/tests/t_calls", O_RDONLY | O_CLOEXEC);
    CHECK(fcntl(gone, F_GETFD) == FD_CLOEXEC && fcntl(kept, F_GETFD) == 0);
    CHECK(dup2(kept, 20) == 20 && fcntl(20, F_GETFD) == 0);
    char a[8], b[8];
    snprintf(a, sizeof a, "%d", kept);
    snprintf(b, sizeof b, "%d", gone);
    pid_t c = fork();
    if (c == 0) {
        char *argv[] = { "t_calls", "after-exec", a, b, NULL };
        chdir("/tests");
        execve("t_calls", argv, NULL);  /* relative to the working directory */
        exit(99);
    }
    int status;
    CHECK(waitpid(c, &status, 0) == c && status == 0);
}

static void clocks(void)
{
    struct timespec a, b, r;
    CHECK(clock_getres(CLOCK_MONOTONIC, &r) == 0 && r.tv_sec == 0 && r.tv_nsec < 1000000);
    clock_gettime(CLOCK_MONOTONIC, &a);
    do
        clock_gettime(CLOCK_MONOTONIC, &b);
    while (b.tv_nsec == a.tv_nsec && b.tv_sec == a.tv_sec);
    long step = (b.tv_sec - a.tv_sec) * 1000000000L + b.tv_nsec - a.tv_nsec;
    CHECK(step > 0 && step < 1000000);           /* finer than the 10 ms tick */
    struct timespec req = { 0, 30000000 };
    clock_gettime(CLOCK_MONOTONIC, &a);
    CHECK(nanosleep(&req, NULL) == 0);
    clock_gettime(CLOCK_MONOTONIC, &b);
    CHECK((b.tv_sec - a.tv_sec) * 1000000000L + b.tv_nsec - a.tv_nsec >= 30000000);
    struct timeval tv;
    CHECK(gettimeofday(&tv, NULL) == 0 && tv.tv_sec > 1577836800 && time(NULL) - tv.tv_sec <= 1);
}

static void terminal(void)
{
    CHECK(isatty(0) && isatty(1));
    int fd = open("/tests/t_calls", O_RDONLY);
    errno = 0;
    CHECK(!isatty(fd) && errno == ENOTTY);
    struct pollfd p = { 0, POLLIN, 0 };
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    CHECK(poll(&p, 1, 50) == 0);                 /* nobody types */
    clock_gettime(CLOCK_MONOTONIC, &b);
    CHECK((b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000 >= 50);
}

static const struct t_case cases[] = {
    { "working directory: chdir, getcwd, relative and *at paths, fork", working_directory },
    { "ids, process groups, sessions, the terminal's group, umask", groups_and_sessions },
    { "RLIMIT_AS, RLIMIT_DATA, RLIMIT_STACK applied", limits },
    { "getrusage: minor faults, wait4's and the children's", usage },
    { "O_CLOEXEC across a relative execve; /proc/self/exe", close_on_exec },
    { "clocks finer than a tick, nanosleep, gettimeofday", clocks },
    { "isatty, poll's timeout on the terminal", terminal },
};

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "after-exec") == 0)
        return after_exec(atoi(argv[2]), atoi(argv[3]));
    return t_run_all("t_calls", cases, (int)(sizeof cases / sizeof cases[0]));
}
