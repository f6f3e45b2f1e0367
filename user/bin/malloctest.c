/* malloctest: stress test of malloc/free/realloc/calloc. Thousands of random
 * operations on a table of blocks, each filled with a pattern that is checked
 * before it is freed or resized; the allocator's invariants are checked as it
 * goes; at the end, with everything freed, the break must be back where it began.
 * Prints "malloctest: ok" and exits 0 on success; "malloctest: FAIL ..." and 1. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SLOTS  256
#define ROUNDS 20000

struct slot {
	unsigned char *p;
	size_t size;
	unsigned char seed;
};

static struct slot slots[SLOTS];
static unsigned int rng_state = 12345;
static int round_number;

static unsigned int rng(void)
{
	rng_state = rng_state * 1103515245u + 12345u;
	return rng_state >> 8;
}

static void fail(const char *why)
{
	printf("malloctest: FAIL: %s (round %d)\n", why, round_number);
	exit(1);
}

/* random_size: mostly small blocks, some pages, a few large ones. */
static size_t random_size(void)
{
	unsigned int r = rng() % 100;

	if (r < 60)
		return rng() % 64;
	if (r < 90)
		return 1 + rng() % 1024;
	if (r < 99)
		return 1 + rng() % 16384;
	return 1 + rng() % 200000;
}

static void fill(struct slot *s)
{
	s->seed = (unsigned char)rng();
	for (size_t i = 0; i < s->size; i++)
		s->p[i] = (unsigned char)(s->seed + i * 7);
}

/* check: the first n bytes of s still hold s's pattern. */
static void check(const struct slot *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s->p[i] != (unsigned char)(s->seed + i * 7))
			fail("a block's contents changed");
}

static void check_heap(void)
{
	const char *problem = malloc_check();

	if (problem)
		fail(problem);
	for (int i = 0; i < SLOTS; i++)
		check(&slots[i], slots[i].p ? slots[i].size : 0);
}

/* one_operation: allocates an empty slot (malloc or calloc), or resizes or frees
 * a full one. */
static void one_operation(struct slot *s)
{
	if (!s->p) {
		int zeroed = rng() % 8 == 0;
		s->size = random_size();
		s->p = zeroed ? calloc(1, s->size) : malloc(s->size);
		if (!s->p)
			fail("allocation failed");
		for (size_t i = 0; zeroed && i < s->size; i++)
			if (s->p[i])
				fail("calloc memory is not zero");
		fill(s);
	} else if (rng() % 3 == 0) {
		size_t size = random_size();
		unsigned char *p = realloc(s->p, size);
		if (!p)
			fail("realloc failed");
		s->p = p;
		check(s, size < s->size ? size : s->size);
		s->size = size;
		fill(s);
	} else {
		check(s, s->size);
		free(s->p);
		s->p = NULL;
	}
	if ((uintptr_t)s->p % 8)
		fail("block is not 8-byte aligned");
}

/* check_coalescing: three neighbours freed in the order left, right, middle
 * must merge into one block that a request for all three fits exactly. */
static void check_coalescing(void)
{
	char *a = malloc(100), *b = malloc(100), *c = malloc(100), *top = malloc(8);
	char *all;

	free(a);
	free(c);
	free(b);
	all = malloc(300);
	if (all != a)
		fail("freed neighbours were not coalesced");
	free(all);
	free(top);
}

int main(void)
{
	char *start = sbrk(0), *peak = start;

	free(NULL);
	check_coalescing();
	if ((char *)sbrk(0) != start)
		fail("break not back at its start after the coalescing test");
	for (round_number = 1; round_number <= ROUNDS; round_number++) {
		one_operation(&slots[rng() % SLOTS]);
		if ((char *)sbrk(0) > peak)
			peak = sbrk(0);
		if (round_number % 1000 == 0)
			check_heap();
	}
	check_heap();
	for (int i = 0; i < SLOTS; i++) {
		check(&slots[i], slots[i].p ? slots[i].size : 0);
		free(slots[i].p);
	}
	if (malloc_check())
		fail(malloc_check());
	if ((char *)sbrk(0) != start)
		fail("break not back at its start after freeing everything");
	printf("malloctest: %d operations, heap peaked at %lu bytes\n", ROUNDS,
	       (unsigned long)(peak - start));
	printf("malloctest: ok\n");
	return 0;
}
