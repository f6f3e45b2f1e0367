/* df: the size, use and room of the file systems holding each path named
 * (default: /, /tmp and /dev/shm), in KiB, from statfs. Usage: df [PATH...] */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/statfs.h>

/* fs_type: a name for statfs's f_type. */
static const char *fs_type(unsigned int type)
{
	return type == TMPFS_MAGIC ? "tmpfs" : type == 0x9fa0 ? "proc"
	       : type == 0x858458f6 ? "ramfs" : "?";
}

int main(int argc, char **argv)
{
	static const char *defaults[] = { "/", "/tmp", "/dev/shm" };
	const char **paths = argc > 1 ? (const char **)argv + 1 : defaults;
	int n = argc > 1 ? argc - 1 : 3, status = 0;

	printf("%-10s %10s %10s %10s %5s %s\n", "Filesystem", "1K-blocks", "Used", "Available",
	       "Use%", "Mounted on");
	for (int i = 0; i < n; i++) {
		struct statfs st;
		if (statfs(paths[i], &st) < 0) {
			fprintf(stderr, "df: %s: %s\n", paths[i], strerror(errno));
			status = 1;
			continue;
		}
		unsigned long kb = st.f_frsize / 1024;
		unsigned long total = (unsigned long)st.f_blocks * kb;
		unsigned long used = (unsigned long)(st.f_blocks - st.f_bfree) * kb;
		unsigned long avail = (unsigned long)st.f_bavail * kb;
		unsigned long pct = total ? (used * 100 + total - 1) / total : 0;
		printf("%-10s %10lu %10lu %10lu %4lu%% %s\n", fs_type(st.f_type), total, used, avail,
		       pct, paths[i]);
	}
	return status;
}
