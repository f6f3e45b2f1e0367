/* wc: counts the lines, words and bytes of each file (or stdin), and their
 * total when there are several. -l, -w, -c: only those counts. Usage:
 * wc [-lwc] [FILE...] */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int show_l, show_w, show_c;

/* print: the counts asked for, then the name if there is one. */
static void print(const unsigned long c[3], const char *name)
{
	const int show[3] = { show_l, show_w, show_c };
	const char *sep = "";
	int bare = show_l + show_w + show_c == 1 && !name;      /* `wc -l` of stdin: "3" */
	for (int i = 0; i < 3; i++) {
		if (show[i]) {
			printf(bare ? "%s%lu" : "%s%7lu", sep, c[i]);
			sep = " ";
		}
	}
	printf("%s%s\n", name ? " " : "", name ? name : "");
}

/* count: adds fd's lines, words and bytes to c. 0, or -1 on a read error. */
static int count(int fd, unsigned long c[3])
{
	static char buf[4096];
	int in_word = 0;
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		for (ssize_t i = 0; i < n; i++) {
			int blank = buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\n';
			c[0] += buf[i] == '\n';
			c[1] += !blank && !in_word;
			in_word = !blank;
		}
		c[2] += n;
	}
	return n < 0 ? -1 : 0;
}

int main(int argc, char **argv)
{
	unsigned long total[3] = { 0, 0, 0 };
	int i = 1, status = 0;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++)
		for (const char *o = argv[i] + 1; *o; o++) {
			if (*o == 'l')
				show_l = 1;
			else if (*o == 'w')
				show_w = 1;
			else if (*o == 'c')
				show_c = 1;
			else {
				fprintf(stderr, "usage: wc [-lwc] [FILE...]\n");
				return 2;
			}
		}
	if (!show_l && !show_w && !show_c)
		show_l = show_w = show_c = 1;
	if (i == argc) {
		unsigned long c[3] = { 0, 0, 0 };
		count(STDIN_FILENO, c);
		print(c, NULL);
		return 0;
	}
	for (int k = i; k < argc; k++) {
		unsigned long c[3] = { 0, 0, 0 };
		int fd = open(argv[k], O_RDONLY);
		if (fd < 0 || count(fd, c) < 0) {
			fprintf(stderr, "wc: %s: %s\n", argv[k], strerror(errno));
			status = 1;
		} else {
			print(c, argv[k]);
		}
		if (fd >= 0)
			close(fd);
		for (int j = 0; j < 3; j++)
			total[j] += c[j];
	}
	if (argc - i > 1)
		print(total, "total");
	return status;
}
