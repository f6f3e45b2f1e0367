/* stdio.c: the three standard streams and character I/O on them.
 * Output is gathered in the stream's buffer and written when it fills, at each
 * newline (line-buffered stdout), or at once (unbuffered stderr). Input is read
 * in chunks of whatever one read() returns (a line, on a terminal). printf.c
 * formats onto these streams; exit() calls fflush(NULL). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "stream.h"

enum buffering { UNBUFFERED, LINE_BUFFERED, FULLY_BUFFERED };
enum { STREAM_EOF = 1, STREAM_ERROR = 2 };

struct file {
	int fd;
	enum buffering mode;
	int flags;              /* STREAM_EOF, STREAM_ERROR */
	int pos, len;           /* input: next unread byte, bytes in buf. output: len only */
	unsigned char buf[BUFSIZ];
};

static struct file standard_streams[3] = {
	{ .fd = 0, .mode = LINE_BUFFERED },
	{ .fd = 1, .mode = LINE_BUFFERED },
	{ .fd = 2, .mode = UNBUFFERED },
};

FILE *stdin = &standard_streams[0];
FILE *stdout = &standard_streams[1];
FILE *stderr = &standard_streams[2];

/* stream_write_all: writes the n bytes at p to the stream's descriptor,
 * retrying partial writes. 0 on success; EOF (error flag set) on failure. */
static int stream_write_all(FILE *f, const unsigned char *p, int n)
{
	while (n > 0) {
		ssize_t done = write(f->fd, p, n);
		if (done <= 0) {
			f->flags |= STREAM_ERROR;
			return EOF;
		}
		p += done;
		n -= done;
	}
	return 0;
}

/* fflush: writes out what f's buffer holds; with f NULL, does so for every
 * output stream. 0 on success, EOF on a write error (the data is dropped). */
int fflush(FILE *f)
{
	int result;

	if (!f)
		return (fflush(stdout) | fflush(stderr)) ? EOF : 0;
	if (f == stdin)
		return 0;
	result = stream_write_all(f, f->buf, f->len);
	f->len = 0;
	return result;
}

/* fputc: appends c to f's buffer, flushing as f's buffering mode says.
 * Returns c as an unsigned char, or EOF on a write error. */
int fputc(int c, FILE *f)
{
	f->buf[f->len++] = (unsigned char)c;
	if (f->len == BUFSIZ || f->mode == UNBUFFERED ||
	    (f->mode == LINE_BUFFERED && c == '\n'))
		if (fflush(f) == EOF)
			return EOF;
	return (unsigned char)c;
}

int putc(int c, FILE *f)
{
	return fputc(c, f);
}

int putchar(int c)
{
	return fputc(c, stdout);
}

size_t fwrite(const void *p, size_t size, size_t n, FILE *f)
{
	const unsigned char *bytes = p;
	size_t i, total = size * n;
	int batch = stream_begin_batch(f);

	for (i = 0; i < total; i++)
		if (fputc(bytes[i], f) == EOF)
			break;
	stream_end_batch(f, batch);
	return i == total ? n : i / size;
}

int fputs(const char *s, FILE *f)
{
	size_t n = strlen(s);

	return fwrite(s, 1, n, f) == n ? 0 : EOF;
}

/* puts: writes s and a newline to stdout. */
int puts(const char *s)
{
	if (fputs(s, stdout) == EOF || fputc('\n', stdout) == EOF)
		return EOF;
	return 0;
}

/* fgetc: the next byte of f as an unsigned char, or EOF at end of input or on
 * an error (feof/ferror tell which). Reading stdin first flushes stdout, so a
 * prompt without a newline is on the screen before we wait for the answer. */
int fgetc(FILE *f)
{
	if (f->pos == f->len) {
		ssize_t n;

		if (f == stdin)
			fflush(stdout);
		n = read(f->fd, f->buf, BUFSIZ);
		if (n <= 0) {
			f->flags |= (n == 0) ? STREAM_EOF : STREAM_ERROR;
			return EOF;
		}
		f->pos = 0;
		f->len = n;
	}
	return f->buf[f->pos++];
}

int getc(FILE *f)
{
	return fgetc(f);
}

int getchar(void)
{
	return fgetc(stdin);
}

/* fgets: reads a line (newline kept) into s, at most size-1 bytes, and
 * NUL-terminates it. Returns s, or NULL when nothing was read before EOF. */
char *fgets(char *s, int size, FILE *f)
{
	int i = 0, c = 0;

	while (i < size - 1 && c != '\n') {
		c = fgetc(f);
		if (c == EOF)
			break;
		s[i++] = (char)c;
	}
	if (i == 0 && size > 1)
		return NULL;
	s[i] = '\0';
	return s;
}

int feof(FILE *f)
{
	return f->flags & STREAM_EOF;
}

int ferror(FILE *f)
{
	return f->flags & STREAM_ERROR;
}

/* stream_begin_batch / stream_end_batch: see stream.h. */
int stream_begin_batch(FILE *f)
{
	int was_unbuffered = (f->mode == UNBUFFERED);

	if (was_unbuffered)
		f->mode = FULLY_BUFFERED;
	return was_unbuffered;
}

void stream_end_batch(FILE *f, int was_unbuffered)
{
	if (was_unbuffered) {
		f->mode = UNBUFFERED;
		fflush(f);
	}
}
