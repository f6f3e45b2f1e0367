/* sysinfo.h: system calls that report on the system and on time:
 * uname, sysinfo, nanosleep. */
#ifndef KERNEL_SYSINFO_H
#define KERNEL_SYSINFO_H

#include <stdint.h>

long sys_uname(void *ubuf);
long sys_sysinfo(void *ubuf);
long sys_nanosleep(const void *ureq, void *urem);

#endif
