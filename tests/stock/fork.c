/* fork.c: processes as glibc makes them: fork (clone with glibc's flags),
 * waitpid and the wait status (exit codes; deaths by signal: abort() is
 * SIGABRT, raise(SIGTERM), a signal ignored by default), clone's
 * thread-id options and the flag sets it refuses, gettid, tgkill. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"

/* Runs fn in a forked child and returns its wait status (-1 if fork or
 * waitpid failed). */
static int in_child(void (*fn)(void))
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        fn();
        _exit(99);
    }
    int status;
    if (waitpid(pid, &status, 0) != pid)
        return -1;
    return status;
}

static void exit_42(void) { exit(42); }
static void do_abort(void) { abort(); }
static void do_raise_term(void) { raise(SIGTERM); }
static void chld_then_exit(void) { kill(getpid(), SIGCHLD); raise(SIGURG); _exit(3); }

static int cow_value = 1;
static void write_then_exit(void) { cow_value = 2; _exit(cow_value == 2 ? 0 : 1); }

/* CLONE_CHILD_SETTID with fork's flags: the child finds its tid in its
 * own copy of the word; the parent's copy is untouched. */
static int child_tid_word;
static void check_child_tid(void)
{
    _exit(child_tid_word == getpid() ? 0 : 1);
}

static void test_fork_and_wait(void)
{
    int st = in_child(exit_42);
    CHECK("fork: exit(42) gives WEXITSTATUS 42", WIFEXITED(st) && WEXITSTATUS(st) == 42);
    st = in_child(write_then_exit);
    CHECK("fork: the child's store stays in the child", st == 0 && cow_value == 1);
    pid_t pid = fork();
    if (pid == 0)
        _exit(getppid() > 0 ? 5 : 6);
    int status;
    CHECK("waitpid(-1) reaps the child", waitpid(-1, &status, 0) == pid && WEXITSTATUS(status) == 5);
    errno = 0;
    CHECK("waitpid with no child: ECHILD", waitpid(-1, &status, 0) == -1 && errno == ECHILD);
}

static void test_signals(void)
{
    int st = in_child(do_abort);
    CHECK("abort(): killed by SIGABRT", WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT);
    printf("  abort: wait status 0x%x\n", st);
    st = in_child(do_raise_term);
    CHECK("raise(SIGTERM): killed by SIGTERM", WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM);
    printf("  raise(SIGTERM): wait status 0x%x\n", st);
    st = in_child(chld_then_exit);
    CHECK("SIGCHLD and SIGURG are ignored by default", WIFEXITED(st) && WEXITSTATUS(st) == 3);
    pid_t pid = fork();
    if (pid == 0) {
        for (;;)
            sched_yield();
    }
    CHECK("kill(pid, 0) finds a live child", kill(pid, 0) == 0);
    CHECK("kill(pid, SIGKILL)", kill(pid, SIGKILL) == 0);
    CHECK("the child dies of SIGKILL",
          waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
    printf("  SIGKILL: wait status 0x%x\n", st);
}

static void test_thread_ids(void)
{
    CHECK("gettid() == getpid()", gettid() == getpid());
    CHECK("set_tid_address returns the tid", syscall(SYS_set_tid_address, &child_tid_word) == getpid());
    errno = 0;
    CHECK("tgkill: another group's thread: ESRCH",
          syscall(SYS_tgkill, getpid(), getpid() + 1000, 0) == -1 && errno == ESRCH);
    errno = 0;
    CHECK("tgkill: tid 0: EINVAL", syscall(SYS_tgkill, getpid(), 0, 0) == -1 && errno == EINVAL);
    errno = 0;
    CHECK("tkill: tid -1: EINVAL", syscall(SYS_tkill, -1, SIGTERM) == -1 && errno == EINVAL);
    CHECK("tkill(self, 0)", syscall(SYS_tkill, gettid(), 0) == 0);
    CHECK("tgkill(self, self, 0)", syscall(SYS_tgkill, getpid(), gettid(), 0) == 0);
}

static void test_clone_flags(void)
{
    errno = 0;
    CHECK("clone: CLONE_THREAD without CLONE_SIGHAND: EINVAL",
          syscall(SYS_clone, CLONE_THREAD | SIGCHLD, 0, 0, 0, 0) == -1 && errno == EINVAL);
    errno = 0;
    CHECK("clone: CLONE_SIGHAND without CLONE_VM: EINVAL",
          syscall(SYS_clone, CLONE_SIGHAND | SIGCHLD, 0, 0, 0, 0) == -1 && errno == EINVAL);
    errno = 0;
    CHECK("clone: CLONE_NEWNS with CLONE_FS: EINVAL",
          syscall(SYS_clone, CLONE_NEWNS | CLONE_FS | SIGCHLD, 0, 0, 0, 0) == -1 && errno == EINVAL);

    child_tid_word = 0;
    fflush(stdout);
    long pid = syscall(SYS_clone, CLONE_CHILD_SETTID | SIGCHLD, 0, 0, 0, &child_tid_word);
    if (pid == 0)
        check_child_tid();
    int st = -1;
    CHECK("clone: a fork-like child", pid > 0 && waitpid(pid, &st, 0) == pid);
    CHECK("clone: CLONE_CHILD_SETTID in the child's memory", st == 0);
    CHECK("clone: CLONE_CHILD_SETTID leaves the parent's word", child_tid_word == 0);
}

int main(void)
{
    test_fork_and_wait();
    test_signals();
    test_thread_ids();
    test_clone_flags();
    return check_done("fork");
}
