/* procfile.h: reading the kernel's text files under /proc (lib/procfile.c):
 * a whole file into a buffer, and the number on a "Name: value" line. */
#ifndef _PROCFILE_H
#define _PROCFILE_H
#include <stddef.h>

/* procfile_read: reads the file at path into buf (size bytes, NUL-terminated,
 * the end cut off if it does not fit). Returns its length, or -1 with errno set. */
int procfile_read(const char *path, char *buf, size_t size);

/* procfile_value: finds the line of text that starts with key (e.g. "MemFree:"
 * or "pgfault ") and stores the decimal number after it (blanks and tabs
 * skipped) in *value. Returns 0, or -1 if there is no such line. */
int procfile_value(const char *text, const char *key, unsigned long *value);

/* procfile_string: as procfile_value, but copies the rest of the line after
 * the blanks (e.g. the "R (running)" of "State:\tR (running)") into out
 * (size bytes, NUL-terminated). Returns 0, or -1 if there is no such line. */
int procfile_string(const char *text, const char *key, char *out, size_t size);

#endif
