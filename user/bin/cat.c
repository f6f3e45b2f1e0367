/* cat: copies each file named (or stdin, for none or "-") to stdout with
 * read and write. Exits 1 if any file could not be read. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char buf[4096];

/* copy_fd: copies fd to stdout until end of file. 0, or -1 with errno set. */
static int copy_fd(int fd)
{
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) > 0)
		for (ssize_t done = 0, w; done < n; done += w)
			if ((w = write(STDOUT_FILENO, buf + done, n - done)) < 0)
				return -1;
	return n < 0 ? -1 : 0;
}

int main(int argc, char **argv)
{
	int status = 0;

	if (argc < 2 && copy_fd(STDIN_FILENO) < 0) {
		perror("cat");
		return 1;
	}
	for (int i = 1; i < argc; i++) {
		int fd = strcmp(argv[i], "-") == 0 ? STDIN_FILENO : open(argv[i], O_RDONLY);
		if (fd < 0 || copy_fd(fd) < 0) {
			fprintf(stderr, "cat: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		}
		if (fd > STDIN_FILENO)
			close(fd);
	}
	return status;
}
