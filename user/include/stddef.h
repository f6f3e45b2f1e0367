/* stddef.h: size_t, ptrdiff_t, NULL and offsetof.
 * Types come from the compiler's own predefined macros, so they match the ABI. */
#ifndef _STDDEF_H
#define _STDDEF_H

typedef __SIZE_TYPE__ size_t;
typedef __PTRDIFF_TYPE__ ptrdiff_t;

#define NULL ((void *)0)
#define offsetof(type, member) __builtin_offsetof(type, member)

#endif
