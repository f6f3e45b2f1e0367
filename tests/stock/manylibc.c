/* manylibc.c: one libc, many processes. Starts N more copies of itself
 * (default 3; each a fresh execve, not a fork twin), lets them all call
 * into libc, then runs /bin/shlibs while they are alive, so that its table
 * shows libc's text mapped by every one of them from the same frames, and
 * their written data pages as private copies. Usage: manylibc [N] */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "idle") == 0) {
        printf("manylibc: pid %d is up\n", getpid());
        fflush(stdout);
        for (;;)
            sleep(10);
    }
    int n = argc > 1 ? atoi(argv[1]) : 3;
    pid_t pids[16];
    if (n < 1 || n > 16)
        n = 3;
    for (int i = 0; i < n; i++) {
        pids[i] = fork();
        if (pids[i] == 0) {
            execl(argv[0], argv[0], "idle", (char *)NULL);
            _exit(127);
        }
    }
    struct timespec pause = { 0, 300 * 1000 * 1000 };
    nanosleep(&pause, NULL);            /* let the copies start */
    printf("manylibc: %d copies of %s running; shlibs says:\n", n + 1, argv[0]);
    fflush(stdout);
    pid_t s = fork();
    if (s == 0) {
        execl("/bin/shlibs", "shlibs", (char *)NULL);
        _exit(127);
    }
    waitpid(s, NULL, 0);
    for (int i = 0; i < n; i++) {
        kill(pids[i], SIGKILL);
        waitpid(pids[i], NULL, 0);
    }
    printf("manylibc: done\n");
    return 0;
}
