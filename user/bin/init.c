/* init: the first process (PID 1). Starts one command: its arguments if it has
 * any (`init prog args...`: prog is /bin/prog unless it contains a '/'), otherwise
 * /bin/sh. Then reaps every child that exits, orphans included, and when the
 * command itself exits, exits with its status: the exit code, or 128 + signal.
 * It opens nothing: the kernel gives it fds 0, 1 and 2 on the console. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* start_command: forks a child that execs argv[0] (resolved as above) with
 * argv and our environment. Returns the child's pid, or -1 if fork failed. */
static pid_t start_command(char **argv)
{
	char path[256];
	pid_t pid;

	if (strchr(argv[0], '/'))
		snprintf(path, sizeof(path), "%s", argv[0]);
	else
		snprintf(path, sizeof(path), "/bin/%s", argv[0]);
	pid = fork();
	if (pid == 0) {
		execve(path, argv, environ);
		fprintf(stderr, "init: %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	return pid;
}

int main(int argc, char **argv)
{
	char *shell[] = { "sh", NULL };
	pid_t command = start_command(argc > 1 ? argv + 1 : shell);

	if (command < 0) {
		perror("init: fork");
		return 1;
	}
	for (;;) {
		int status;
		pid_t pid = wait4(-1, &status, 0, NULL);

		if (pid < 0 && errno == EINTR)
			continue;
		if (pid < 0) {
			perror("init: wait4");
			return 1;
		}
		if (pid != command)
			continue;               /* an orphan we inherited: reaped, nothing more */
		if (WIFSIGNALED(status))
			return 128 + WTERMSIG(status);
		return WEXITSTATUS(status);
	}
}
