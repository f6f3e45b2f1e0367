/* free: memory in use and free, in kB, from /proc/meminfo, laid out as procps's
 * `free -k`: used is what is neither free nor page cache; shared is the
 * resident pages of tmpfs files and shared memory (Shmem). Usage: free */
#include <procfile.h>
#include <stdio.h>

int main(void)
{
	char text[2048];
	unsigned long total = 0, mem_free = 0, avail = 0, cached = 0, shmem = 0, stotal = 0, sfree = 0;

	if (procfile_read("/proc/meminfo", text, sizeof(text)) < 0) {
		perror("free: /proc/meminfo");
		return 1;
	}
	procfile_value(text, "MemTotal:", &total);
	procfile_value(text, "MemFree:", &mem_free);
	procfile_value(text, "MemAvailable:", &avail);
	procfile_value(text, "Cached:", &cached);
	procfile_value(text, "Shmem:", &shmem);
	procfile_value(text, "SwapTotal:", &stotal);
	procfile_value(text, "SwapFree:", &sfree);
	printf("%-7s %11s %11s %11s %11s %11s %11s\n", "", "total", "used", "free",
	       "shared", "buff/cache", "available");
	printf("%-7s %11lu %11lu %11lu %11lu %11lu %11lu\n", "Mem:", total,
	       total - mem_free - cached, mem_free, shmem, cached, avail);
	printf("%-7s %11lu %11lu %11lu\n", "Swap:", stotal, stotal - sfree, sfree);
	return 0;
}
