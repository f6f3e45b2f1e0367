/* wrappers.c: C wrappers that give raw system calls their POSIX names and shapes:
 * brk and sbrk over the raw __brk (Linux's brk returns the break, not 0/-1),
 * mmap over mmap2, wait and waitpid over wait4, sleep over nanosleep, statfs and
 * fstatfs over statfs64 and fstatfs64, getcwd, pread, isatty, clock_nanosleep
 * and times. */
#include <errno.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/statfs.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* The raw call: asks for the break to move to addr (0: just ask where it is)
 * and returns where it now is, which is the old break when the kernel refused. */
char *__brk(void *addr);

static char *current_break;

/* brk: moves the break to addr. 0 on success; -1 with errno ENOMEM if refused. */
int brk(void *addr)
{
	current_break = __brk(addr);
	if (current_break != addr) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

/* sbrk: moves the break by increment bytes (which may be negative) and returns
 * the old break, i.e. the start of the new memory; (void *)-1, ENOMEM if refused. */
void *sbrk(int increment)
{
	char *old;

	if (!current_break)
		current_break = __brk(0);
	old = current_break;
	if (increment != 0 && brk(old + increment) < 0)
		return (void *)-1;
	return old;
}

/* mmap: offset must be a multiple of the 4096-byte page; mmap2 takes it in pages. */
void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t offset)
{
	if (offset & 4095) {
		errno = EINVAL;
		return MAP_FAILED;
	}
	return mmap2(addr, len, prot, flags, fd, (unsigned long)offset >> 12);
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	return wait4(pid, status, options, NULL);
}

pid_t wait(int *status)
{
	return wait4(-1, status, 0, NULL);
}

/* sleep: returns 0, or the whole seconds left when the sleep was interrupted. */
unsigned int sleep(unsigned int seconds)
{
	struct timespec request = { (time_t)seconds, 0 }, remaining = { 0, 0 };

	if (nanosleep(&request, &remaining) < 0)
		return remaining.tv_sec + (remaining.tv_nsec > 0);
	return 0;
}

/* statfs, fstatfs: the 64-bit calls, which want the structure's size. */
int __statfs64(const char *path, unsigned int size, struct statfs *buf);
int __fstatfs64(int fd, unsigned int size, struct statfs *buf);

int statfs(const char *path, struct statfs *buf)
{
	return __statfs64(path, sizeof(*buf), buf);
}

int fstatfs(int fd, struct statfs *buf)
{
	return __fstatfs64(fd, sizeof(*buf), buf);
}

int __getcwd(char *buf, size_t size);

/* getcwd: the raw call returns the path's length with its NUL. */
char *getcwd(char *buf, size_t size)
{
	return __getcwd(buf, size) < 0 ? NULL : buf;
}

ssize_t pread64(int fd, void *buf, size_t n, unsigned long lo, long hi);

/* pread: the 64-bit offset goes in two words, low first. */
ssize_t pread(int fd, void *buf, size_t n, off_t offset)
{
	return pread64(fd, buf, n, (unsigned long)offset, offset < 0 ? -1 : 0);
}

/* isatty: a terminal is what answers TCGETS (errno ENOTTY otherwise). */
int isatty(int fd)
{
	char termios[60];

	return ioctl(fd, TCGETS, termios) == 0;
}

int __clock_nanosleep(clockid_t clock, int flags, const struct timespec *request,
		      struct timespec *remaining);

/* clock_nanosleep: returns the error number itself, as POSIX says. */
int clock_nanosleep(clockid_t clock, int flags, const struct timespec *request,
		    struct timespec *remaining)
{
	return -__clock_nanosleep(clock, flags, request, remaining);
}

clock_t __times(struct tms *t);

clock_t times(struct tms *t)
{
	return __times(t);
}
