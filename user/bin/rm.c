/* rm: removes each file named; -d also removes empty directories; -f says
 * nothing of files that do not exist. Usage: rm [-df] FILE... */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int i = 1, dirs = 0, force = 0, status = 0;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++)
		for (const char *o = argv[i] + 1; *o; o++) {
			if (*o == 'd')
				dirs = 1;
			else if (*o == 'f')
				force = 1;
			else {
				fprintf(stderr, "usage: rm [-df] FILE...\n");
				return 2;
			}
		}
	for (; i < argc; i++) {
		int r = unlink(argv[i]);
		if (r < 0 && errno == EISDIR && dirs)
			r = rmdir(argv[i]);
		if (r < 0 && !(force && errno == ENOENT)) {
			fprintf(stderr, "rm: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		}
	}
	return status;
}
