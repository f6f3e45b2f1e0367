/* cloexec.c: close-on-exec across execve: the program runs itself again
 * (by the path /proc/self/exe names) with two descriptors open, one plain
 * and one O_CLOEXEC; the new image finds the first open, at the offset it
 * had, and the second closed. (The host runs the reference through
 * qemu-i386, which cannot execve an i386 program on a host that has no
 * binfmt handler for it, so this program has no host reference.) */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"

/* The program run again by exec: kept must be open, gone must not be. */
static int after_exec(int kept, int gone)
{
    CHECK("exec: a plain descriptor stays open", fcntl(kept, F_GETFD) == 0);
    errno = 0;
    CHECK("exec: an O_CLOEXEC descriptor is closed", fcntl(gone, F_GETFD) == -1 && errno == EBADF);
    char buf[4];
    CHECK("exec: the kept descriptor kept its offset", read(kept, buf, 3) == 3 &&
                                                          memcmp(buf, "ELF", 3) == 0);
    return check_done("cloexec after exec");
}

int main(int argc, char **argv)
{
    char exe[PATH_MAX];
    if (argc == 4 && strcmp(argv[1], "after-exec") == 0)
        return after_exec(atoi(argv[2]), atoi(argv[3]));
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    CHECK("readlink /proc/self/exe", n > 0);
    exe[n > 0 ? n : 0] = '\0';
    int kept = open(exe, O_RDONLY), gone = open(exe, O_RDONLY | O_CLOEXEC);
    CHECK("two descriptors, one close-on-exec", kept >= 0 && gone >= 0 &&
                                                   fcntl(kept, F_GETFD) == 0 &&
                                                   fcntl(gone, F_GETFD) == FD_CLOEXEC);
    lseek(kept, 1, SEEK_SET);
    char a1[16], a2[16];
    snprintf(a1, sizeof a1, "%d", kept);
    snprintf(a2, sizeof a2, "%d", gone);
    fflush(stdout);
    pid_t c = fork();
    if (c == 0) {
        execl(exe, "cloexec", "after-exec", a1, a2, (char *)0);
        _exit(99);
    }
    int status;
    CHECK("the new image found the right descriptors",
          waitpid(c, &status, 0) == c && WIFEXITED(status) && WEXITSTATUS(status) == 0);
    lseek(kept, 1, SEEK_SET);
    fflush(stdout);
    c = fork();
    if (c == 0) {
        int fd = open(exe, O_RDONLY);
        fcntl(fd, F_SETFD, FD_CLOEXEC);
        snprintf(a2, sizeof a2, "%d", fd);
        execl("/proc/self/exe", "cloexec", "after-exec", a1, a2, (char *)0);
        _exit(99);
    }
    CHECK("exec of /proc/self/exe, F_SETFD FD_CLOEXEC",
          waitpid(c, &status, 0) == c && WIFEXITED(status) && WEXITSTATUS(status) == 0);
    return check_done("cloexec");
}
