/* printf.c: formatted output. One formatter, format(), writes characters into a
 * sink that is either a FILE or a string buffer; the printf family are thin
 * wrappers. Conversions: %d %i %u %x %X %p %s %c %%, with the l and ll (and z)
 * length modifiers, a width (or *), the - and 0 flags, and a precision for %s. */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include "stream.h"

struct sink {
	FILE *file;             /* write here, or, when NULL, into buf */
	char *buf;
	size_t size;            /* buf's size, room for the NUL included */
	size_t count;           /* characters produced, even those that did not fit */
};

struct spec {
	int left;               /* '-' flag: pad on the right */
	int zero;               /* '0' flag: pad numbers with zeros */
	int width;              /* minimum field width */
	int precision;          /* %s: at most this many bytes; -1: no limit */
	int longs;              /* number of 'l' modifiers */
};

static void sink_put(struct sink *s, char c)
{
	if (s->file)
		fputc(c, s->file);
	else if (s->count + 1 < s->size)
		s->buf[s->count] = c;
	s->count++;
}

static void sink_repeat(struct sink *s, char c, int n)
{
	while (n-- > 0)
		sink_put(s, c);
}

/* format_number: writes prefix (a sign, "0x" or "") and value in the given base,
 * padded to spec->width with spaces, or with zeros between prefix and digits. */
static void format_number(struct sink *s, const struct spec *spec,
			  unsigned long long value, int base, int upper,
			  const char *prefix)
{
	const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char digits[24];
	int n = 0, pad;

	do {
		digits[n++] = set[value % base];
		value /= base;
	} while (value);
	pad = spec->width - n - (int)strlen(prefix);
	if (!spec->left && !spec->zero)
		sink_repeat(s, ' ', pad);
	while (*prefix)
		sink_put(s, *prefix++);
	if (!spec->left && spec->zero)
		sink_repeat(s, '0', pad);
	while (n > 0)
		sink_put(s, digits[--n]);
	if (spec->left)
		sink_repeat(s, ' ', pad);
}

/* format_string: writes str (at most spec->precision bytes of it), padded. */
static void format_string(struct sink *s, const struct spec *spec, const char *str)
{
	int n = 0;

	if (!str)
		str = "(null)";
	while (str[n] && (spec->precision < 0 || n < spec->precision))
		n++;
	if (!spec->left)
		sink_repeat(s, ' ', spec->width - n);
	for (int i = 0; i < n; i++)
		sink_put(s, str[i]);
	if (spec->left)
		sink_repeat(s, ' ', spec->width - n);
}

/* parse_spec: reads the flags, width, precision and length modifiers that
 * follow a '%' (taking * values from ap) and returns the conversion character's
 * address. */
static const char *parse_spec(const char *p, struct spec *spec, va_list *ap)
{
	*spec = (struct spec){ .precision = -1 };
	for (;; p++) {
		if (*p == '-')
			spec->left = 1;
		else if (*p == '0')
			spec->zero = 1;
		else
			break;
	}
	if (*p == '*') {
		spec->width = va_arg(*ap, int);
		if (spec->width < 0) {
			spec->left = 1;
			spec->width = -spec->width;
		}
		p++;
	}
	for (; *p >= '0' && *p <= '9'; p++)
		spec->width = spec->width * 10 + (*p - '0');
	if (*p == '.') {
		spec->precision = 0;
		if (*++p == '*') {
			spec->precision = va_arg(*ap, int);
			p++;
		}
		for (; *p >= '0' && *p <= '9'; p++)
			spec->precision = spec->precision * 10 + (*p - '0');
	}
	for (; *p == 'l' || *p == 'z'; p++)
		spec->longs += (*p == 'l');
	return p;
}

/* format_signed / format_unsigned: fetch an argument of the size spec says. */
static void format_signed(struct sink *s, const struct spec *spec, va_list *ap)
{
	long long v = spec->longs >= 2 ? va_arg(*ap, long long)
		    : spec->longs == 1 ? va_arg(*ap, long) : va_arg(*ap, int);
	unsigned long long magnitude = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

	format_number(s, spec, magnitude, 10, 0, v < 0 ? "-" : "");
}

static void format_unsigned(struct sink *s, const struct spec *spec, va_list *ap,
			    int base, int upper)
{
	unsigned long long v = spec->longs >= 2 ? va_arg(*ap, unsigned long long)
			     : spec->longs == 1 ? va_arg(*ap, unsigned long)
			     : va_arg(*ap, unsigned int);

	format_number(s, spec, v, base, upper, "");
}

/* format: writes fmt to s, expanding each conversion with the next argument. */
static void format(struct sink *s, const char *fmt, va_list ap)
{
	struct spec spec;
	char c;

	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			sink_put(s, *p);
			continue;
		}
		p = parse_spec(p + 1, &spec, &ap);
		switch (*p) {
		case 'd': case 'i':
			format_signed(s, &spec, &ap);
			break;
		case 'u':
			format_unsigned(s, &spec, &ap, 10, 0);
			break;
		case 'x': case 'X':
			format_unsigned(s, &spec, &ap, 16, *p == 'X');
			break;
		case 'p':
			format_number(s, &spec, (unsigned long)va_arg(ap, void *), 16, 0, "0x");
			break;
		case 's':
			format_string(s, &spec, va_arg(ap, const char *));
			break;
		case 'c':
			c = (char)va_arg(ap, int);
			spec.precision = 1;
			format_string(s, &spec, &c);
			break;
		case '%':
			sink_put(s, '%');
			break;
		case '\0':              /* a lone '%' at the end */
			return;
		default:                /* unknown: print it as it stands */
			sink_put(s, '%');
			sink_put(s, *p);
		}
	}
}

/* vsnprintf: formats into buf, writing at most size bytes including the NUL.
 * Returns the length the whole result has, even if it was cut short. */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct sink s = { .buf = buf, .size = size };

	format(&s, fmt, ap);
	if (size > 0)
		buf[s.count < size ? s.count : size - 1] = '\0';
	return (int)s.count;
}

int vfprintf(FILE *f, const char *fmt, va_list ap)
{
	struct sink s = { .file = f };
	int batch = stream_begin_batch(f);

	format(&s, fmt, ap);
	stream_end_batch(f, batch);
	return ferror(f) ? -1 : (int)s.count;
}

int vprintf(const char *fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return n;
}

int fprintf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(f, fmt, ap);
	va_end(ap);
	return n;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int sprintf(char *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, INT_MAX, fmt, ap);
	va_end(ap);
	return n;
}
