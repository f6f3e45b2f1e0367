/* userfault: demand paging done by a program itself. It maps a region with
 * PROT_NONE, so that every first touch of a page faults; the kernel turns
 * the fault into SIGSEGV with the address (si_addr) and why (si_code
 * SEGV_ACCERR: the region exists but forbids the access). Our handler
 * makes that page readable and writable with mprotect, fills it, and
 * returns: the kernel puts the registers back and the access that faulted
 * runs again, now successfully. The same trick gives garbage collectors
 * their write barriers, checkpointers their dirty-page lists, and
 * user-space pagers their lazy allocation.
 *
 * Usage: userfault [PAGES]   (default 8, at most 256)
 * At the end it compares its own count of faults with the kernel's
 * (/proc/vmstat: fault_signal counts faults sent as signals, zero_fill
 * the pages the kernel itself then zero-filled, pgfault all faults). */
#include <procfile.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE 4096
#define MAX_PAGES 256

static char *region;
static unsigned long npages;
static volatile unsigned long handled;          /* faults our handler fixed */
static volatile unsigned long wrong_code;       /* ... that did not say SEGV_ACCERR */
static volatile unsigned char filled[MAX_PAGES];

/* The word a page holds at index i once the handler filled it. */
static unsigned long pattern(unsigned long page, unsigned long i)
{
	return page * 0x10000 + i;
}

/* The SIGSEGV handler: a fault in our region is a first touch; any other
 * address is a real bug, and we let the default action end us. */
static void on_segv(int sig, siginfo_t *si, void *uc)
{
	char *addr = si->si_addr;
	(void)uc;
	if (addr < region || addr >= region + npages * PAGE) {
		signal(sig, SIG_DFL);
		return;                         /* faults again, and kills */
	}
	unsigned long page = (unsigned long)(addr - region) / PAGE;
	char *base = region + page * PAGE;
	if (si->si_code != SEGV_ACCERR)
		wrong_code++;
	if (mprotect(base, PAGE, PROT_READ | PROT_WRITE) < 0)
		_exit(3);
	unsigned long *words = (unsigned long *)base;
	for (unsigned long i = 0; i < PAGE / sizeof *words; i++)
		words[i] = pattern(page, i);
	filled[page]++;
	handled++;
}

static unsigned long vmstat(const char *key)
{
	static char text[2048];
	unsigned long v = 0;
	procfile_read("/proc/vmstat", text, sizeof text);
	procfile_value(text, key, &v);
	return v;
}

int main(int argc, char **argv)
{
	npages = argc > 1 ? strtoul(argv[1], NULL, 10) : 8;
	if (npages < 1 || npages > MAX_PAGES) {
		fprintf(stderr, "usage: userfault [PAGES]   (1 to %d)\n", MAX_PAGES);
		return 2;
	}
	region = mmap(NULL, npages * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (region == MAP_FAILED) {
		perror("userfault: mmap");
		return 1;
	}
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGSEGV, &sa, NULL) < 0) {
		perror("userfault: sigaction");
		return 1;
	}
	printf("userfault: %lu pages at 0x%08lx, mapped PROT_NONE\n", npages,
	       (unsigned long)region);
	fflush(stdout);

	unsigned long sig0 = vmstat("fault_signal "), zero0 = vmstat("zero_fill ");
	unsigned long pf0 = vmstat("pgfault ");
	/* Touch every page twice, in a scattered order: only the first touch
	 * of each faults. */
	unsigned long bad = 0;
	for (int round = 0; round < 2; round++) {
		for (unsigned long k = 0; k < npages; k++) {
			unsigned long page = (k * 5 + 3) % npages;
			unsigned long i = (k * 37) % (PAGE / sizeof(unsigned long));
			volatile unsigned long *w = (unsigned long *)(region + page * PAGE) + i;
			if (*w != pattern(page, i))
				bad++;
		}
	}
	unsigned long sig1 = vmstat("fault_signal "), zero1 = vmstat("zero_fill ");
	unsigned long pf1 = vmstat("pgfault ");

	unsigned long once = 0;
	for (unsigned long p = 0; p < npages; p++)
		once += filled[p] == 1;
	printf("userfault: our handler: %lu faults, each a SIGSEGV with SEGV_ACCERR at its "
	       "page: %s\n", handled, wrong_code ? "no" : "yes");
	printf("userfault: every page filled once: %s; %lu words checked, %lu wrong\n",
	       once == npages ? "yes" : "no", 2 * npages, bad);
	printf("userfault: kernel: fault_signal +%lu, zero_fill +%lu, pgfault +%lu\n",
	       sig1 - sig0, zero1 - zero0, pf1 - pf0);
	int ok = handled == npages && !wrong_code && once == npages && !bad &&
		 sig1 - sig0 == npages && zero1 - zero0 >= npages && pf1 - pf0 >= 2 * npages;
	printf("userfault: %s: %lu faults handled in user space, %lu signalled by the "
	       "kernel\n", ok ? "ok" : "FAIL", handled, sig1 - sig0);
	return ok ? 0 : 1;
}
