/* procfile.c: helpers for the tools that read /proc (ps, free, vmstat): read
 * a whole file, find a "Name: value" line. The kernel prints each /proc text
 * file when it is opened, so one open and a read loop see one snapshot. */
#include <fcntl.h>
#include <procfile.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int procfile_read(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	size_t len = 0;
	ssize_t n = 0;

	if (fd < 0)
		return -1;
	while (len + 1 < size && (n = read(fd, buf + len, size - 1 - len)) > 0)
		len += n;
	close(fd);
	if (size > 0)
		buf[len] = '\0';
	return n < 0 ? -1 : (int)len;
}

/* find_value: the text after key and its blanks on the line starting with key, or NULL. */
static const char *find_value(const char *text, const char *key)
{
	size_t klen = strlen(key);

	for (const char *line = text; line && *line; ) {
		if (strncmp(line, key, klen) == 0) {
			line += klen;
			while (*line == ' ' || *line == '\t')
				line++;
			return line;
		}
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	return NULL;
}

int procfile_value(const char *text, const char *key, unsigned long *value)
{
	const char *v = find_value(text, key);

	if (!v)
		return -1;
	*value = strtoul(v, NULL, 10);
	return 0;
}

int procfile_string(const char *text, const char *key, char *out, size_t size)
{
	const char *v = find_value(text, key);
	size_t n = 0;

	if (!v || size == 0)
		return -1;
	while (v[n] && v[n] != '\n' && n + 1 < size) {
		out[n] = v[n];
		n++;
	}
	out[n] = '\0';
	return 0;
}
