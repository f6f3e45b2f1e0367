/* mkdir: makes each directory named (mode 0755); -p makes the missing
 * parents too and says nothing of ones that exist. Usage: mkdir [-p] DIR... */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* make: mkdir path, and with parents its missing parents first. */
static int make(char *path, int parents)
{
	if (parents) {
		for (char *p = path + 1; *p; p++) {
			if (*p != '/')
				continue;
			*p = '\0';
			int r = mkdir(path, 0755);
			*p = '/';
			if (r < 0 && errno != EEXIST)
				return -1;
		}
	}
	if (mkdir(path, 0755) < 0 && !(parents && errno == EEXIST))
		return -1;
	return 0;
}

int main(int argc, char **argv)
{
	int i = 1, parents = 0, status = 0;

	if (i < argc && strcmp(argv[i], "-p") == 0) {
		parents = 1;
		i++;
	}
	if (i == argc) {
		fprintf(stderr, "usage: mkdir [-p] DIR...\n");
		return 2;
	}
	for (; i < argc; i++) {
		if (make(argv[i], parents) < 0) {
			fprintf(stderr, "mkdir: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		}
	}
	return status;
}
