/* sighandler.c: handlers and masks. A blocked signal stays pending and
 * is delivered when unblocked; SA_RESETHAND runs a handler once;
 * SA_NODEFER lets a handler be interrupted by its own signal; handlers
 * nest; sa_mask blocks others while one runs; a handler without
 * SA_SIGINFO runs on the old frame (glibc's __restore, sigreturn 119);
 * sigsuspend waits with a temporary mask; sigaction's checks and errors;
 * SIG_IGN drops a signal; /proc/self/status shows the sets; a read of an
 * empty pipe is interrupted (EINTR) or restarted (SA_RESTART). */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

static volatile int count, depth, max_depth, order[8], norder;
static volatile int inner_seen_blocked;

static void counter(int sig)
{
    (void)sig;
    count++;
}

static void set_handler(int sig, void (*fn)(int), int flags, const sigset_t *mask)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fn;
    sa.sa_flags = flags;
    if (mask)
        sa.sa_mask = *mask;
    else
        sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

static void blocked_stays_pending(void)
{
    sigset_t set, old, pend;
    set_handler(SIGUSR1, counter, 0, NULL);
    count = 0;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, &old);
    raise(SIGUSR1);
    raise(SIGUSR1);                     /* merged with the first */
    CHECK("a blocked signal is not delivered", count == 0);
    sigpending(&pend);
    CHECK("sigpending shows it", sigismember(&pend, SIGUSR1) == 1);
    sigprocmask(SIG_SETMASK, &old, NULL);
    CHECK("delivered once when unblocked", count == 1);
    sigpending(&pend);
    CHECK("no longer pending", sigismember(&pend, SIGUSR1) == 0);
}

static void resethand(void)
{
    struct sigaction sa;
    set_handler(SIGUSR1, counter, SA_RESETHAND, NULL);
    count = 0;
    raise(SIGUSR1);
    CHECK("SA_RESETHAND: the handler ran", count == 1);
    sigaction(SIGUSR1, NULL, &sa);
    CHECK("SA_RESETHAND: the action is SIG_DFL again", sa.sa_handler == SIG_DFL);
}

static volatile int raises;

/* Raises its own signal until it has done so twice in all. */
static void nodefer_handler(int sig)
{
    depth++;
    if (depth > max_depth)
        max_depth = depth;
    if (raises < 2) {
        raises++;
        raise(sig);
    }
    depth--;
}

static void nodefer(void)
{
    depth = max_depth = raises = 0;
    set_handler(SIGUSR2, nodefer_handler, SA_NODEFER, NULL);
    raise(SIGUSR2);
    CHECK("SA_NODEFER: the handler interrupted itself twice", max_depth == 3);
    depth = max_depth = raises = 0;
    set_handler(SIGUSR2, nodefer_handler, 0, NULL);
    raise(SIGUSR2);
    CHECK("without SA_NODEFER: the signal waits for the handler to return",
          max_depth == 1 && raises == 2);
}

static void inner(int sig)
{
    (void)sig;
    order[norder++] = 2;
}

static void outer(int sig)
{
    (void)sig;
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    inner_seen_blocked = sigismember(&now, SIGUSR1) && sigismember(&now, SIGTERM);
    order[norder++] = 1;
    raise(SIGUSR2);                     /* handled inside this handler */
    order[norder++] = 3;
}

static void nested(void)
{
    sigset_t mask;
    norder = 0;
    sigemptyset(&mask);
    sigaddset(&mask, SIGTERM);
    set_handler(SIGUSR1, outer, 0, &mask);
    set_handler(SIGUSR2, inner, 0, NULL);
    raise(SIGUSR1);
    CHECK("nested handlers ran in order", norder == 3 && order[0] == 1 && order[1] == 2 &&
          order[2] == 3);
    CHECK("inside a handler: its signal and sa_mask are blocked", inner_seen_blocked);
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    CHECK("after the handlers: the mask is back", !sigismember(&now, SIGUSR1) &&
          !sigismember(&now, SIGTERM));
}

static volatile int old_style_sig;

static void old_style(int sig)
{
    old_style_sig = sig;
}

static void without_siginfo(void)
{
    /* signal() installs a handler without SA_SIGINFO: the kernel builds
     * the old frame and glibc's __restore calls sigreturn (119). */
    old_style_sig = 0;
    signal(SIGUSR2, old_style);
    volatile uint64_t keep = 0x0123456789abcdefull;
    raise(SIGUSR2);
    CHECK("a handler without SA_SIGINFO gets its signal number", old_style_sig == SIGUSR2);
    CHECK("registers and stack survive the old frame", keep == 0x0123456789abcdefull);
}

