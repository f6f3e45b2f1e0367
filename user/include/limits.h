/* limits.h: the ranges of the basic integer types on ILP32 i386. */
#ifndef _LIMITS_H
#define _LIMITS_H

#define CHAR_BIT  8
#define INT_MAX   0x7fffffff
#define INT_MIN   (-INT_MAX - 1)
#define UINT_MAX  0xffffffffU
#define LONG_MAX  0x7fffffffL
#define LONG_MIN  (-LONG_MAX - 1)
#define ULONG_MAX 0xffffffffUL
#define LLONG_MAX 0x7fffffffffffffffLL
#define LLONG_MIN (-LLONG_MAX - 1)
#define PATH_MAX  4096

#endif
