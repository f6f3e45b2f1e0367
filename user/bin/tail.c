/* tail: copies the last N lines (default 10) of a file, or of stdin, to
 * stdout. Keeps the last 64 KiB read: older lines of a longer tail are lost.
 * Usage: tail [-n N] [FILE] */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define KEEP 65536

static char ring[KEEP];

int main(int argc, char **argv)
{
	static char buf[4096];
	unsigned long total = 0;
	long want = 10;
	int i = 1, fd = STDIN_FILENO;
	ssize_t n;

	if (i + 1 < argc && strcmp(argv[i], "-n") == 0) {
		want = atoi(argv[i + 1]);
		i += 2;
	}
	if (i < argc && (fd = open(argv[i], O_RDONLY)) < 0) {
		fprintf(stderr, "tail: %s: %s\n", argv[i], strerror(errno));
		return 1;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		for (ssize_t k = 0; k < n; k++)
			ring[total++ % KEEP] = buf[k];
	unsigned long kept = total < KEEP ? total : KEEP, start = total - kept, at = total;
	/* Walk back over want newlines (a last one that ends the text not counted). */
	if (at > start && ring[(at - 1) % KEEP] == '\n')
		at--;
	while (at > start && want > 0)
		if (ring[--at % KEEP] == '\n' && --want == 0)
			at++;
	for (; at < total; at++)
		putchar(ring[at % KEEP]);
	return 0;
}
