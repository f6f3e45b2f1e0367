/* segments: prints where the parts of a process live, sorted by address, so the
 * layout of the address space can be read off: text, data, bss, heap, then far
 * above them the stack, with argv, environ and their strings at its top. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

struct place {
	const char *segment;
	unsigned long address;
	const char *what;
};

int initialised_global = 42;   /* data */
int zeroed_global;             /* bss */

int main(int argc, char **argv)
{
	int local = argc;
	char *block = malloc(16);
	struct place places[] = {
		{ "text",  (unsigned long)main,                "main" },
		{ "data",  (unsigned long)&initialised_global, "initialised_global" },
		{ "bss",   (unsigned long)&zeroed_global,      "zeroed_global" },
		{ "heap",  (unsigned long)block,               "malloc(16)" },
		{ "stack", (unsigned long)&local,              "local variable in main" },
		{ "stack", (unsigned long)argv,                "argv array" },
		{ "stack", (unsigned long)environ,             "environ array" },
		{ "stack", (unsigned long)argv[0],             "argv[0] string" },
	};
	int n = sizeof(places) / sizeof(places[0]);

	/* Insertion sort by address. */
	for (int i = 1; i < n; i++) {
		struct place p = places[i];
		int j = i;
		for (; j > 0 && places[j - 1].address > p.address; j--)
			places[j] = places[j - 1];
		places[j] = p;
	}
	for (int i = 0; i < n; i++)
		printf("%-8s 0x%08lx  %s\n", places[i].segment, places[i].address,
		       places[i].what);
	free(block);
	return local == argc ? 0 : 1;
}