static void suspend(void)
{
    sigset_t block, wait_mask;
    set_handler(SIGALRM, counter, 0, NULL);
    count = 0;
    sigemptyset(&block);
    sigaddset(&block, SIGALRM);
    sigprocmask(SIG_BLOCK, &block, NULL);
    alarm(1);
    sigemptyset(&wait_mask);
    int r = sigsuspend(&wait_mask);
    CHECK("sigsuspend returns -1 EINTR after the handler", r == -1 && errno == EINTR &&
          count == 1);
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    CHECK("sigsuspend put the old mask back", sigismember(&now, SIGALRM) == 1);
    sigprocmask(SIG_UNBLOCK, &block, NULL);
}

static void errors(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = counter;
    errno = 0;
    CHECK("sigaction(SIGKILL) is EINVAL", sigaction(SIGKILL, &sa, NULL) == -1 && errno == EINVAL);
    errno = 0;
    CHECK("sigaction(SIGSTOP) is EINVAL", sigaction(SIGSTOP, &sa, NULL) == -1 && errno == EINVAL);
    errno = 0;
    CHECK("sigaction(65) is EINVAL", sigaction(65, &sa, NULL) == -1 && errno == EINVAL);
    CHECK("sigaction(SIGKILL) may be read", sigaction(SIGKILL, NULL, &sa) == 0 &&
          sa.sa_handler == SIG_DFL);
    sigset_t all, now;
    sigfillset(&all);
    sigprocmask(SIG_SETMASK, &all, NULL);
    sigprocmask(SIG_SETMASK, NULL, &now);
    CHECK("SIGKILL and SIGSTOP cannot be blocked", !sigismember(&now, SIGKILL) &&
          !sigismember(&now, SIGSTOP) && sigismember(&now, SIGUSR1));
    sigemptyset(&all);
    sigprocmask(SIG_SETMASK, &all, NULL);
    errno = 0;
    CHECK("sigprocmask with a bad how is EINVAL", sigprocmask(7, &all, NULL) == -1 &&
          errno == EINVAL);
    errno = 0;
    CHECK("kill with signal 65 is EINVAL", kill(getpid(), 65) == -1 && errno == EINVAL);
    CHECK("kill with signal 0 checks the process", kill(getpid(), 0) == 0);
}

static void ignore(void)
{
    sigset_t set, pend;
    signal(SIGUSR1, SIG_IGN);
    raise(SIGUSR1);
    CHECK("an ignored signal does nothing", 1);
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    raise(SIGUSR1);
    sigpending(&pend);
    CHECK("an ignored but blocked signal stays pending", sigismember(&pend, SIGUSR1) == 1);
    signal(SIGUSR1, SIG_IGN);           /* setting SIG_IGN again drops it */
    sigpending(&pend);
    CHECK("setting SIG_IGN drops the pending one", sigismember(&pend, SIGUSR1) == 0);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}

/* The hexadecimal set after key in /proc/self/status, or ~0 if none.
 * (open(2) itself: glibc's open() may use openat.) */
static unsigned long long status_set(const char *key)
{
    static char buf[4096];
    int fd = (int)syscall(SYS_open, "/proc/self/status", O_RDONLY);
    if (fd < 0)
        return ~0ull;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    buf[n > 0 ? n : 0] = 0;
    char *line = strstr(buf, key);
    return line ? strtoull(line + strlen(key), NULL, 16) : ~0ull;
}

static void proc_status(void)
{
    sigset_t set;
    signal(SIGUSR2, counter);
    signal(SIGHUP, SIG_IGN);
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigprocmask(SIG_BLOCK, &set, NULL);
    raise(SIGTERM);
    CHECK("SigBlk shows SIGINT and SIGTERM", status_set("SigBlk:") == ((1ull << 1) | (1ull << 14)));
    CHECK("SigPnd shows SIGTERM", status_set("SigPnd:") == (1ull << 14));
    /* The host's run may inherit other ignored signals: the exact set is
     * a line the QEMU test checks. */
    unsigned long long ign = status_set("SigIgn:"), want = (1ull << 0) | (1ull << 9);
    CHECK("SigIgn shows SIGHUP and SIGUSR1", ign != ~0ull && (ign & want) == want);
    printf("# SigIgn %016llx\n", ign);
    unsigned long long cgt = status_set("SigCgt:");
    CHECK("SigCgt shows SIGUSR2, SIGALRM", cgt != ~0ull && (cgt & (1ull << 11)) &&
          (cgt & (1ull << 13)));
    signal(SIGTERM, SIG_IGN);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}

static int pipe_fds[2];
static volatile int ticks;

static void tick_writes(int sig)
{
    (void)sig;
    if (++ticks == 2)
        write(pipe_fds[1], "x", 1);     /* the restarted read gets it */
}

