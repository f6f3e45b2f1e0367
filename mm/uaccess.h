/* uaccess.h: the only way the kernel touches user memory. Every pointer
 * and length from a system call goes through these: the range is checked
 * against the user half, and a fault during the copy becomes -EFAULT
 * (the fault handler knows these copy loops) instead of a kernel panic. */
#ifndef MM_UACCESS_H
#define MM_UACCESS_H

#include <stddef.h>
#include <stdint.h>

/* Copy n bytes between kernel and user memory. Return 0, or -EFAULT if any
 * byte of the user range is outside the user half or not accessible. */
int copy_to_user(void *udst, const void *src, size_t n);
int copy_from_user(void *dst, const void *usrc, size_t n);

/* Copies a NUL-terminated user string of at most max-1 characters into
 * dst (NUL-terminated). Returns its length, -EFAULT, or -ENAMETOOLONG when
 * no NUL comes within max bytes. */
long strncpy_from_user(char *dst, const char *usrc, size_t max);

/* Is [uaddr, uaddr+n) entirely below the kernel half (no wrap-around)? */
static inline int user_range_ok(uint32_t uaddr, size_t n)
{
    return uaddr < 0xC0000000u && n <= 0xC0000000u - uaddr;
}

#endif
