/* vmstat: the kernel's memory counters, from /proc/vmstat, one "name value"
 * pair a line with the values aligned: free pages, page faults (and of those,
 * the major ones, zero-fills, file reads and copy-on-write breaks) and pages
 * swapped in and out. Usage: vmstat */
#include <procfile.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
	char text[2048];

	if (procfile_read("/proc/vmstat", text, sizeof(text)) < 0) {
		perror("vmstat: /proc/vmstat");
		return 1;
	}
	for (char *line = text, *next; *line; line = next) {
		char *space, *end = strchr(line, '\n');
		next = end ? end + 1 : line + strlen(line);
		if (end)
			*end = '\0';
		space = strchr(line, ' ');
		if (!space)
			continue;
		*space = '\0';
		printf("%-16s %12s\n", line, space + 1);
	}
	return 0;
}
