/* string.h: the kernel's memory and string functions (the C library's
 * names and contracts, so host unit tests link against libc instead). */
#ifndef KERNEL_STRING_H
#define KERNEL_STRING_H

#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
/* Copies src into dst of size bytes, always NUL-terminated (if size > 0);
 * returns strlen(src). */
size_t strlcpy(char *dst, const char *src, size_t size);

#endif
