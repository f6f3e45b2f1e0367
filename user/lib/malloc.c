/* malloc.c: the heap allocator (malloc, free, realloc, calloc) over brk.
 *
 * The heap is one run of blocks from heap_start up to the break (heap_end):
 *
 *   heap_base  heap_start                                          heap_end = brk
 *   |  pad     | hdr | payload ...  | ftr | hdr | payload ... | ftr |
 *
 * Every block starts with a header word and ends with a footer word (boundary tags),
 * both holding the block's total size (a multiple of 8, at least MIN_BLOCK) with
 * bit 0 set while the block is in use. The footer lets free() step back to the
 * previous block. Headers sit at 4 mod 8, so payloads are 8-byte aligned; the pad
 * below heap_start arranges that for the first one.
 *
 * Free blocks keep two links in their payload: the free list, doubly linked,
 * searched first fit. The invariants (malloc_check tests them): blocks tile
 * [heap_start, heap_end) exactly; no two free blocks are neighbours (free
 * coalesces them); the free list holds exactly the free blocks; the top block
 * is never free (free gives it back to the kernel by lowering brk), so an empty
 * heap has the break back at heap_base, where it started.
 *
 * We assume nobody else moves the break while the heap is in use.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define USED      1u
#define TAG_SIZE  sizeof(size_t)                   /* one header or footer word */
#define MIN_BLOCK 16                               /* header, two links, footer */

struct block {                 /* a block, seen from its header */
	size_t tag;                /* size | USED */
	struct block *next_free;   /* the links exist only while the block is free */
	struct block *prev_free;
};

static char *heap_base;        /* the break before the heap existed; NULL: no heap */
static char *heap_start;       /* the first block's header */
static char *heap_end;         /* one past the last block: the break */
static struct block *free_list;

static size_t block_size(const struct block *b) { return b->tag & ~(size_t)7; }
static int block_is_used(const struct block *b) { return b->tag & USED; }
static void *block_payload(struct block *b) { return (char *)b + TAG_SIZE; }
static struct block *payload_block(void *p) { return (struct block *)((char *)p - TAG_SIZE); }

/* block_set_tags: writes b's header and footer: size bytes, used or free. */
static void block_set_tags(struct block *b, size_t size, unsigned used)
{
	b->tag = size | used;
	*(size_t *)((char *)b + size - TAG_SIZE) = size | used;
}

static struct block *block_next(struct block *b)
{
	char *next = (char *)b + block_size(b);
	return next < heap_end ? (struct block *)next : NULL;
}

static struct block *block_prev(struct block *b)
{
	size_t prev_tag;

	if ((char *)b == heap_start)
		return NULL;
	prev_tag = *(size_t *)((char *)b - TAG_SIZE);
	return (struct block *)((char *)b - (prev_tag & ~(size_t)7));
}

static void free_list_insert(struct block *b)
{
	b->prev_free = NULL;
	b->next_free = free_list;
	if (free_list)
		free_list->prev_free = b;
	free_list = b;
}

static void free_list_remove(struct block *b)
{
	if (b->prev_free)
		b->prev_free->next_free = b->next_free;
	else
		free_list = b->next_free;
	if (b->next_free)
		b->next_free->prev_free = b->prev_free;
}

/* heap_init: records where the break is and pads it so the first header lands
 * at 4 mod 8. 0 on success, -1 (errno ENOMEM) if the break cannot move. */
static int heap_init(void)
{
	char *base = sbrk(0);
	size_t pad = (12 - (uintptr_t)base % 8) % 8;

	if (sbrk(pad) == (void *)-1)
		return -1;
	heap_base = base;
	heap_start = heap_end = base + pad;
	return 0;
}

/* block_release: makes b (size already in its tags, not on the free list) free:
 * merges it with a free next and previous block, then either returns it to the
 * kernel, if it is now the top block, or puts it on the free list. */
static void block_release(struct block *b)
{
	size_t size = block_size(b);
	struct block *next = block_next(b), *prev = block_prev(b);

	if (next && !block_is_used(next)) {
		free_list_remove(next);
		size += block_size(next);
	}
	if (prev && !block_is_used(prev)) {
		free_list_remove(prev);
		size += block_size(prev);
		b = prev;
	}
	block_set_tags(b, size, 0);
	if ((char *)b + size < heap_end) {
		free_list_insert(b);
	} else if ((char *)b == heap_start) {   /* the heap is empty: undo heap_init too */
		brk(heap_base);
		heap_base = NULL;
	} else {
		brk(b);
		heap_end = (char *)b;
	}
}

