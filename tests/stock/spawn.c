/* spawn.c: starting programs: execve, execvp, posix_spawn, vfork + exec,
 * and vfork's sharing of memory, through glibc and through a raw clone
 * with CLONE_VM | CLONE_VFORK and the thread-id words. The program runs
 * itself again as the child ("spawn child N" exits with N). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"

extern char **environ;
static const char *self;

static int wait_for(pid_t pid)
{
    int st;
    return waitpid(pid, &st, 0) == pid ? st : -1;
}

static void test_execve(void)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        char *argv[] = { (char *)self, "child", "17", 0 };
        char *envp[] = { "SPAWN_VAR=yes", 0 };
        execve(self, argv, envp);
        _exit(100 + errno);
    }
    int st = wait_for(pid);
    CHECK("execve: the child runs the program with argv and envp",
          WIFEXITED(st) && WEXITSTATUS(st) == 17);
    errno = 0;
    char *argv[] = { "nonexistent", 0 };
    CHECK("execve of a missing file: ENOENT", execve("/nonexistent", argv, environ) == -1 &&
          errno == ENOENT);
}

static void test_execvp(void)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        /* PATH holds the program's directory; execvp finds it by name */
        char dir[256];
        strncpy(dir, self, sizeof dir - 1);
        dir[sizeof dir - 1] = 0;
        char *slash = strrchr(dir, '/');
        if (slash)
            *slash = 0;
        setenv("PATH", dir, 1);
        char *argv[] = { "spawn", "child", "18", 0 };
        execvp("spawn", argv);
        _exit(100 + errno);
    }
    int st = wait_for(pid);
    CHECK("execvp: found through PATH", WIFEXITED(st) && WEXITSTATUS(st) == 18);
}

static void test_posix_spawn(void)
{
    pid_t pid = -1;
    char *argv[] = { (char *)self, "child", "19", 0 };
    fflush(stdout);
    int err = posix_spawn(&pid, self, 0, 0, argv, environ);
    CHECK("posix_spawn returns 0", err == 0);
    int st = wait_for(pid);
    CHECK("posix_spawn: the child exits 19", WIFEXITED(st) && WEXITSTATUS(st) == 19);
    char *bad[] = { "nonexistent", 0 };
    err = posix_spawn(&pid, "/nonexistent", 0, 0, bad, environ);
    CHECK("posix_spawn of a missing file: ENOENT", err == ENOENT);
    if (err == 0)
        wait_for(pid);
}

static volatile int shared_word;

static void test_vfork(void)
{
    shared_word = 0;
    fflush(stdout);
    pid_t pid = vfork();
    if (pid == 0) {
        shared_word = 1;            /* the parent's memory: it is asleep */
        _exit(21);
    }
    int st = wait_for(pid);
    CHECK("vfork: the child exits 21", WIFEXITED(st) && WEXITSTATUS(st) == 21);
    CHECK("vfork: the child ran in the parent's memory", shared_word == 1);

    fflush(stdout);
    pid = vfork();
    if (pid == 0) {
        char *argv[] = { (char *)self, "child", "22", 0 };
        execv(self, argv);
        _exit(127);
    }
    st = wait_for(pid);
    CHECK("vfork + execv", WIFEXITED(st) && WEXITSTATUS(st) == 22);
    CHECK("vfork: the parent's memory survives the child's exec", shared_word == 1);
}

/* clone(CLONE_VM | CLONE_VFORK | ...) with the child on the parent's
 * stack, as vfork: the child must not touch the stack, so it is one
 * block of assembly whose child side calls exit(code) at once. */
static long clone_vfork_exit(unsigned long flags, int *ptid, int *ctid)
{
    long ret;
    __asm__ volatile("int $0x80\n\t"
                     "test %%eax, %%eax\n\t"
                     "jnz 1f\n\t"
                     "movl $1, %%eax\n\t"       /* exit(23) */
                     "movl $23, %%ebx\n\t"
                     "int $0x80\n"
                     "1:"
                     : "=a"(ret)
                     : "a"(SYS_clone), "b"(flags), "c"(0), "d"(ptid), "S"(0), "D"(ctid)
                     : "memory");
    return ret;
}

static void test_clone_vfork_tids(void)
{
    static int ptid, ctid;
    ptid = ctid = 0;
    long pid = clone_vfork_exit(CLONE_VM | CLONE_VFORK | CLONE_PARENT_SETTID |
                                CLONE_CHILD_SETTID | SIGCHLD, &ptid, &ctid);
    int st = pid > 0 ? wait_for(pid) : -1;
    CHECK("clone(CLONE_VM|CLONE_VFORK): the child exits 23", WIFEXITED(st) && WEXITSTATUS(st) == 23);
    CHECK("clone: CLONE_PARENT_SETTID", ptid == pid);
    CHECK("clone: CLONE_CHILD_SETTID in the shared memory", ctid == pid);
    ptid = ctid = 0;
    pid = clone_vfork_exit(CLONE_VM | CLONE_VFORK | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID |
                           SIGCHLD, &ptid, &ctid);
    st = pid > 0 ? wait_for(pid) : -1;
    CHECK("clone: CLONE_CHILD_CLEARTID clears the word at exit", pid > 0 && ctid == 0 && ptid == 0);
    static long robust_head[3];
    CHECK("set_robust_list with Linux i386's 12-byte head", syscall(SYS_set_robust_list, robust_head, 12) == 0);
    errno = 0;
    CHECK("set_robust_list with another length: EINVAL",
          syscall(SYS_set_robust_list, robust_head, 16) == -1 && errno == EINVAL);
    errno = 0;
    CHECK("clone: CLONE_VM without CLONE_VFORK: EINVAL",
          syscall(SYS_clone, CLONE_VM | SIGCHLD, 0, 0, 0, 0) == -1 && errno == EINVAL);
}

/* exec resets the TLS segments: musl_start (beside this program) checks
 * that it starts with %fs and %gs null and no TLS entry, though this
 * process has glibc's in entry 6 and %gs. */
static void test_exec_resets_tls(void)
{
    char path[256];
    strncpy(path, self, sizeof path - 20);
    path[sizeof path - 20] = 0;
    char *slash = strrchr(path, '/');
    strcpy(slash ? slash + 1 : path, "musl_start");
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        int devnull = open("/dev/null", O_WRONLY);
        if (devnull >= 0)
            dup2(devnull, 1);
        char *argv[] = { path, 0 };
        execv(path, argv);
        _exit(127);
    }
    int st = wait_for(pid);
    CHECK("exec: a program starts with no TLS segment (musl_start)", WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "child") == 0)
        return atoi(argv[2]);
    self = argv[0];
    test_execve();
    test_execvp();
    test_posix_spawn();
    test_vfork();
    test_clone_vfork_tids();
    test_exec_resets_tls();
    return check_done("spawn");
}
