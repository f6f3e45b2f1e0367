/* sigproc.c: signals between processes and from time. A sleeping system
 * call interrupted by a handled signal fails with EINTR, or is made again
 * with SA_RESTART (wait4), but nanosleep is never restarted and says how
 * much time was left; pause waits for a handler; alarm interrupts a busy
 * loop; setitimer repeats; kill reaches another process; SIGCHLD tells
 * the parent how a child ended; with SIGCHLD ignored, children leave no
 * zombies; default actions end a process with the right wait status. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

static volatile int alarms, usr1, chld, chld_code, chld_status, chld_pid;

static void on_alarm(int sig) { (void)sig; alarms++; }
static void on_usr1(int sig) { (void)sig; usr1++; }

static void on_chld(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)uc;
    chld++;
    chld_code = si->si_code;
    chld_status = si->si_status;
    chld_pid = si->si_pid;
}

/* nanosleep(2) itself, system call 162: glibc's nanosleep() goes through
 * clock_nanosleep, a different call. */
static int sys_nanosleep(const struct timespec *req, struct timespec *rem)
{
    return (int)syscall(SYS_nanosleep, req, rem);
}

static void set_handler(int sig, void (*fn)(int), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fn;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

/* A child that sleeps for ms milliseconds, then exits with code. */
static pid_t sleeper(int ms, int code)
{
    pid_t pid = fork();
    if (pid == 0) {
        struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
        sys_nanosleep(&ts, NULL);
        _exit(code);
    }
    return pid;
}

static void wait4_eintr_and_restart(void)
{
    int status = 0;
    set_handler(SIGALRM, on_alarm, 0);
    alarms = 0;
    pid_t pid = sleeper(2500, 3);
    CHECK("fork", pid > 0);
    alarm(1);
    errno = 0;
    pid_t r = wait4(pid, &status, 0, NULL);
    CHECK("wait4 interrupted by a handler: EINTR", r == -1 && errno == EINTR && alarms == 1);
    r = wait4(pid, &status, 0, NULL);
    CHECK("wait4 again gets the child", r == pid && WIFEXITED(status) && WEXITSTATUS(status) == 3);

    set_handler(SIGALRM, on_alarm, SA_RESTART);
    alarms = 0;
    pid = sleeper(2500, 4);
    alarm(1);
    r = wait4(pid, &status, 0, NULL);
    CHECK("wait4 with SA_RESTART: restarted, gets the child", r == pid && alarms == 1 &&
          WIFEXITED(status) && WEXITSTATUS(status) == 4);
}

static void nanosleep_remaining(void)
{
    set_handler(SIGALRM, on_alarm, SA_RESTART);     /* never restarts nanosleep */
    alarms = 0;
    alarm(1);
    struct timespec req = { 3, 0 }, rem = { 0, 0 };
    errno = 0;
    int r = sys_nanosleep(&req, &rem);
    CHECK("nanosleep interrupted: EINTR even with SA_RESTART", r == -1 && errno == EINTR &&
          alarms == 1);
    CHECK("nanosleep: some of the 3 s are left", rem.tv_sec <= 2 &&
          (rem.tv_sec > 0 || rem.tv_nsec > 0) && rem.tv_nsec >= 0 && rem.tv_nsec < 1000000000);
}

static void pause_for_alarm(void)
{
    set_handler(SIGALRM, on_alarm, SA_RESTART);
    alarms = 0;
    alarm(1);
    errno = 0;
    int r = pause();
    CHECK("pause returns EINTR after the handler, even with SA_RESTART",
          r == -1 && errno == EINTR && alarms == 1);
}

static void alarm_in_busy_loop(void)
{
    set_handler(SIGALRM, on_alarm, 0);
    alarms = 0;
    CHECK("alarm with none pending returns 0", alarm(1) == 0);
    unsigned left = alarm(1);
    CHECK("alarm returns the seconds left", left == 1);
    volatile unsigned long spins = 0;
    while (!alarms)
        spins++;
    CHECK("alarm interrupted a busy loop", alarms == 1 && spins > 0);
    CHECK("alarm(0) with none pending returns 0", alarm(0) == 0);
}

static void itimer_repeats(void)
{
    set_handler(SIGALRM, on_alarm, SA_RESTART);
    alarms = 0;
    struct itimerval it = { { 0, 50000 }, { 0, 50000 } }, cur, old;
    CHECK("setitimer ITIMER_REAL", setitimer(ITIMER_REAL, &it, NULL) == 0);
    CHECK("getitimer shows the interval", getitimer(ITIMER_REAL, &cur) == 0 &&
          cur.it_interval.tv_sec == 0 && cur.it_interval.tv_usec == 50000 &&
          cur.it_value.tv_usec <= 50000);
    while (alarms < 3)
        pause();
    struct itimerval off = { { 0, 0 }, { 0, 0 } };
    setitimer(ITIMER_REAL, &off, &old);
    CHECK("an interval timer fired three times", alarms == 3);
    CHECK("setitimer returns the old value", old.it_interval.tv_usec == 50000);
    getitimer(ITIMER_REAL, &cur);
    CHECK("disarmed", cur.it_value.tv_sec == 0 && cur.it_value.tv_usec == 0);
    errno = 0;
    it.it_value.tv_usec = 1000000;
    CHECK("setitimer with 1000000 usec is EINVAL", setitimer(ITIMER_REAL, &it, NULL) == -1 &&
          errno == EINVAL);
}

static void kill_between_processes(void)
{
    sigset_t block, none;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigprocmask(SIG_BLOCK, &block, NULL);   /* the child inherits the mask */
    set_handler(SIGUSR1, on_usr1, 0);
    pid_t pid = fork();
    if (pid == 0) {
        sigemptyset(&none);
        usr1 = 0;
        while (!usr1)
            sigsuspend(&none);
        _exit(usr1 == 1 ? 7 : 8);
    }
    sigprocmask(SIG_UNBLOCK, &block, NULL);
    CHECK("kill another process", kill(pid, SIGUSR1) == 0);
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK("its handler ran and it went on", WIFEXITED(status) && WEXITSTATUS(status) == 7);
    errno = 0;
    CHECK("kill a reaped process: ESRCH", kill(pid, SIGUSR1) == -1 && errno == ESRCH);

    pid = fork();
    if (pid == 0) {
        for (;;)
            pause();
    }
    kill(pid, SIGTERM);
    waitpid(pid, &status, 0);
    CHECK("SIGTERM's default action ends a process", WIFSIGNALED(status) &&
          WTERMSIG(status) == SIGTERM);
    printf("# SIGTERM core %d\n", WCOREDUMP(status) ? 1 : 0);
    pid = fork();
    if (pid == 0) {
        raise(SIGQUIT);
        _exit(0);
    }
    waitpid(pid, &status, 0);
    CHECK("SIGQUIT's default action ends a process", WIFSIGNALED(status) &&
          WTERMSIG(status) == SIGQUIT);
    printf("# SIGQUIT core %d\n", WCOREDUMP(status) ? 1 : 0);
}

/* exec keeps SIG_IGN and the mask and drops handlers. qemu-user cannot
 * exec an i386 program, so this is not a verdict line: the QEMU test
 * checks it. */
static void exec_keeps_ignored(const char *self)
{
    sigset_t block;
    int status = 0;
    sigemptyset(&block);
    sigaddset(&block, SIGWINCH);
    signal(SIGUSR1, on_usr1);
    pid_t pid = fork();
    if (pid == 0) {
        signal(SIGUSR2, SIG_IGN);
        sigprocmask(SIG_BLOCK, &block, NULL);
        execl(self, "sigproc", "child-exec", (char *)0);
        _exit(9);
    }
    waitpid(pid, &status, 0);
    printf("# exec: SIG_IGN and mask kept, handler reset: %s\n",
           WIFEXITED(status) && WEXITSTATUS(status) == 0 ? "yes" : "no");
}

/* Run after exec by kill_between_processes's child. */
static int child_after_exec(void)
{
    struct sigaction sa;
    sigset_t now;
    sigaction(SIGUSR2, NULL, &sa);
    int ok = sa.sa_handler == SIG_IGN;
    sigaction(SIGUSR1, NULL, &sa);
    ok = ok && sa.sa_handler == SIG_DFL;
    sigprocmask(SIG_BLOCK, NULL, &now);
    ok = ok && sigismember(&now, SIGWINCH) == 1;
    return ok ? 0 : 1;
}

static void sigchld_info(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_chld;
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGCHLD, &sa, NULL);
    chld = 0;
    pid_t pid = fork();
    if (pid == 0)
        _exit(42);
    int status;
    while (!chld)
        pause();
    CHECK("SIGCHLD at a child's exit", chld == 1 && chld_pid == pid);
    CHECK("SIGCHLD says CLD_EXITED and the status", chld_code == CLD_EXITED &&
          chld_status == 42);
    CHECK("the child is a zombie until waited for", waitpid(pid, &status, 0) == pid &&
          WEXITSTATUS(status) == 42);
    chld = 0;
    pid = fork();
    if (pid == 0) {
        kill(getpid(), SIGKILL);
        _exit(0);
    }
    while (!chld)
        pause();
    CHECK("SIGCHLD says CLD_KILLED and the signal", chld_code == CLD_KILLED &&
          chld_status == SIGKILL);
    waitpid(pid, &status, 0);
    signal(SIGCHLD, SIG_DFL);
}

