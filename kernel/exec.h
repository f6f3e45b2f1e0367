/* exec.h: replacing a process's image with a program from the file
 * system (execve). */
#ifndef KERNEL_EXEC_H
#define KERNEL_EXEC_H

struct proc;

/* Room for argument and environment strings and their pointers. */
#define EXEC_ARG_MAX (128 * 1024)

/* Gives p a new address space running the static ELF program at path with
 * the given arguments and environment (kernel memory). Everything is
 * checked and built before p's old image is touched: on failure p is
 * unchanged and the result is -ENOENT, -ENOTDIR, -EACCES, -ENOEXEC,
 * -E2BIG or -ENOMEM; on success 0, and p's saved user registers start the
 * program. */
int exec_start(struct proc *p, const char *path, const char *const *argv, int argc,
               const char *const *envp, int envc);

/* execve(2): copies path, argv and envp from user memory (-EFAULT for a
 * bad pointer, -E2BIG past EXEC_ARG_MAX) and calls exec_start for the
 * current process. */
long sys_execve(const char *upath, const char *const *uargv, const char *const *uenvp);

#endif