/* A read of an empty pipe, interrupted: EINTR without SA_RESTART; with it,
 * the read goes on after each handler until the data comes. */
static void pipe_read_interrupted(void)
{
    char c = 0;
    CHECK("pipe", pipe(pipe_fds) == 0);
    set_handler(SIGALRM, tick_writes, 0, NULL);
    ticks = 0;
    struct itimerval it = { { 0, 0 }, { 0, 200000 } };
    setitimer(ITIMER_REAL, &it, NULL);
    errno = 0;
    ssize_t n = read(pipe_fds[0], &c, 1);
    CHECK("read of an empty pipe: EINTR after the handler", n == -1 && errno == EINTR &&
          ticks == 1);
    set_handler(SIGALRM, tick_writes, SA_RESTART, NULL);
    ticks = 0;
    struct itimerval every = { { 0, 200000 }, { 0, 200000 } }, off = { { 0, 0 }, { 0, 0 } };
    setitimer(ITIMER_REAL, &every, NULL);
    n = read(pipe_fds[0], &c, 1);
    setitimer(ITIMER_REAL, &off, NULL);
    CHECK("with SA_RESTART: restarted until the handler wrote", n == 1 && c == 'x' &&
          ticks >= 2);
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    signal(SIGALRM, SIG_DFL);
}

/* sigwaitinfo and sigtimedwait take a blocked signal without a handler. */
static void wait_for_blocked(void)
{
    sigset_t set;
    siginfo_t si;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    signal(SIGUSR1, counter);
    count = 0;
    raise(SIGUSR1);
    memset(&si, 0, sizeof si);
    int sig = sigwaitinfo(&set, &si);
    CHECK("sigwaitinfo takes the pending signal", sig == SIGUSR1 && si.si_signo == SIGUSR1 &&
          count == 0);
    /* raise() is tgkill, whose SI_TKILL glibc's sigwaitinfo folds into SI_USER. */
    CHECK("raise's siginfo: SI_USER from this process", si.si_code == SI_USER &&
          si.si_pid == getpid());
    struct timespec zero = { 0, 0 };
    errno = 0;
    CHECK("sigtimedwait with nothing pending: EAGAIN", sigtimedwait(&set, &si, &zero) == -1 &&
          errno == EAGAIN);
    struct timespec short_wait = { 0, 100000000 };
    errno = 0;
    CHECK("sigtimedwait times out: EAGAIN", sigtimedwait(&set, &si, &short_wait) == -1 &&
          errno == EAGAIN);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    signal(SIGUSR1, SIG_DFL);
}

/* The old calls, which glibc no longer makes: sigaction (67)
 * with its one-word mask and no restorer (the kernel's own trampoline in
 * the frame, then sigreturn 119), sigprocmask (126), sigpending (73). */
struct old_sigaction {
    void (*handler)(int);
    unsigned long mask, flags;
    void (*restorer)(void);
};

static void old_calls(void)
{
    struct old_sigaction osa = { counter, 0, 0, 0 }, prev;
    count = 0;
    CHECK("sigaction(67)", syscall(SYS_sigaction, SIGUSR2, &osa, &prev) == 0);
    volatile int keep = 12345;
    raise(SIGUSR2);
    CHECK("its handler returned through the frame's own trampoline", count == 1 &&
          keep == 12345);
    syscall(SYS_sigaction, SIGUSR2, NULL, &prev);
    CHECK("sigaction(67) reads the action back", prev.handler == counter && prev.mask == 0);

    unsigned long mask = 1ul << (SIGUSR2 - 1), oldmask = 0, pend = 0;
    CHECK("sigprocmask(126) blocks", syscall(SYS_sigprocmask, SIG_BLOCK, &mask, &oldmask) == 0);
    raise(SIGUSR2);
    CHECK("sigpending(73) shows the blocked one", syscall(SYS_sigpending, &pend) == 0 &&
          (pend & mask) && count == 1);
    syscall(SYS_sigprocmask, SIG_SETMASK, &oldmask, NULL);
    CHECK("delivered when unblocked", count == 2);
    signal(SIGUSR2, SIG_DFL);
}

/* Whoever started us may have left signals ignored (a shell's background
 * job ignores SIGINT and SIGQUIT): start from the default actions. */
static void default_actions(void)
{
    for (int sig = 1; sig < 32; sig++)
        if (sig != SIGKILL && sig != SIGSTOP)
            signal(sig, SIG_DFL);
}

int main(void)
{
    default_actions();
    blocked_stays_pending();
    resethand();
    nodefer();
    nested();
    without_siginfo();
    suspend();
    errors();
    ignore();
    proc_status();
    pipe_read_interrupted();
    wait_for_blocked();
    old_calls();
    return check_done("sighandler");
}
