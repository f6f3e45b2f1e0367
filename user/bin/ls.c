/* ls: lists directories with getdents64, in the order the directory returns them,
 * skipping names that begin with '.'. A path that is not a directory is listed as
 * itself. With -l, each line shows the mode, the size (from open + fstat64) and
 * the name. Usage: ls [-l] [path...]; the default path is the working directory. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int long_format;

/* mode_string: fills s (11 bytes) with "drwxr-xr-x" for mode. */
static void mode_string(unsigned int mode, char *s)
{
	const char *rwx = "rwxrwxrwx";

	s[0] = S_ISDIR(mode) ? 'd' : S_ISCHR(mode) ? 'c' : S_ISBLK(mode) ? 'b'
	     : S_ISLNK(mode) ? 'l' : S_ISFIFO(mode) ? 'p' : S_ISSOCK(mode) ? 's' : '-';
	for (int i = 0; i < 9; i++)
		s[i + 1] = (mode & (0400 >> i)) ? rwx[i] : '-';
	s[10] = '\0';
}

/* show: prints one entry: its name, or with -l its mode, size and name, which
 * needs path (the entry's full path) opened and fstat64'ed. 0, or -1 on error. */
static int show(const char *path, const char *name)
{
	struct stat st;
	char mode[11];
	int fd;

	if (!long_format) {
		printf("%s\n", name);
		return 0;
	}
	fd = open(path, O_RDONLY);
	if (fd < 0 || fstat64(fd, &st) < 0) {
		fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	mode_string(st.st_mode, mode);
	printf("%s %8lld %s\n", mode, st.st_size, name);
	return 0;
}

/* list_entries: prints the entries of the directory open on fd (dir is its path),
 * after a "dir:" line if header is set. Returns 0; 1 for an error (reported);
 * -1, printing nothing, if fd is not a directory (getdents64 failed with ENOTDIR). */
static int list_entries(int fd, const char *dir, int header)
{
	static long long buf[512];     /* long long: keeps the records 8-byte aligned */
	char path[1024];
	int n = getdents64(fd, buf, sizeof(buf)), status = 0;

	if (n < 0 && errno == ENOTDIR)
		return -1;
	if (header)
		printf("%s:\n", dir);
	for (; n > 0; n = getdents64(fd, buf, sizeof(buf))) {
		for (int pos = 0; pos < n; ) {
			struct dirent64 *d = (struct dirent64 *)((char *)buf + pos);
			pos += d->d_reclen;
			if (d->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "%s%s%s", dir,
				 dir[strlen(dir) - 1] == '/' ? "" : "/", d->d_name);
			if (show(path, d->d_name) < 0)
				status = 1;
		}
	}
	if (n < 0) {
		fprintf(stderr, "ls: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	return status;
}

/* list: lists path, a directory or a single file. Returns 0, or 1 on error. */
static int list(const char *path, int header)
{
	int fd = open(path, O_RDONLY), status;

	if (fd < 0) {
		fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
		return 1;
	}
	status = list_entries(fd, path, header);
	close(fd);
	if (status < 0)
		status = show(path, path) < 0;
	return status;
}

int main(int argc, char **argv)
{
	int i = 1, status = 0;

	if (argc > 1 && strcmp(argv[1], "-l") == 0) {
		long_format = 1;
		i = 2;
	}
	if (i == argc)
		return list(".", 0);
	for (int first = i; i < argc; i++)
		status |= list(argv[i], argc - first > 1);
	return status;
}
