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

/* The working directory (getcwd is a wrapper: the call returns a length). */
char *getcwd(char *buf, size_t size);
int chdir(const char *path);
int fchdir(int fd);

/* Descriptors. */
int dup(int fd);
int dup2(int oldfd, int newfd);
int dup3(int oldfd, int newfd, int flags);
ssize_t pread(int fd, void *buf, size_t n, off_t offset);
int isatty(int fd);

/* Names. */
#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4
int access(const char *path, int mode);
int faccessat(int dirfd, const char *path, int mode);
ssize_t readlink(const char *path, char *buf, size_t size);
ssize_t readlinkat(int dirfd, const char *path, char *buf, size_t size);

/* Who we are: everyone is root (0) on vmos. */
uid_t getuid(void);
uid_t geteuid(void);
gid_t getgid(void);
gid_t getegid(void);
pid_t getpgrp(void);
pid_t getpgid(pid_t pid);
int setpgid(pid_t pid, pid_t pgid);
pid_t getsid(pid_t pid);
pid_t setsid(void);

int brk(void *addr);
void *sbrk(int increment);
unsigned int sleep(unsigned int seconds);
unsigned int alarm(unsigned int seconds);
int pause(void);

#endif
