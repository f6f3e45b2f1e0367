/* stream.h: private to the C library: lets printf.c and fwrite hand an unbuffered
 * stream (stderr) a whole message at a time, so that it goes out in one write()
 * instead of one write() per character. */
#ifndef _LIB_STREAM_H
#define _LIB_STREAM_H

#include <stdio.h>

/* Buffers f until stream_end_batch if it is unbuffered; returns what to pass there. */
int stream_begin_batch(FILE *f);
/* Restores f's mode and flushes it, if stream_begin_batch changed it. */
void stream_end_batch(FILE *f, int batch);

#endif
