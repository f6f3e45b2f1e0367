/* tmpfs_map.c: mappings of files in memory. A shared mapping of a /tmp
 * file written by a child is seen by the parent through read() and through
 * its own mapping; a write() is seen through the mapping; a private
 * mapping's stores do not reach the file; a store past the
 * end in the last page does not change the size, a touch beyond that page
 * is SIGBUS; /dev/zero mapped shared is shared between fork children;
 * shm_open and shm_unlink in /dev/shm between two processes. */
#define _FILE_OFFSET_BITS 64
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"

#define PAGE 4096

/* Runs fn(p) in a child; returns the signal that ended it, or 0. */
static int child_signal(void (*fn)(char *), char *p)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        fn(p);
        _exit(0);
    }
    int status;
    waitpid(pid, &status, 0);
    return WIFSIGNALED(status) ? WTERMSIG(status) : 0;
}

static void touch(char *p)
{
    *(volatile char *)p = 1;
}

static void shared_file(const char *path)
{
    char buf[32];
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    CHECK("file-create", fd >= 0 && ftruncate(fd, 2 * PAGE) == 0);
    char *p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK("map-shared", p != MAP_FAILED);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        int cfd = open(path, O_RDWR);
        char *q = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, cfd, 0);
        if (q == MAP_FAILED)
            _exit(1);
        strcpy(q + PAGE + 10, "written by the child");
        _exit(0);
    }
    int status;
    waitpid(pid, &status, 0);
    CHECK("child-mapped", WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK("seen-by-read", pread(fd, buf, 20, PAGE + 10) == 20 &&
                              memcmp(buf, "written by the child", 20) == 0);
    CHECK("seen-by-own-mapping", strcmp(p + PAGE + 10, "written by the child") == 0);
    CHECK("write-seen-by-mapping", pwrite(fd, "via write", 9, 3) == 9 &&
                                       memcmp(p + 3, "via write", 9) == 0);

    char *priv = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    CHECK("map-private", priv != MAP_FAILED && memcmp(priv + 3, "via write", 9) == 0);
    memcpy(priv + 3, "PRIVATE", 7);
    CHECK("private-not-in-file", pread(fd, buf, 9, 3) == 9 && memcmp(buf, "via write", 9) == 0);
    CHECK("private-not-in-shared", memcmp(p + 3, "via write", 9) == 0);

    CHECK("shrink", ftruncate(fd, 100) == 0);
    p[200] = 'x';                       /* past the end, inside the last page */
    struct stat st;
    CHECK("store-past-end-not-in-size", fstat(fd, &st) == 0 && st.st_size == 100);
    CHECK("sigbus-past-last-page", child_signal(touch, p + PAGE) == SIGBUS);
    munmap(priv, PAGE);
    munmap(p, 2 * PAGE);
    close(fd);
    CHECK("unlink", unlink(path) == 0);
}

static void dev_zero(void)
{
    int fd = open("/dev/zero", O_RDWR);
    int *shared = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    int *private = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    close(fd);
    CHECK("dev-zero-maps", shared != MAP_FAILED && private != MAP_FAILED && shared[7] == 0);
    for (int k = 0; k < 3; k++) {
        fflush(stdout);
        if (fork() == 0) {
            shared[k] = 10 + k;
            private[k] = 99;
            _exit(0);
        }
        wait(NULL);
    }
    CHECK("dev-zero-shared-between-children", shared[0] == 10 && shared[1] == 11 &&
                                                  shared[2] == 12);
    CHECK("dev-zero-private-stays", private[0] == 0 && private[1] == 0);
}

static void posix_shm(const char *name)
{
    int fd = shm_open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
    CHECK("shm-open", fd >= 0 && ftruncate(fd, PAGE) == 0);
    long *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK("shm-map", p != MAP_FAILED);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        int cfd = shm_open(name, O_RDWR, 0);
        long *q = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, cfd, 0);
        if (cfd < 0 || q == MAP_FAILED)
            _exit(1);
        q[100] = 123456789;
        _exit(0);
    }
    int status;
    waitpid(pid, &status, 0);
    CHECK("shm-between-processes", WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
                                       p[100] == 123456789);
    CHECK("shm-unlink", shm_unlink(name) == 0);
    CHECK("shm-gone", shm_open(name, O_RDWR, 0) == -1 && errno == ENOENT);
    CHECK("shm-still-mapped", p[100] == 123456789);
    close(fd);
}

int main(void)
{
    char path[64], name[64];
    snprintf(path, sizeof path, "/tmp/stock_map_%d", (int)getpid());
    snprintf(name, sizeof name, "/stock_shm_%d", (int)getpid());
    shared_file(path);
    dev_zero();
    posix_shm(name);
    return check_done("tmpfs_map");
}
