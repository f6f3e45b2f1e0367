/* runmany.c: runs N copies of a program at once (fork, then execv of the
 * same path and arguments in each child) and checks that every one exits
 * with status 0. Usage: runmany N PROGRAM [ARGS...] */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: runmany N PROGRAM [ARGS...]\n");
        return 2;
    }
    int n = atoi(argv[1]), good = 0, started = 0;
    for (int i = 0; i < n; i++) {
        pid_t pid = fork();
        if (pid == 0) {
            execv(argv[2], argv + 2);
            _exit(127);
        }
        started += pid > 0;
    }
    CHECK("every copy started", started == n);
    int status;
    while (wait(&status) > 0)
        good += WIFEXITED(status) && WEXITSTATUS(status) == 0;
    CHECK("every copy finished with status 0", good == n);
    return check_done("runmany");
}
