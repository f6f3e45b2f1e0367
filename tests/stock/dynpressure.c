/* dynpressure.c: a dynamically linked program that needs more memory than
 * the machine has when several run at once: it fills MiB of heap with a
 * pattern, then uses libc (formatting, sorting, parsing: pages of libc's
 * text that memory pressure may have dropped from the page cache meanwhile,
 * to be read again) and checks every byte and every result.
 * Usage: dynpressure [MiB] (default 2) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

static int cmp(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

int main(int argc, char **argv)
{
    size_t mib = argc > 1 ? (size_t)atoi(argv[1]) : 2, n = mib << 20, bad = 0;
    unsigned char *p = malloc(n);
    CHECK("malloc", p != NULL);
    if (!p)
        return check_done("dynpressure");
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)(i * 7 + i / 4096);
    int v[512];
    for (int round = 0; round < 4; round++) {
        for (int i = 0; i < 512; i++)
            v[i] = (i * 7919) % 512;
        qsort(v, 512, sizeof v[0], cmp);
        char buf[64];
        snprintf(buf, sizeof buf, "%.6e", strtod("2.718281828", NULL) * (round + 1));
        bad += strtod(buf, NULL) < 2.7 * (round + 1);
        for (int i = 0; i < 512; i++)
            bad += v[i] != i;
    }
    for (size_t i = 0; i < n; i++)
        bad += p[i] != (unsigned char)(i * 7 + i / 4096);
    CHECK("heap and libc results intact", bad == 0);
    free(p);
    return check_done("dynpressure");
}
