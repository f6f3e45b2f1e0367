/* poll.h: waiting for descriptors (poll), Linux's bits. */
#ifndef _POLL_H
#define _POLL_H

#define POLLIN   0x001
#define POLLPRI  0x002
#define POLLOUT  0x004
#define POLLERR  0x008
#define POLLHUP  0x010
#define POLLNVAL 0x020

struct pollfd {
	int fd;
	short events;           /* what to wait for */
	short revents;          /* what is ready */
};

int poll(struct pollfd *fds, unsigned long nfds, int timeout_ms);

#endif
