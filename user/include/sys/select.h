/* sys/select.h: waiting for descriptors (select, the _newselect call),
 * with sets of 1024 bits as Linux's fd_set. */
#ifndef _SYS_SELECT_H
#define _SYS_SELECT_H

#include <string.h>
#include <sys/time.h>

#define FD_SETSIZE 1024

typedef struct {
	unsigned long bits[FD_SETSIZE / 32];
} fd_set;

#define FD_ZERO(s)     memset((s), 0, sizeof(fd_set))
#define FD_SET(fd, s)  ((s)->bits[(fd) / 32] |= 1ul << ((fd) % 32))
#define FD_CLR(fd, s)  ((s)->bits[(fd) / 32] &= ~(1ul << ((fd) % 32)))
#define FD_ISSET(fd, s) (((s)->bits[(fd) / 32] >> ((fd) % 32)) & 1)

int select(int nfds, fd_set *rd, fd_set *wr, fd_set *ex, struct timeval *timeout);

#endif
