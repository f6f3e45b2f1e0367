/* pipe.h: pipes (kernel/fs/pipe.c): pipe (42) and pipe2 (331). */
#ifndef KERNEL_PIPE_H
#define KERNEL_PIPE_H

#define PIPE_SIZE (16 * 4096)   /* bytes a pipe holds, as Linux's default */
#define PIPE_BUF 4096           /* writes up to this size are never split */

long sys_pipe(int *ufds);
long sys_pipe2(int *ufds, int flags);

#endif
