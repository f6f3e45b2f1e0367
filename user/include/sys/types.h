/* sys/types.h: the POSIX scalar types, sized as Linux i386 defines them. */
#ifndef _SYS_TYPES_H
#define _SYS_TYPES_H

#include <stddef.h>

typedef int                ssize_t;
typedef int                pid_t;
typedef unsigned int       uid_t;
typedef unsigned int       gid_t;
typedef unsigned int       mode_t;
typedef long               off_t;
typedef long long          loff_t;
typedef long               time_t;

#endif
