/* errno.h: Linux's errno values, which system calls return negated. */
#ifndef KERNEL_ERRNO_H
#define KERNEL_ERRNO_H

#define EPERM 1
#define ENOENT 2
#define ESRCH 3
#define EINTR 4
#define EIO 5
#define ENXIO 6
#define E2BIG 7
#define ENOEXEC 8
#define EBADF 9
#define ECHILD 10
#define EAGAIN 11
#define ENOMEM 12
#define EACCES 13
#define EFAULT 14
#define EBUSY 16
#define EEXIST 17
#define EXDEV 18
#define ENODEV 19
#define ENOTDIR 20
#define EISDIR 21
#define EINVAL 22
#define ENFILE 23
#define EMFILE 24
#define ENOTTY 25
#define EFBIG 27
#define ENOSPC 28
#define ESPIPE 29
#define EROFS 30
#define EPIPE 32
#define ERANGE 34
#define ENAMETOOLONG 36
#define ENOSYS 38
#define ENOTEMPTY 39
#define ELOOP 40
#define EIDRM 43
#define EOVERFLOW 75
#define ELIBBAD 80
#define EOPNOTSUPP 95

/* Never seen by user programs: a system call interrupted by a signal
 * returns one of these, and kernel/signal.c turns it into -EINTR or a
 * restart of the call (Linux's values and rules). */
#define ERESTARTSYS 512             /* restart if the handler has SA_RESTART */
#define ERESTARTNOINTR 513          /* always restart */
#define ERESTARTNOHAND 514          /* restart only if no handler runs */
#define ERESTART_RESTARTBLOCK 516   /* -EINTR if a handler runs */

#endif