/* block_place: b spans size bytes and is in no list; makes its first need bytes
 * a used block and releases the rest as a free block if it is big enough for one. */
static void block_place(struct block *b, size_t size, size_t need)
{
	if (size - need >= MIN_BLOCK) {
		struct block *rest = (struct block *)((char *)b + need);
		block_set_tags(b, need, USED);
		block_set_tags(rest, size - need, 0);
		block_release(rest);
	} else {
		block_set_tags(b, size, USED);
	}
}

/* block_need: the block size that holds n payload bytes, or 0 when that would
 * not fit in the int that sbrk takes. */
static size_t block_need(size_t n)
{
	if (n > INT32_MAX - 4 * TAG_SIZE)
		return 0;
	n = (n + 2 * TAG_SIZE + 7) & ~(size_t)7;
	return n < MIN_BLOCK ? MIN_BLOCK : n;
}

/* malloc: 8-byte-aligned memory for n bytes (a distinct pointer even for 0),
 * or NULL with errno ENOMEM. */
void *malloc(size_t n)
{
	size_t need = block_need(n);
	struct block *b;

	if (!need) {
		errno = ENOMEM;
		return NULL;
	}
	if (!heap_base && heap_init() < 0)
		return NULL;
	for (b = free_list; b; b = b->next_free)
		if (block_size(b) >= need) {
			free_list_remove(b);
			block_place(b, block_size(b), need);
			return block_payload(b);
		}
	/* No fit: grow the heap by one block (the top block is never free to extend). */
	b = sbrk((int)need);
	if (b == (void *)-1) {
		if (heap_start == heap_end) {   /* nothing allocated: undo heap_init */
			brk(heap_base);
			heap_base = NULL;
		}
		return NULL;
	}
	heap_end = (char *)b + need;
	block_set_tags(b, need, USED);
	return block_payload(b);
}

void free(void *p)
{
	if (p)
		block_release(payload_block(p));
}

/* realloc: resizes p's block to n bytes, in place when it can (shrinking,
 * absorbing a free next block, or growing the top block), otherwise by moving.
 * On failure returns NULL and leaves p untouched. realloc(NULL, n) is malloc. */
void *realloc(void *p, size_t n)
{
	struct block *b, *next;
	size_t size, need = block_need(n);
	void *q;

	if (!p)
		return malloc(n);
	if (!need) {
		errno = ENOMEM;
		return NULL;
	}
	b = payload_block(p);
	size = block_size(b);
	next = block_next(b);
	if (need <= size) {
		block_place(b, size, need);
		return p;
	}
	if (next && !block_is_used(next) && size + block_size(next) >= need) {
		free_list_remove(next);
		block_place(b, size + block_size(next), need);
		return p;
	}
	if (!next && sbrk((int)(need - size)) != (void *)-1) {
		heap_end = (char *)b + need;
		block_set_tags(b, need, USED);
		return p;
	}
	q = malloc(n);
	if (!q)
		return NULL;
	memcpy(q, p, size - 2 * TAG_SIZE);
	free(p);
	return q;
}

/* calloc: zeroed memory for n objects of size bytes; NULL (ENOMEM) on overflow. */
void *calloc(size_t n, size_t size)
{
	void *p;

	if (size && n > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	p = malloc(n * size);
	return p ? memset(p, 0, n * size) : NULL;
}

const char *malloc_check(void)
{
	size_t free_blocks = 0, listed = 0;
	int prev_free = 0;
	char *p;

	if (!heap_base)
		return free_list ? "free list not empty without a heap" : NULL;
	if (heap_end != (char *)sbrk(0))
		return "heap does not end at the break";
	for (p = heap_start; p < heap_end; p += block_size((struct block *)p)) {
		struct block *b = (struct block *)p;
		size_t size = block_size(b);
		if (size < MIN_BLOCK || p + size > heap_end)
			return "block size out of range";
		if (*(size_t *)(p + size - TAG_SIZE) != b->tag)
			return "header and footer differ";
		if (!block_is_used(b) && prev_free)
			return "two free blocks are neighbours";
		if (!block_is_used(b) && p + size == heap_end)
			return "the top block is free";
		prev_free = !block_is_used(b);
		free_blocks += prev_free;
	}
	for (struct block *b = free_list; b; b = b->next_free, listed++)
		if (block_is_used(b) || (b->next_free && b->next_free->prev_free != b))
			return "free list is corrupt";
	return listed == free_blocks ? NULL : "free list does not match the heap";
}
