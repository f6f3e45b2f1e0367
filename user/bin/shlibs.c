/* shlibs: how the processes share their shared libraries' pages. For every
 * library segment mapped by any process (a line of /proc/PID/maps whose
 * path names a ".so" file), it reads each process's pagemap and prints:
 *   PROCS     how many processes map that segment;
 *   PAGES     its size in pages;
 *   RESIDENT  the distinct frames that hold its pages, over all processes;
 *   SHARED    how many of those frames are mapped by two processes or more;
 *   MOST      the most processes mapping any one of its frames.
 * Text and read-only data are the page cache's frames, mapped by every
 * process (RESIDENT stays the same however many run, SHARED grows);
 * written data pages are private copies, one frame per process.
 * Usage: shlibs */
#include <dirent.h>
#include <fcntl.h>
#include <procfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PM_PRESENT (1ULL << 63)
#define PM_PFN     ((1ULL << 55) - 1)
#define MAX_SEGS 64
#define MAX_FRAMES 8192                 /* a power of two: the hash's size */

struct seg {
	char path[64];
	char perms[5];
	unsigned long offset, pages;
	int procs;
};

struct frame {
	unsigned long pfn;              /* 0: free slot */
	int seg;
	int mappers;
};

static struct seg segs[MAX_SEGS];
static int nsegs;
static struct frame frames[MAX_FRAMES];

/* find_seg: the segment (path, perms, offset), added if new; -1 if full. */
static int find_seg(const char *path, const char *perms, unsigned long offset)
{
	for (int i = 0; i < nsegs; i++)
		if (segs[i].offset == offset && !strcmp(segs[i].perms, perms) &&
		    !strcmp(segs[i].path, path))
			return i;
	if (nsegs == MAX_SEGS)
		return -1;
	strncpy(segs[nsegs].path, path, sizeof(segs[nsegs].path) - 1);
	memcpy(segs[nsegs].perms, perms, 5);
	segs[nsegs].offset = offset;
	return nsegs++;
}

/* count_frame: one more process maps frame pfn of segment seg. */
static void count_frame(unsigned long pfn, int seg)
{
	unsigned long h = (pfn * 2654435761UL) & (MAX_FRAMES - 1);
	for (int n = 0; n < MAX_FRAMES; n++, h = (h + 1) & (MAX_FRAMES - 1)) {
		if (frames[h].pfn == pfn || !frames[h].pfn) {
			frames[h].pfn = pfn;
			frames[h].seg = seg;
			frames[h].mappers++;
			return;
		}
	}
}

/* scan_mapping: the pages of [start, end) in pid's pagemap (fd). */
static void scan_mapping(int fd, unsigned long start, unsigned long end, int seg)
{
	static unsigned long long e[256];
	for (unsigned long va = start; va < end; ) {
		unsigned long n = (end - va) / 4096;
		if (n > 256)
			n = 256;
		if (lseek(fd, (off_t)(va / 4096 * 8), SEEK_SET) < 0 ||
		    read(fd, e, n * 8) != (long)(n * 8))
			return;
		for (unsigned long i = 0; i < n; i++)
			if (e[i] & PM_PRESENT)
				count_frame((unsigned long)(e[i] & PM_PFN), seg);
		va += n * 4096;
	}
}

/* scan_process: every library mapping of process pid. */
static void scan_process(const char *pid)
{
	static char maps[16384];
	char path[64];
	snprintf(path, sizeof(path), "/proc/%s/maps", pid);
	if (procfile_read(path, maps, sizeof(maps)) < 0)
		return;
	snprintf(path, sizeof(path), "/proc/%s/pagemap", pid);
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return;
	/* "start-end perms offset dev inode   path" */
	for (char *line = maps; *line; ) {
		char *nl = strchr(line, '\n'), *p;
		if (nl)
			*nl = '\0';
		unsigned long start = strtoul(line, &p, 16);
		unsigned long end = strtoul(p + 1, &p, 16);
		char perms[5];
		memcpy(perms, p + 1, 4);
		perms[4] = '\0';
		unsigned long offset = strtoul(p + 6, &p, 16);
		char *file = strchr(p, '/');
		if (file && strstr(file, ".so")) {
			int s = find_seg(file, perms, offset);
			if (s >= 0) {
				segs[s].procs++;
				if ((end - start) / 4096 > segs[s].pages)
					segs[s].pages = (end - start) / 4096;
				scan_mapping(fd, start, end, s);
			}
		}
		line = nl ? nl + 1 : line + strlen(line);
	}
	close(fd);
}

int main(void)
{
	static long long buf[256];      /* long long: 8-byte aligned records */
	int fd = open("/proc", O_RDONLY | O_DIRECTORY), n;
	if (fd < 0) {
		perror("shlibs: /proc");
		return 1;
	}
	while ((n = getdents64(fd, buf, sizeof(buf))) > 0) {
		for (int pos = 0; pos < n; ) {
			struct dirent64 *d = (struct dirent64 *)((char *)buf + pos);
			pos += d->d_reclen;
			if (d->d_name[0] >= '1' && d->d_name[0] <= '9')
				scan_process(d->d_name);
		}
	}
	close(fd);
	printf("%-22s %-4s %8s %5s %5s %8s %6s %4s\n", "LIBRARY", "PERM", "OFFSET", "PROCS",
	       "PAGES", "RESIDENT", "SHARED", "MOST");
	for (int s = 0; s < nsegs; s++) {
		unsigned long resident = 0, shared = 0, most = 0;
		for (int h = 0; h < MAX_FRAMES; h++) {
			if (!frames[h].pfn || frames[h].seg != s)
				continue;
			resident++;
			shared += frames[h].mappers > 1;
			if ((unsigned long)frames[h].mappers > most)
				most = (unsigned long)frames[h].mappers;
		}
		printf("%-22s %-4s %08lx %5d %5lu %8lu %6lu %4lu\n", segs[s].path, segs[s].perms,
		       segs[s].offset, segs[s].procs, segs[s].pages, resident, shared, most);
	}
	return 0;
}
