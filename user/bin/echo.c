/* echo: prints its arguments separated by spaces, then a newline unless -n. */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	int newline = 1, i = 1;

	if (argc > 1 && strcmp(argv[1], "-n") == 0) {
		newline = 0;
		i = 2;
	}
	for (; i < argc; i++)
		printf(i + 1 < argc ? "%s " : "%s", argv[i]);
	if (newline)
		putchar('\n');
	return 0;
}