/* The state letter of /proc/PID/status ('R', 'S', 'Z'), or 0 if there is
 * no such process. */
static char proc_state(pid_t pid)
{
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    int fd = (int)syscall(SYS_open, path, O_RDONLY);
    if (fd < 0)
        return 0;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    buf[n > 0 ? n : 0] = 0;
    char *st = strstr(buf, "State:");
    return st ? st[7] : '?';
}

/* Waits (up to 5 s, however slow the machine) until every pid of pids
 * has state want (0: gone); returns how many have not. */
static int wait_states(const pid_t *pids, int n, char want)
{
    struct timespec ts = { 0, 50000000 };
    int left = n;
    for (int tries = 0; tries < 100 && left; tries++) {
        sys_nanosleep(&ts, NULL);
        left = 0;
        for (int i = 0; i < n; i++)
            left += proc_state(pids[i]) != want;
    }
    return left;
}

static void sigchld_ignored_reaps(void)
{
    pid_t pids[3];
    signal(SIGCHLD, SIG_IGN);
    for (int i = 0; i < 3; i++) {
        pids[i] = fork();
        if (pids[i] == 0)
            _exit(i);
    }
    CHECK("SIGCHLD ignored: no zombies left", wait_states(pids, 3, 0) == 0);
    errno = 0;
    CHECK("SIGCHLD ignored: wait finds no child", waitpid(-1, NULL, 0) == -1 && errno == ECHILD);
    signal(SIGCHLD, SIG_DFL);
    pid_t pid = fork();
    if (pid == 0)
        _exit(0);
    CHECK("SIGCHLD default: the child stays a zombie", wait_states(&pid, 1, 'Z') == 0);
    waitpid(pid, NULL, 0);
}

