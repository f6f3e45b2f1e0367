/* trace: shows or switches the kernel's trace classes at run time through
 * /proc/trace. `trace` prints the classes on ("fault cow", or "none");
 * `trace fault,cow` switches exactly those on, `trace +swap -fault` changes
 * the set, `trace none` / `trace all`. The words are the kernel's (see
 * kernel/trace.c); an unknown class changes nothing and exits 1.
 * Usage: trace [CLASSES...]   (classes: fault swap cow exec fork syscall) */
#include <errno.h>
#include <fcntl.h>
#include <procfile.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define TRACE_FILE "/proc/trace"
#define MAX_COMMAND 256

/* show: prints what /proc/trace says. Returns the exit status. */
static int show(void)
{
	char text[128];

	if (procfile_read(TRACE_FILE, text, sizeof(text)) < 0) {
		perror("trace: " TRACE_FILE);
		return 1;
	}
	fputs(text, stdout);
	return 0;
}

/* set: writes the words of argv (argc of them), joined by blanks, to
 * /proc/trace in one write, which the kernel takes as one command.
 * Returns the exit status. */
static int set(int argc, char **argv)
{
	char command[MAX_COMMAND];
	size_t len = 0;
	int fd;

	for (int i = 0; i < argc; i++) {
		size_t n = strlen(argv[i]);
		if (len + n + 2 > sizeof(command)) {
			fprintf(stderr, "trace: too long\n");
			return 2;
		}
		memcpy(command + len, argv[i], n);
		len += n;
		command[len++] = i + 1 < argc ? ' ' : '\n';
	}
	fd = open(TRACE_FILE, O_WRONLY);
	if (fd < 0) {
		perror("trace: " TRACE_FILE);
		return 1;
	}
	if (write(fd, command, len) != (ssize_t)len) {
		if (errno == EINVAL)
			fprintf(stderr, "trace: %.*s: unknown class (classes: fault swap cow "
				"exec fork syscall; all; none; +CLASS, -CLASS)\n",
				(int)len - 1, command);
		else
			perror("trace: " TRACE_FILE);
		close(fd);
		return 1;
	}
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 1 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		printf("usage: trace [CLASSES...]\n"
		       "  shows the trace classes on, or switches them: fault,cow (just\n"
		       "  those), +swap, -fault, all, none. Classes: fault swap cow exec\n"
		       "  fork syscall.\n");
		return 0;
	}
	return argc > 1 ? set(argc - 1, argv + 1) : show();
}
