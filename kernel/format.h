/* format.h: the printf-style formatter shared by printk and snprintf.
 * It knows nothing of devices: it hands each character to a callback. */
#ifndef KERNEL_FORMAT_H
#define KERNEL_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

typedef void (*format_emit_fn)(char c, void *arg);

/* Formats fmt with ap, calling emit(c, arg) for each output character.
 * Knows %d %i %u %x %X %p %s %c %% with the flags '-' and '0', a field width
 * (a number or '*'), a precision for %s (a number or '*'), and the 'l' modifier (a no-op on i386).
 * Returns the number of characters emitted. */
int format_emit(format_emit_fn emit, void *arg, const char *fmt, va_list ap);

/* snprintf for the kernel: writes at most size-1 characters and a NUL (if
 * size > 0); returns the length the full output would have had. */
int ksnprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

#endif
