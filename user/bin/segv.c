/* segv: dies of SIGSEGV on purpose, in one of three ways:
 *   null    read address 0 (the first pages are never mapped)       [default]
 *   text    write to our own code (text is mapped read-only)
 *   kernel  read 0xC0000000 (kernel memory: present but not user-accessible)
 * If the access does not fault, prints so and exits 1. */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	const char *how = argc > 1 ? argv[1] : "null";
	volatile int *target;
	int write = 0;

	if (strcmp(how, "null") == 0) {
		target = (volatile int *)0;
	} else if (strcmp(how, "text") == 0) {
		target = (volatile int *)(void *)main;
		write = 1;
	} else if (strcmp(how, "kernel") == 0) {
		target = (volatile int *)0xC0000000;
	} else {
		fprintf(stderr, "usage: segv [null|text|kernel]\n");
		return 2;
	}
	printf("segv: %s address 0x%08lx (%s)\n", write ? "writing" : "reading",
	       (unsigned long)target, how);
	fflush(stdout);
	if (write)
		*target = 0;
	else
		(void)*target;
	printf("segv: the access did not fault\n");
	return 1;
}
