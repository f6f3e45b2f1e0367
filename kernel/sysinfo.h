/* sysinfo.h: system calls that report on the machine: uname, sysinfo,
 * sched_getaffinity, sched_setaffinity. */
#ifndef KERNEL_SYSINFO_H
#define KERNEL_SYSINFO_H

#include <stdint.h>

long sys_uname(void *ubuf);                                             /* 122 */
long sys_sysinfo(void *ubuf);                                           /* 116 */
long sys_sched_setaffinity(int pid, uint32_t len, const void *umask);   /* 241 */
long sys_sched_getaffinity(int pid, uint32_t len, void *umask);         /* 242 */

#endif
