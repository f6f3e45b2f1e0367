/* head: copies the first N lines (default 10), or with -c the first N
 * bytes, of a file or of stdin to stdout. Usage: head [-n N | -c N] [FILE] */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	static char buf[4096];
	long want = 10;
	int i = 1, fd = STDIN_FILENO, bytes = 0;
	ssize_t n;

	if (i + 1 < argc && (!strcmp(argv[i], "-n") || !strcmp(argv[i], "-c"))) {
		bytes = argv[i][1] == 'c';
		want = strtol(argv[i + 1], NULL, 10);
		i += 2;
	}
	if (i < argc && (fd = open(argv[i], O_RDONLY)) < 0) {
		fprintf(stderr, "head: %s: %s\n", argv[i], strerror(errno));
		return 1;
	}
	while (want > 0 && (n = read(fd, buf, sizeof(buf))) > 0) {
		ssize_t k = 0;
		if (bytes) {
			k = n < want ? n : want;
			want -= k;
		} else {
			while (k < n && want > 0)
				if (buf[k++] == '\n')
					want--;
		}
		if (write(STDOUT_FILENO, buf, k) != k) {
			perror("head");
			return 1;
		}
	}
	return 0;
}
