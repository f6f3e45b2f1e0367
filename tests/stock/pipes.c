/* pipes.c: pipes between a parent and its children: a child's stdout
 * made a pipe with dup2 and read by the parent, end of file when the last
 * writer closes, SIGPIPE for a writer with no reader left (EPIPE when it
 * ignores the signal), pipe2's
 * O_NONBLOCK (EAGAIN, the 64 KiB a pipe holds) and O_CLOEXEC flag, and
 * 4 MiB through one pipe, compared byte by byte. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"

#define TOTAL (4 << 20)

static unsigned char pattern(unsigned i)
{
    return (unsigned char)(i * 13 + (i >> 11));
}

static void child_stdout(void)
{
    char buf[128];
    int fds[2];
    CHECK("pipe", pipe(fds) == 0);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        close(fds[1]);
        printf("line one\nline two\n");
        exit(0);
    }
    close(fds[1]);
    ssize_t n, got = 0;
    while ((n = read(fds[0], buf + got, sizeof buf - 1 - got)) > 0)
        got += n;
    buf[got] = 0;
    CHECK("read-child-stdout", strcmp(buf, "line one\nline two\n") == 0);
    CHECK("eof-after-last-writer", n == 0);
    waitpid(pid, NULL, 0);
    struct stat st;
    CHECK("fstat-fifo", fstat(fds[0], &st) == 0 && S_ISFIFO(st.st_mode));
    CHECK("lseek-espipe", lseek(fds[0], 0, SEEK_CUR) == -1 && errno == ESPIPE);
    close(fds[0]);
}

static void sigpipe(void)
{
    int fds[2];
    CHECK("pipe-for-sigpipe", pipe(fds) == 0);
    close(fds[0]);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        write(fds[1], "x", 1);
        _exit(0);
    }
    int status;
    waitpid(pid, &status, 0);
    CHECK("sigpipe-kills-writer", WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE);
    CHECK("sigpipe-ignored", signal(SIGPIPE, SIG_IGN) != SIG_ERR);
    CHECK("epipe", write(fds[1], "x", 1) == -1 && errno == EPIPE);
    signal(SIGPIPE, SIG_DFL);
    close(fds[1]);
}

static void nonblock(void)
{
    static char buf[4096];
    int fds[2];
    CHECK("pipe2-nonblock", pipe2(fds, O_NONBLOCK | O_CLOEXEC) == 0);
    CHECK("eagain-empty", read(fds[0], buf, 1) == -1 && errno == EAGAIN);
    long total = 0, r;
    while ((r = write(fds[1], buf, sizeof buf)) > 0)
        total += r;
    CHECK("eagain-full", r == -1 && errno == EAGAIN);
    SAY("a pipe holds %ld bytes", total);
    CHECK("cloexec-flag", (fcntl(fds[0], F_GETFD) & FD_CLOEXEC) != 0);
    CHECK("nonblock-flag", (fcntl(fds[1], F_GETFL) & O_NONBLOCK) != 0);
    CHECK("pipe2-bad-flag", pipe2(fds, 0x40) == -1 && errno == EINVAL);
}

static void four_mib(void)
{
    static unsigned char buf[9000];
    int fds[2];
    CHECK("pipe-4mib", pipe(fds) == 0);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        for (unsigned at = 0; at < TOTAL;) {
            unsigned n = TOTAL - at < 6000 ? TOTAL - at : 6000;
            for (unsigned i = 0; i < n; i++)
                buf[i] = pattern(at + i);
            if (write(fds[1], buf, n) != (ssize_t)n)
                _exit(1);
            at += n;
        }
        _exit(0);
    }
    close(fds[1]);
    unsigned at = 0, bad = 0;
    ssize_t n;
    while ((n = read(fds[0], buf, sizeof buf)) > 0) {
        for (ssize_t i = 0; i < n; i++)
            bad += buf[i] != pattern(at + i);
        at += n;
    }
    int status;
    waitpid(pid, &status, 0);
    SAY("%u bytes through the pipe, %u wrong", at, bad);
    CHECK("4mib-exact", at == TOTAL && bad == 0 && WIFEXITED(status) &&
                            WEXITSTATUS(status) == 0);
    close(fds[0]);
}

int main(void)
{
    child_stdout();
    sigpipe();
    nonblock();
    four_mib();
    return check_done("pipes");
}
