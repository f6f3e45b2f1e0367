/* seqbuf.h: a growing text buffer for generated files (/proc), after
 * Linux's seq_file: print onto the end, pad a line to a column. Memory
 * comes from kmalloc; running out is remembered (overflow), not fatal, so
 * a generator prints on and its caller checks once at the end. */
#ifndef KERNEL_SEQBUF_H
#define KERNEL_SEQBUF_H

#include <stdbool.h>
#include <stdint.h>

struct seqbuf {
    char *buf;                  /* kmalloc'd, NUL-terminated; NULL while empty */
    uint32_t len;               /* characters in buf, the NUL not counted */
    uint32_t cap;               /* bytes allocated */
    bool overflow;              /* an allocation failed: text was dropped */
};

#define SEQBUF_INIT { 0, 0, 0, false }

/* Appends the formatted text (kernel/format.h conversions), growing buf as
 * needed. On running out of memory sets overflow and appends nothing. */
void seqbuf_printf(struct seqbuf *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Linux's seq_pad: pads the current line (the text since the last '\n')
 * with spaces up to width characters, then appends c unless it is 0. A
 * line already width long or longer gets no spaces, only c. */
void seqbuf_pad(struct seqbuf *s, uint32_t width, char c);

/* Frees buf and empties s. */
void seqbuf_free(struct seqbuf *s);

#endif
