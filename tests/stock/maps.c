/* maps.c: a program reading its own /proc/self/maps with stdio, as tools
 * and debuggers do: every line parses as Linux prints it, the line holding
 * a local variable is the [stack], the one holding a small malloc'd block
 * is the [heap], and main's code is in an r-xp line of the program file.
 * (qemu-user 7.2 does not name the heap, so this program has no host
 * reference.) */
#define _GNU_SOURCE
#include <stdlib.h>
#include "check.h"

int main(void);

struct found {
    int lines, parsed, stack, heap, text;
};

static void scan_line(const char *line, void *local, void *heap, struct found *f)
{
    unsigned long lo, hi, off;
    char perms[5], dev[16], path[256] = "";
    unsigned long inode;
    f->lines++;
    if (sscanf(line, "%lx-%lx %4s %lx %15s %lu %255s", &lo, &hi, perms, &off, dev, &inode,
               path) < 6)
        return;
    f->parsed++;
    unsigned long l = (unsigned long)local, h = (unsigned long)heap, m = (unsigned long)main;
    if (l >= lo && l < hi && strcmp(path, "[stack]") == 0)
        f->stack++;
    if (h >= lo && h < hi && strcmp(path, "[heap]") == 0)
        f->heap++;
    if (m >= lo && m < hi && strcmp(perms, "r-xp") == 0 && path[0] == '/')
        f->text++;
}

int main(void)
{
    char line[512];
    int local = 1;
    void *heap = malloc(64);
    struct found f = { 0 };
    FILE *maps = fopen("/proc/self/maps", "r");
    CHECK("fopen /proc/self/maps", maps != NULL);
    while (maps && fgets(line, sizeof line, maps)) {
        fputs(line, stdout);
        scan_line(line, &local, heap, &f);
    }
    CHECK("fgets reads to the end", maps && feof(maps) && !ferror(maps));
    CHECK("several lines, each parses", f.lines >= 4 && f.parsed == f.lines);
    CHECK("a local variable is in [stack]", f.stack == 1);
    CHECK("a malloc'd block is in [heap]", f.heap == 1);
    CHECK("main is in an r-xp line of the program", f.text == 1);
    CHECK("fclose", maps && fclose(maps) == 0);
    return check_done("maps");
}