/* Whoever started us may have left signals ignored (a shell's background
 * job ignores SIGINT and SIGQUIT): start from the default actions. */
static void default_actions(void)
{
    for (int sig = 1; sig < 32; sig++)
        if (sig != SIGKILL && sig != SIGSTOP)
            signal(sig, SIG_DFL);
}

/* kill() with 0 and -pgrp names a whole process group. */
static void kill_process_groups(void)
{
    pid_t a = fork();
    if (a == 0) {
        for (;;)
            pause();
    }
    pid_t b = fork();
    if (b == 0) {
        for (;;)
            pause();
    }
    CHECK("pgroup: two children in a group of their own",
          setpgid(a, a) == 0 && setpgid(b, a) == 0 && getpgid(b) == a);
    CHECK("pgroup: kill(-pgrp, SIGKILL)", kill(-a, SIGKILL) == 0);
    int sa = 0, sb = 0;
    CHECK("pgroup: both die of it", waitpid(a, &sa, 0) == a && waitpid(b, &sb, 0) == b &&
                                        WIFSIGNALED(sa) && WTERMSIG(sa) == SIGKILL &&
                                        WIFSIGNALED(sb) && WTERMSIG(sb) == SIGKILL);
    errno = 0;
    CHECK("pgroup: an empty group is ESRCH", kill(-a, SIGKILL) == -1 && errno == ESRCH);
    /* Signal 0 only asks: a real signal would reach whoever runs us. */
    CHECK("pgroup: kill(0, 0) finds our own group", kill(0, 0) == 0);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "child-exec") == 0)
        return child_after_exec();
    default_actions();
    wait4_eintr_and_restart();
    nanosleep_remaining();
    pause_for_alarm();
    alarm_in_busy_loop();
    itimer_repeats();
    kill_between_processes();
    exec_keeps_ignored(argv[0]);
    sigchld_info();
    sigchld_ignored_reaps();
    kill_process_groups();
    return check_done("sigproc");
}
