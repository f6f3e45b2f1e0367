/* uaccess.c: copy_to_user, copy_from_user, strncpy_from_user: the range
 * checks, over the fault-tolerant loops of uaccess_copy.asm. */
#include "mm/uaccess.h"
#include "kernel/errno.h"
#include "mm/layout.h"

int uaccess_copy(void *dst, const void *src, uint32_t n);
long uaccess_strncpy(char *dst, const char *usrc, uint32_t max);

int copy_to_user(void *udst, const void *src, size_t n)
{
    if (!user_range_ok((uint32_t)udst, n))
        return -EFAULT;
    return n ? uaccess_copy(udst, src, n) : 0;
}

int copy_from_user(void *dst, const void *usrc, size_t n)
{
    if (!user_range_ok((uint32_t)usrc, n))
        return -EFAULT;
    return n ? uaccess_copy(dst, usrc, n) : 0;
}

long strncpy_from_user(char *dst, const char *usrc, size_t max)
{
    uint32_t u = (uint32_t)usrc;
    if (max == 0 || u >= USER_TOP)
        return -EFAULT;
    size_t room = max;
    if (room > USER_TOP - u)
        room = USER_TOP - u;            /* the loop never reads the kernel half */
    long len = uaccess_strncpy(dst, usrc, room);
    if (len < 0)
        return len;
    if ((size_t)len == room) {
        dst[max - 1] = '\0';
        return room < max ? -EFAULT : -ENAMETOOLONG;
    }
    return len;
}
