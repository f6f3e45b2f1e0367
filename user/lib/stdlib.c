/* stdlib.c: number conversion, the environment, and leaving the process:
 * exit flushes stdio and calls _exit; abort raises SIGABRT. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int digit_value(int c)
{
	if (isdigit(c))
		return c - '0';
	if (isalpha(c))
		return tolower(c) - 'a' + 10;
	return 99;
}

/* parse_number: the common part of strtol and strtoul. Skips blanks, reads an
 * optional sign and, for base 0 or 16, a 0x prefix (base 0: 0 means octal).
 * Stores the magnitude in *value (saturated at limit, with errno ERANGE),
 * the sign in *negative, and the first unread byte in *end. */
static void parse_number(const char *s, char **end, int base, unsigned long limit,
			 unsigned long *value, int *negative)
{
	const char *start = s;
	unsigned long v = 0;
	int any = 0, overflow = 0;

	while (isspace(*s))
		s++;
	*negative = (*s == '-');
	if (*s == '-' || *s == '+')
		s++;
	if ((base == 0 || base == 16) && s[0] == '0' && (s[1] | 0x20) == 'x' &&
	    isxdigit(s[2])) {
		s += 2;
		base = 16;
	} else if (base == 0) {
		base = (s[0] == '0') ? 8 : 10;
	}
	for (; digit_value(*s) < base; s++, any = 1) {
		unsigned long d = digit_value(*s);
		if (v > (limit - d) / base)
			overflow = 1;
		else
			v = v * base + d;
	}
	if (overflow) {
		errno = ERANGE;
		v = limit;
	}
	*value = v;
	if (end)
		*end = (char *)(any ? s : start);
}

long strtol(const char *s, char **end, int base)
{
	unsigned long v;
	int negative;

	/* The magnitude of LONG_MIN is one more than LONG_MAX. */
	parse_number(s, end, base, (unsigned long)LONG_MAX + 1, &v, &negative);
	if (!negative && v > LONG_MAX) {
		errno = ERANGE;
		return LONG_MAX;
	}
	return negative ? (long)(0 - v) : (long)v;
}

unsigned long strtoul(const char *s, char **end, int base)
{
	unsigned long v;
	int negative;

	parse_number(s, end, base, ULONG_MAX, &v, &negative);
	return negative ? 0 - v : v;
}

int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

int abs(int x)
{
	return x < 0 ? -x : x;
}

/* getenv: the value of NAME=value in environ, or NULL. */
char *getenv(const char *name)
{
	size_t n = strlen(name);

	for (char **e = environ; e && *e; e++)
		if (strncmp(*e, name, n) == 0 && (*e)[n] == '=')
			return *e + n + 1;
	return NULL;
}

void exit(int status)
{
	fflush(NULL);
	_exit(status);
}

/* abort: dies of SIGABRT (its default action ends the process); if the kernel
 * somehow lets us live, exit with the status a shell would show for it. */
void abort(void)
{
	kill(getpid(), SIGABRT);
	_exit(128 + SIGABRT);
}
