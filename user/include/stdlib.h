/* stdlib.h: memory allocation (lib/malloc.c), number conversion, the
 * environment and process exit (lib/stdlib.c). */
#ifndef _STDLIB_H
#define _STDLIB_H

#include <stddef.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1

void *malloc(size_t size);
void free(void *p);
void *realloc(void *p, size_t size);
void *calloc(size_t n, size_t size);
/* Walks the heap checking the allocator's invariants: NULL if they hold,
 * otherwise a sentence saying which one is broken. For tests. */
const char *malloc_check(void);

long strtol(const char *s, char **end, int base);
unsigned long strtoul(const char *s, char **end, int base);
int atoi(const char *s);
int abs(int x);

char *getenv(const char *name);

void exit(int status) __attribute__((noreturn));
void abort(void) __attribute__((noreturn));

#endif
