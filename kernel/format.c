/* format.c: the printf-style formatter (format_emit) and ksnprintf over it.
 * Pure logic: compiled into the kernel and into the host unit tests. */
#include "kernel/format.h"
#include <stdbool.h>
#include <stdint.h>

struct spec {
    bool left;          /* '-': pad on the right */
    bool zero;          /* '0': pad numbers with zeros */
    int width;
    int precision;      /* -1: none */
};

struct sink {
    format_emit_fn emit;
    void *arg;
    int count;
};

static void put(struct sink *s, char c)
{
    s->emit(c, s->arg);
    s->count++;
}

static void pad(struct sink *s, char c, int n)
{
    while (n-- > 0)
        put(s, c);
}

/* Emits str (len characters) padded to the spec's width. A sign or "0x"
 * prefix stays in front of zero padding. */
static void put_field(struct sink *s, const struct spec *sp, const char *prefix,
                      const char *str, int len)
{
    int plen = 0;
    while (prefix[plen])
        plen++;
    int fill = sp->width - len - plen;
    if (!sp->left && !sp->zero)
        pad(s, ' ', fill);
    for (int i = 0; i < plen; i++)
        put(s, prefix[i]);
    if (!sp->left && sp->zero)
        pad(s, '0', fill);
    for (int i = 0; i < len; i++)
        put(s, str[i]);
    if (sp->left)
        pad(s, ' ', fill);
}

static void put_number(struct sink *s, const struct spec *sp, uint32_t value,
                       unsigned base, bool upper, const char *prefix)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char buf[12];
    int i = sizeof buf;
    do {
        buf[--i] = digits[value % base];
        value /= base;
    } while (value);
    put_field(s, sp, prefix, buf + i, (int)sizeof buf - i);
}

int format_emit(format_emit_fn emit, void *arg, const char *fmt, va_list ap)
{
    struct sink s = { emit, arg, 0 };

    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            put(&s, *fmt);
            continue;
        }
        struct spec sp = { false, false, 0, -1 };
        for (;; fmt++) {
            if (fmt[1] == '-')
                sp.left = true;
            else if (fmt[1] == '0')
                sp.zero = true;
            else
                break;
        }
        if (fmt[1] == '*') {
            sp.width = va_arg(ap, int);
            fmt++;
        }
        while (fmt[1] >= '0' && fmt[1] <= '9')
            sp.width = sp.width * 10 + (*++fmt - '0');
        if (fmt[1] == '.') {
            fmt++;
            sp.precision = 0;
            if (fmt[1] == '*') {
                sp.precision = va_arg(ap, int);
                fmt++;
            }
            while (fmt[1] >= '0' && fmt[1] <= '9')
                sp.precision = sp.precision * 10 + (*++fmt - '0');
        }
        while (fmt[1] == 'l')
            fmt++;
        switch (*++fmt) {
        case 'd':
        case 'i': {
            int v = va_arg(ap, int);
            uint32_t mag = v < 0 ? -(uint32_t)v : (uint32_t)v;
            put_number(&s, &sp, mag, 10, false, v < 0 ? "-" : "");
            break;
        }
        case 'u':
            put_number(&s, &sp, va_arg(ap, unsigned), 10, false, "");
            break;
        case 'x':
        case 'X':
            put_number(&s, &sp, va_arg(ap, unsigned), 16, *fmt == 'X', "");
            break;
        case 'p': {
            struct spec p = { sp.left, true, sp.width ? sp.width : 10, -1 };
            put_number(&s, &p, (uint32_t)(uintptr_t)va_arg(ap, void *), 16, false, "0x");
            break;
        }
        case 's': {
            const char *str = va_arg(ap, const char *);
            if (!str)
                str = "(null)";
            int len = 0;
            while (str[len] && (sp.precision < 0 || len < sp.precision))
                len++;
            sp.zero = false;
            put_field(&s, &sp, "", str, len);
            break;
        }
        case 'c': {
            char c = (char)va_arg(ap, int);
            sp.zero = false;
            put_field(&s, &sp, "", &c, 1);
            break;
        }
        case '%':
            put(&s, '%');
            break;
        case '\0':
            return s.count;     /* a lone '%' at the end */
        default:
            put(&s, '%');
            put(&s, *fmt);
            break;
        }
    }
    return s.count;
}

struct buffer {
    char *buf;
    size_t size;
    size_t len;
};

static void emit_to_buffer(char c, void *arg)
{
    struct buffer *b = arg;
    if (b->len + 1 < b->size)
        b->buf[b->len] = c;
    b->len++;
}

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct buffer b = { buf, size, 0 };
    int n = format_emit(emit_to_buffer, &b, fmt, ap);
    if (size > 0)
        buf[b.len < size ? b.len : size - 1] = '\0';
    return n;
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = kvsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
