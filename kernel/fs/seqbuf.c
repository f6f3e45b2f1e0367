/* seqbuf.c: the growing text buffer /proc's files are printed into (see
 * seqbuf.h). Formatting is kernel/format.c's; this file only finds room:
 * it doubles the buffer when a print does not fit and prints again. */
#include "kernel/fs/seqbuf.h"
#include <stdarg.h>
#include "kernel/format.h"
#include "kernel/string.h"
#include "mm/kmalloc.h"

#define SEQBUF_FIRST 256        /* first allocation, bytes */

/* Makes room for need more characters and the NUL. Returns 0, or -1 with
 * overflow set (s unchanged otherwise). */
static int seqbuf_reserve(struct seqbuf *s, uint32_t need)
{
    if (s->overflow)
        return -1;
    if (s->cap > s->len && need < s->cap - s->len)
        return 0;
    uint32_t cap = s->cap ? s->cap : SEQBUF_FIRST;
    while (cap - s->len <= need) {
        if (cap > 0x40000000u)
            goto fail;
        cap *= 2;
    }
    char *buf = kmalloc(cap);
    if (!buf)
        goto fail;
    if (s->buf)
        memcpy(buf, s->buf, s->len + 1);
    else
        buf[0] = '\0';
    kfree(s->buf);
    s->buf = buf;
    s->cap = cap;
    return 0;
fail:
    s->overflow = true;
    return -1;
}

void seqbuf_printf(struct seqbuf *s, const char *fmt, ...)
{
    va_list ap;
    if (seqbuf_reserve(s, 0) < 0)
        return;
    va_start(ap, fmt);
    int n = kvsnprintf(s->buf + s->len, s->cap - s->len, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((uint32_t)n >= s->cap - s->len) {   /* cut short: grow and print again */
        s->buf[s->len] = '\0';
        if (seqbuf_reserve(s, (uint32_t)n) < 0)
            return;
        va_start(ap, fmt);
        kvsnprintf(s->buf + s->len, s->cap - s->len, fmt, ap);
        va_end(ap);
    }
    s->len += (uint32_t)n;
}

void seqbuf_pad(struct seqbuf *s, uint32_t width, char c)
{
    uint32_t line = s->len;
    while (line > 0 && s->buf[line - 1] != '\n')
        line--;
    uint32_t have = s->len - line;
    uint32_t spaces = have < width ? width - have : 0;
    if (seqbuf_reserve(s, spaces + 1) < 0)
        return;
    memset(s->buf + s->len, ' ', spaces);
    s->len += spaces;
    if (c)
        s->buf[s->len++] = c;
    s->buf[s->len] = '\0';
}

void seqbuf_free(struct seqbuf *s)
{
    kfree(s->buf);
    s->buf = 0;
    s->len = s->cap = 0;
    s->overflow = false;
}
