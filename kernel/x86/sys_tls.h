/* sys_tls.h: the thread-local storage system calls (kernel/x86/sys_tls.c). */
#ifndef KERNEL_X86_SYS_TLS_H
#define KERNEL_X86_SYS_TLS_H

struct user_desc;

/* set_thread_area(243): installs *uinfo in the TLS entry it names, or for
 * entry_number -1 in the lowest empty one, whose number is written back.
 * 0, or -EFAULT, -EINVAL (bad descriptor or entry), -ESRCH (none free). */
long sys_set_thread_area(struct user_desc *uinfo);

/* get_thread_area(244): fills *uinfo with the TLS entry uinfo->entry_number
 * names. 0, -EFAULT or -EINVAL. */
long sys_get_thread_area(struct user_desc *uinfo);

#endif
