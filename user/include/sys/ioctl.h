/* sys/ioctl.h: device control; the request numbers are Linux's. */
#ifndef _SYS_IOCTL_H
#define _SYS_IOCTL_H

#define TCGETS     0x5401
#define TCSETS     0x5402
#define TIOCGPGRP  0x540F
#define TIOCSPGRP  0x5410
#define TIOCGWINSZ 0x5413
#define FIONREAD   0x541B

int ioctl(int fd, unsigned long request, ...);

#endif
