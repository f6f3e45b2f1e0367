/* grep: prints the lines of each file (or stdin) that contain PATTERN, a
 * plain string (no regular expressions). -v: the lines that do not; -c: only
 * how many; -n: with their line numbers. Exits 0 if a line was selected, 1 if
 * none, 2 on an error, as grep(1). Usage: grep [-vcn] PATTERN [FILE...] */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int invert, count_only, numbers;
static char buf[4096], line[4096];

/* grep_fd: scans fd line by line (lines longer than line[] are cut);
 * prints name: before each line when name is not NULL. Returns the count. */
static long grep_fd(int fd, const char *pattern, const char *name)
{
	long n = 0, lineno = 0;
	size_t len = 0;
	ssize_t got;
	int more = 1;

	while (more) {
		got = read(fd, buf, sizeof(buf));
		more = got > 0;
		for (ssize_t i = 0; i < (more ? got : 1); i++) {
			int end = !more || buf[i] == '\n';
			if (!end) {
				if (len < sizeof(line) - 1)
					line[len++] = buf[i];
				continue;
			}
			if (!more && len == 0)
				break;          /* no unfinished last line */
			line[len] = '\0';
			lineno++;
			if ((strstr(line, pattern) != NULL) != invert) {
				n++;
				if (!count_only && name)
					printf("%s:", name);
				if (!count_only && numbers)
					printf("%ld:", lineno);
				if (!count_only)
					printf("%s\n", line);
			}
			len = 0;
		}
	}
	return n;
}

int main(int argc, char **argv)
{
	int i = 1, status = 1;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++)
		for (const char *o = argv[i] + 1; *o; o++)
			if (*o == 'v')
				invert = 1;
			else if (*o == 'c')
				count_only = 1;
			else if (*o == 'n')
				numbers = 1;
			else {
				fprintf(stderr, "usage: grep [-vcn] PATTERN [FILE...]\n");
				return 2;
			}
	if (i >= argc) {
		fprintf(stderr, "usage: grep [-vcn] PATTERN [FILE...]\n");
		return 2;
	}
	const char *pattern = argv[i++];
	int files = argc - i;
	for (int k = i; k < argc || (k == i && files == 0); k++) {
		const char *name = files ? argv[k] : NULL;
		int fd = name ? open(name, O_RDONLY) : STDIN_FILENO;
		if (fd < 0) {
			fprintf(stderr, "grep: %s: %s\n", name, strerror(errno));
			status = 2;
			continue;
		}
		long n = grep_fd(fd, pattern, files > 1 ? name : NULL);
		if (count_only)
			printf("%s%s%ld\n", files > 1 ? name : "", files > 1 ? ":" : "", n);
		if (n > 0 && status == 1)
			status = 0;
		if (fd != STDIN_FILENO)
			close(fd);
	}
	return status;
}
