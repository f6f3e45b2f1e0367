/* cp: copies the file FROM to the file TO (made, or emptied first), with
 * read and write. Usage: cp FROM TO */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	static char buf[4096];
	ssize_t n;

	if (argc != 3) {
		fprintf(stderr, "usage: cp FROM TO\n");
		return 2;
	}
	int in = open(argv[1], O_RDONLY);
	if (in < 0) {
		fprintf(stderr, "cp: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	int out = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (out < 0) {
		fprintf(stderr, "cp: %s: %s\n", argv[2], strerror(errno));
		return 1;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0) {
		if (write(out, buf, n) != n) {
			fprintf(stderr, "cp: %s: %s\n", argv[2], strerror(errno));
			return 1;
		}
	}
	return n < 0 ? 1 : 0;
}
