/* poll.h: waiting for descriptors to be ready: poll, ppoll, select and
 * pselect6 (with their time64 forms), and the readiness bits. */
#ifndef KERNEL_POLL_H
#define KERNEL_POLL_H

#include <stdint.h>

/* Linux's poll bits. */
#define POLLIN 0x001
#define POLLPRI 0x002
#define POLLOUT 0x004
#define POLLERR 0x008
#define POLLHUP 0x010
#define POLLNVAL 0x020
#define POLLRDNORM 0x040
#define POLLWRNORM 0x100

long sys_select(int nfds, void *urd, void *uwr, void *uex, void *utv);          /* 142 _newselect */
long sys_poll(void *ufds, uint32_t nfds, int timeout_ms);                       /* 168 */
long sys_pselect6(int nfds, void *urd, void *uwr, void *uex, void *uts, void *usig);  /* 308 */
long sys_ppoll(void *ufds, uint32_t nfds, void *uts, void *usigmask, uint32_t sigsetsize); /* 309 */
long sys_pselect6_time64(int nfds, void *urd, void *uwr, void *uex, void *uts, void *usig); /* 413 */
long sys_ppoll_time64(void *ufds, uint32_t nfds, void *uts, void *usigmask,
                      uint32_t sigsetsize);                                     /* 414 */

#endif
