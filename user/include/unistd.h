/* unistd.h: process, file-descriptor and memory-break calls.
 * Most are system-call stubs generated from lib/syscalls.list; brk, sbrk and
 * sleep are C wrappers in lib/wrappers.c. */
#ifndef _UNISTD_H
#define _UNISTD_H

#include <sys/types.h>

#define STDIN_FILENO  0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

extern char **environ;

void _exit(int status) __attribute__((noreturn));
void exit_group(int status) __attribute__((noreturn));
pid_t fork(void);
ssize_t read(int fd, void *buf, size_t n);
ssize_t write(int fd, const void *buf, size_t n);
int close(int fd);
int execve(const char *path, char *const argv[], char *const envp[]);
off_t lseek(int fd, off_t offset, int whence);
int _llseek(unsigned int fd, unsigned long offset_high, unsigned long offset_low,
	    loff_t *result, unsigned int whence);
pid_t getpid(void);
pid_t gettid(void);
pid_t getppid(void);
int unlink(const char *path);
int rmdir(const char *path);
int pipe(int fds[2]);
int pipe2(int fds[2], int flags);
int truncate(const char *path, off_t length);
int ftruncate(int fd, off_t length);
int fsync(int fd);
int fdatasync(int fd);

int brk(void *addr);
void *sbrk(int increment);
unsigned int sleep(unsigned int seconds);
unsigned int alarm(unsigned int seconds);
int pause(void);

#endif
