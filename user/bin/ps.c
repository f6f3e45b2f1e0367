/* ps: lists the processes, one line each, from /proc: the directories named by
 * a pid, and in each the status file: pid, parent, state letter, resident and
 * swapped-out memory (VmRSS and VmSwap, in kB; 0 for a zombie, which has none)
 * and the name. Usage: ps */
#include <dirent.h>
#include <fcntl.h>
#include <procfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* show: prints the line for pid from /proc/PID/status. Returns 0, or -1 if
 * the process was gone by the time its file was opened (it is skipped). */
static int show(const char *pid)
{
	char path[64], text[1024], state[32], name[32];
	unsigned long id = 0, ppid = 0, rss = 0, swap = 0;

	snprintf(path, sizeof(path), "/proc/%s/status", pid);
	if (procfile_read(path, text, sizeof(text)) < 0)
		return -1;
	procfile_value(text, "Pid:", &id);
	procfile_value(text, "PPid:", &ppid);
	procfile_value(text, "VmRSS:", &rss);
	procfile_value(text, "VmSwap:", &swap);
	if (procfile_string(text, "State:", state, sizeof(state)) < 0)
		state[0] = '?', state[1] = '\0';
	if (procfile_string(text, "Name:", name, sizeof(name)) < 0)
		name[0] = '\0';
	printf("%5lu %5lu %c %6lu %6lu %s\n", id, ppid, state[0], rss, swap, name);
	return 0;
}

int main(void)
{
	static long long buf[256];      /* long long: keeps the records 8-byte aligned */
	int fd = open("/proc", O_RDONLY | O_DIRECTORY), n;

	if (fd < 0) {
		perror("ps: /proc");
		return 1;
	}
	printf("  PID  PPID S    RSS   SWAP NAME\n");
	while ((n = getdents64(fd, buf, sizeof(buf))) > 0) {
		for (int pos = 0; pos < n; ) {
			struct dirent64 *d = (struct dirent64 *)((char *)buf + pos);
			pos += d->d_reclen;
			if (d->d_name[0] >= '1' && d->d_name[0] <= '9')
				show(d->d_name);
		}
	}
	close(fd);
	if (n < 0) {
		perror("ps: /proc");
		return 1;
	}
	return 0;
}
