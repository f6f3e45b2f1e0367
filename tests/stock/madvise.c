/* madvise.c: madvise, mincore, msync, mlock and munlock as a stock C
 * program uses them: MADV_DONTNEED frees private anonymous pages (they
 * read as zero again), makes a private file mapping read the file again,
 * and leaves shared memory its contents; mincore tells resident pages,
 * including a file's pages in the page cache; mlock faults pages in.
 * (The cases where qemu-user, the reference, differs from Linux are in
 * mem_edges.c.) */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>
#include "check.h"

#define P 4096u
#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

static void test_madvise(const char *self)
{
    char *p = mmap(0, 4 * P, RW, ANON, -1, 0);
    memset(p, 'x', 4 * P);
    CHECK("MADV_DONTNEED on private anonymous memory", madvise(p + P, 2 * P, MADV_DONTNEED) == 0);
    CHECK("its pages read as zero again", p[P] == 0 && p[3 * P - 1] == 0);
    CHECK("the pages beside it keep their contents", p[0] == 'x' && p[3 * P] == 'x');
    p[P] = 'y';
    CHECK("and can be written again", p[P] == 'y');

    int fd = open(self, O_RDONLY);
    char *f = mmap(0, P, RW, MAP_PRIVATE, fd, 0);
    CHECK("a private file mapping", f != MAP_FAILED && memcmp(f, "\177ELF", 4) == 0);
    f[0] = 'Z';
    CHECK("MADV_DONTNEED on a private file mapping", madvise(f, P, MADV_DONTNEED) == 0);
    CHECK("drops the private copy: the file is read again", f[0] == 0177);
    munmap(f, P);
    close(fd);

    char *s = mmap(0, 2 * P, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    memset(s, 's', 2 * P);
    CHECK("MADV_DONTNEED on shared memory", madvise(s, 2 * P, MADV_DONTNEED) == 0);
    CHECK("shared memory keeps its contents", s[0] == 's' && s[2 * P - 1] == 's');
    munmap(s, 2 * P);

    static const int hints[] = { MADV_NORMAL, MADV_RANDOM, MADV_SEQUENTIAL, MADV_WILLNEED };
    int ok = 1;
    for (unsigned i = 0; i < sizeof hints / sizeof hints[0]; i++)
        ok &= madvise(p, 4 * P, hints[i]) == 0;
    CHECK("MADV_NORMAL, RANDOM, SEQUENTIAL, WILLNEED are accepted", ok);
    CHECK("the hints changed nothing", p[0] == 'x' && p[P] == 'y');
    errno = 0;
    CHECK("madvise unaligned is EINVAL", madvise(p + 1, P, MADV_DONTNEED) == -1 && errno == EINVAL);
    CHECK("madvise of length 0 succeeds", madvise(p, 0, MADV_DONTNEED) == 0);
    munmap(p, 4 * P);
}

static void test_mincore(const char *self)
{
    unsigned char vec[8];
    char *p = mmap(0, 4 * P, RW, ANON, -1, 0);
    p[0] = 1;
    p[2 * P] = 1;
    CHECK("mincore", mincore(p, 4 * P, vec) == 0);
    CHECK("touched pages are resident, untouched ones not",
          (vec[0] & 1) && !(vec[1] & 1) && (vec[2] & 1) && !(vec[3] & 1));
    madvise(p, P, MADV_DONTNEED);
    CHECK("mincore after MADV_DONTNEED", mincore(p, P, vec) == 0 && !(vec[0] & 1));
    errno = 0;
    CHECK("mincore unaligned is EINVAL", mincore(p + 1, P, vec) == -1 && errno == EINVAL);
    munmap(p + 3 * P, P);
    errno = 0;
    CHECK("mincore over an unmapped page is ENOMEM", mincore(p, 4 * P, vec) == -1 && errno == ENOMEM);
    munmap(p, 3 * P);

    /* The first page of this program's file: in the page cache once one
     * mapping has read it, so resident for another untouched mapping. */
    int fd = open(self, O_RDONLY);
    char *a = mmap(0, P, PROT_READ, MAP_PRIVATE, fd, 0);
    char *b = mmap(0, P, PROT_READ, MAP_PRIVATE, fd, 0);
    CHECK("a file page read through one mapping", a[1] == 'E');
    CHECK("is resident for another mapping of it", mincore(b, P, vec) == 0 && (vec[0] & 1));
    munmap(a, P);
    munmap(b, P);
    close(fd);
}

static void test_msync(void)
{
    char *p = mmap(0, 2 * P, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    p[0] = 1;
    CHECK("msync MS_SYNC", msync(p, 2 * P, MS_SYNC) == 0);
    CHECK("msync MS_ASYNC|MS_INVALIDATE", msync(p, P, MS_ASYNC | MS_INVALIDATE) == 0);
    errno = 0;
    CHECK("msync MS_SYNC|MS_ASYNC is EINVAL", msync(p, P, MS_SYNC | MS_ASYNC) == -1 && errno == EINVAL);
    errno = 0;
    CHECK("msync with unknown flags is EINVAL", msync(p, P, 0x10) == -1 && errno == EINVAL);
    errno = 0;
    CHECK("msync unaligned is EINVAL", msync(p + 1, P, MS_SYNC) == -1 && errno == EINVAL);
    munmap(p, 2 * P);
}

static void test_mlock(void)
{
    unsigned char vec[4];
    char *p = mmap(0, 4 * P, RW, ANON, -1, 0);
    CHECK("mlock", mlock(p, 4 * P) == 0);
    CHECK("mlock faults every page in", mincore(p, 4 * P, vec) == 0 &&
          (vec[0] & vec[1] & vec[2] & vec[3] & 1));
    CHECK("locked pages read as zero", p[0] == 0 && p[4 * P - 1] == 0);
    errno = 0;
    CHECK("MADV_DONTNEED on locked pages is EINVAL",
          madvise(p, P, MADV_DONTNEED) == -1 && errno == EINVAL);
    CHECK("mlock of an unaligned start locks its page", mlock(p + 10, 1) == 0);
    CHECK("munlock", munlock(p, 4 * P) == 0);
    CHECK("MADV_DONTNEED once unlocked", madvise(p, P, MADV_DONTNEED) == 0);
    CHECK("mlock of length 0", mlock(p, 0) == 0);
    munmap(p, 4 * P);
}

int main(int argc, char **argv)
{
    (void)argc;
    test_madvise(argv[0]);
    test_mincore(argv[0]);
    test_msync();
    test_mlock();
    return check_done("madvise");
}
