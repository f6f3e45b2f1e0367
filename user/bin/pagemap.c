/* pagemap: what the page tables say about one virtual page, from
 * /proc/PID/pagemap (Linux's format: one 64-bit entry per page). Prints the
 * address, then "present pfn 0x..." (with "file" for a page-cache page,
 * "zero page" for the shared zero page: bit 58, this kernel's own),
 * "swapped slot N" or "not mapped", and the raw entry. Two processes map the
 * same frame when they print the same pfn.
 * Usage: pagemap ADDR [PID]   (ADDR in hex or decimal; PID defaults to self) */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PM_PRESENT (1ULL << 63)
#define PM_SWAP    (1ULL << 62)
#define PM_FILE    (1ULL << 61)
#define PM_ZERO    (1ULL << 58)
#define PM_PFN     ((1ULL << 55) - 1)

int main(int argc, char **argv)
{
	char path[64];
	unsigned long addr;
	unsigned long long e;
	char *end;
	int fd;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: pagemap ADDR [PID]\n");
		return 2;
	}
	addr = strtoul(argv[1], &end, 0);
	if (*end) {
		fprintf(stderr, "pagemap: %s: not an address\n", argv[1]);
		return 2;
	}
	snprintf(path, sizeof(path), "/proc/%s/pagemap", argc == 3 ? argv[2] : "self");
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		perror(path);
		return 1;
	}
	if (lseek(fd, (off_t)(addr / 4096 * 8), SEEK_SET) < 0 ||
	    read(fd, &e, sizeof(e)) != sizeof(e)) {
		perror(path);
		close(fd);
		return 1;
	}
	close(fd);
	printf("0x%08lx: ", addr);
	if (e & PM_PRESENT)
		printf("present pfn 0x%llx%s", e & PM_PFN,
		       (e & PM_ZERO) ? " zero page" : (e & PM_FILE) ? " file" : "");
	else if (e & PM_SWAP)
		printf("swapped slot %llu", (e & PM_PFN) >> 5);
	else
		printf("not mapped");
	printf(" entry 0x%016llx\n", e);
	return 0;
}
