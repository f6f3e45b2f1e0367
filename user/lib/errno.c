/* errno.c: the errno variable the system-call stubs set, and its messages:
 * strerror and perror, with glibc's wording for the common values. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

int errno;

static const char *const messages[] = {
	[0]            = "Success",
	[EPERM]        = "Operation not permitted",
	[ENOENT]       = "No such file or directory",
	[ESRCH]        = "No such process",
	[EINTR]        = "Interrupted system call",
	[EIO]          = "Input/output error",
	[ENXIO]        = "No such device or address",
	[E2BIG]        = "Argument list too long",
	[ENOEXEC]      = "Exec format error",
	[EBADF]        = "Bad file descriptor",
	[ECHILD]       = "No child processes",
	[EAGAIN]       = "Resource temporarily unavailable",
	[ENOMEM]       = "Cannot allocate memory",
	[EACCES]       = "Permission denied",
	[EFAULT]       = "Bad address",
	[EBUSY]        = "Device or resource busy",
	[EEXIST]       = "File exists",
	[EXDEV]        = "Invalid cross-device link",
	[ENODEV]       = "No such device",
	[ENOTDIR]      = "Not a directory",
	[EISDIR]       = "Is a directory",
	[EINVAL]       = "Invalid argument",
	[ENFILE]       = "Too many open files in system",
	[EMFILE]       = "Too many open files",
	[ENOTTY]       = "Inappropriate ioctl for device",
	[EFBIG]        = "File too large",
	[ENOSPC]       = "No space left on device",
	[ESPIPE]       = "Illegal seek",
	[EROFS]        = "Read-only file system",
	[EMLINK]       = "Too many links",
	[EPIPE]        = "Broken pipe",
	[EDOM]         = "Numerical argument out of domain",
	[ERANGE]       = "Numerical result out of range",
	[ENAMETOOLONG] = "File name too long",
	[ENOSYS]       = "Function not implemented",
	[ENOTEMPTY]    = "Directory not empty",
};

/* strerror: the message for errnum; for a number without one, "Unknown error N"
 * in a static buffer that the next such call overwrites. */
char *strerror(int errnum)
{
	static char unknown[32];
	int count = sizeof(messages) / sizeof(messages[0]);

	if (errnum >= 0 && errnum < count && messages[errnum])
		return (char *)messages[errnum];
	snprintf(unknown, sizeof(unknown), "Unknown error %d", errnum);
	return unknown;
}

/* perror: prints "s: message for errno" (or just the message) on stderr. */
void perror(const char *s)
{
	const char *message = strerror(errno);

	if (s && *s)
		fprintf(stderr, "%s: %s\n", s, message);
	else
		fprintf(stderr, "%s\n", message);
}
