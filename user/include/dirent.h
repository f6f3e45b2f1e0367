/* dirent.h: directory entries as the getdents64 system call (220) returns them:
 * records of variable length packed in the caller's buffer; d_reclen steps on. */
#ifndef _DIRENT_H
#define _DIRENT_H

#include <stdint.h>

struct dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;   /* length of this record, padding included */
	unsigned char d_type;      /* DT_* */
	char d_name[];             /* NUL-terminated */
};

#define DT_UNKNOWN 0
#define DT_FIFO    1
#define DT_CHR     2
#define DT_DIR     4
#define DT_BLK     6
#define DT_REG     8
#define DT_LNK     10
#define DT_SOCK    12

/* Fills buf with whole records; returns bytes used, 0 at the end, -1 on error. */
int getdents64(int fd, void *buf, unsigned int size);

#endif
