/* sys/utsname.h: system identification, as Linux's uname system call (122)
 * fills it in: six NUL-terminated fields of 65 bytes. */
#ifndef _SYS_UTSNAME_H
#define _SYS_UTSNAME_H

struct utsname {
	char sysname[65];
	char nodename[65];
	char release[65];
	char version[65];
	char machine[65];
	char domainname[65];
};

int uname(struct utsname *buf);

#endif
