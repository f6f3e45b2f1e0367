/* t_tmpfs.c: files in memory. /dev/null, /dev/zero (read and mapped shared
 * between processes) and /dev/urandom; pipes (EOF, SIGPIPE, O_NONBLOCK,
 * the 64 KiB ring, PIPE_BUF atomicity, 4 MiB through one); tmpfs files in
 * /tmp (create, write, read, holes, O_APPEND, O_TRUNC, truncate, unlink
 * while open, directories, rename, the errors Linux gives, EROFS on the
 * initrd, statfs), shared and private mappings of them (seen by read and
 * by other mappings, SIGBUS past the end, truncate unmaps), their names in
 * /proc/self/maps, Shmem in /proc/meminfo, and no leak over 1,000 rounds.
 * `t_tmpfs enospc` checks the size limit (boot with tmpfs_size=1M);
 * `t_tmpfs swap MiB` writes a file and a shared mapping of MiB each (boot
 * with a small mem= and a swap disk) and reads them back through swap. */
#include "t_common.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statfs.h>

#define PAGE 4096u

int main(int argc, char **argv);

/* Runs fn(arg) in a child; returns the signal that killed it, or 0. */
static int killed_by(void (*fn)(void *), void *arg)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        fn(arg);
        exit(0);
    }
    int status;
    waitpid(pid, &status, 0);
    return WIFSIGNALED(status) ? WTERMSIG(status) : 0;
}

static void touch_read(void *p) { (void)*(volatile char *)p; }

/* A file /tmp/NAME made with the n bytes of data; returns its fd (O_RDWR). */
static int make_file(const char *path, const void *data, size_t n)
{
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0);
    CHECK(write(fd, data, n) == (ssize_t)n);
    CHECK(lseek(fd, 0, SEEK_SET) == 0);
    return fd;
}

static void dev_null(void)
{
    char buf[16];
    int fd = open("/dev/null", O_RDWR);
    CHECK(fd >= 0);
    CHECK(write(fd, "abc", 3) == 3);
    CHECK(read(fd, buf, sizeof buf) == 0);
    struct stat st;
    CHECK(fstat(fd, &st) == 0 && S_ISCHR(st.st_mode) && st.st_rdev == 0x103);
    close(fd);
}

static void dev_zero_read(void)
{
    static char buf[3 * PAGE];
    memset(buf, 0x5a, sizeof buf);
    int fd = open("/dev/zero", O_RDONLY);
    CHECK(fd >= 0 && read(fd, buf, sizeof buf) == (ssize_t)sizeof buf);
    for (unsigned i = 0; i < sizeof buf; i++)
        CHECK(buf[i] == 0);
    close(fd);
}

static void dev_zero_shared(void)
{
    int fd = open("/dev/zero", O_RDWR);
    int *p = mmap(0, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    int *q = mmap(0, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    CHECK(p != MAP_FAILED && q != MAP_FAILED && p[0] == 0 && p[PAGE / 4] == 0);
    close(fd);
    q[0] = 5;
    for (int k = 0; k < 2; k++) {
        pid_t pid = fork();
        if (pid == 0) {
            p[k] = 100 + k;             /* shared: the parent sees it */
            q[0] = 7;                   /* private: it does not */
            exit(0);
        }
        waitpid(pid, 0, 0);
    }
    CHECK(p[0] == 100 && p[1] == 101 && q[0] == 5);
}

static void dev_urandom(void)
{
    unsigned char a[64], b[64];
    int fd = open("/dev/urandom", O_RDONLY);
    CHECK(fd >= 0 && read(fd, a, 64) == 64 && read(fd, b, 64) == 64);
    CHECK(memcmp(a, b, 64) != 0);
    close(fd);
}

static void pipe_eof(void)
{
    int fds[2];
    char buf[16];
    CHECK(pipe(fds) == 0);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        write(fds[1], "hello", 5);
        exit(0);
    }
    close(fds[1]);
    CHECK(read(fds[0], buf, sizeof buf) == 5 && memcmp(buf, "hello", 5) == 0);
    CHECK(read(fds[0], buf, sizeof buf) == 0);    /* the only writer is gone */
    waitpid(pid, 0, 0);
    struct stat st;
    CHECK(fstat(fds[0], &st) == 0 && S_ISFIFO(st.st_mode));
    CHECK(lseek(fds[0], 0, SEEK_SET) == -1 && errno == ESPIPE);
    CHECK(write(fds[0], "x", 1) == -1 && errno == EBADF);
}

static void write_to_pipe(void *fd)
{
    write(*(int *)fd, "x", 1);
    exit(0);                            /* not reached: SIGPIPE ends it */
}

static void pipe_sigpipe(void)
{
    int fds[2];
    CHECK(pipe(fds) == 0);
    close(fds[0]);
    CHECK(killed_by(write_to_pipe, &fds[1]) == SIGPIPE);
}

static void pipe_nonblock(void)
{
    static char buf[PAGE];
    int fds[2];
    CHECK(pipe2(fds, O_NONBLOCK) == 0);
    CHECK(read(fds[0], buf, 1) == -1 && errno == EAGAIN);
    long total = 0, r;
    while ((r = write(fds[1], buf, PAGE)) > 0)
        total += r;
    CHECK(r == -1 && errno == EAGAIN && total == 65536);    /* Linux's 16 pages */
    CHECK(write(fds[1], buf, 1) == -1 && errno == EAGAIN);
    CHECK(read(fds[0], buf, 10) == 10 && write(fds[1], buf, 10) == 10);
    CHECK(pipe2(fds, 0x40) == -1 && errno == EINVAL);
}

/* Two writers of 4096-byte blocks: each block arrives whole. */
static void pipe_atomic(void)
{
    static char buf[PAGE];
    int fds[2];
    CHECK(pipe(fds) == 0);
    for (int w = 0; w < 2; w++) {
        if (fork() == 0) {
            memset(buf, 'a' + w, PAGE);
            for (int i = 0; i < 64; i++)
                write(fds[1], buf, PAGE);
            exit(0);
        }
    }
    close(fds[1]);
    int blocks = 0;
    for (;;) {
        size_t got = 0;
        ssize_t r = 1;
        while (got < PAGE && (r = read(fds[0], buf + got, PAGE - got)) > 0)
            got += r;
        if (got == 0)
            break;
        CHECK(got == PAGE);
        for (unsigned i = 1; i < PAGE; i++)
            CHECK(buf[i] == buf[0]);
        blocks++;
    }
    CHECK(blocks == 128);
    wait(0);
    wait(0);
}

static unsigned char pattern(uint32_t i)
{
    return (unsigned char)(i * 7 + (i >> 12));
}

static void pipe_4mib(void)
{
    static unsigned char buf[10000];
    const uint32_t total = 4u << 20;
    int fds[2];
    CHECK(pipe(fds) == 0);
    if (fork() == 0) {
        close(fds[0]);
        for (uint32_t at = 0; at < total;) {
            uint32_t n = total - at < 7777 ? total - at : 7777;
            for (uint32_t i = 0; i < n; i++)
                buf[i] = pattern(at + i);
            CHECK(write(fds[1], buf, n) == (ssize_t)n);
            at += n;
        }
        exit(0);
    }
    close(fds[1]);
    uint32_t at = 0;
    ssize_t r;
    while ((r = read(fds[0], buf, sizeof buf)) > 0) {
        for (ssize_t i = 0; i < r; i++)
            CHECK(buf[i] == pattern(at + i));
        at += r;
    }
    CHECK(r == 0 && at == total);
    int status;
    wait(&status);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static void file_rw(void)
{
    char buf[64];
    struct stat st;
    unlink("/tmp/t_rw");
    int fd = open("/tmp/t_rw", O_RDWR | O_CREAT | O_EXCL, 0640);
    CHECK(fd >= 0);
    CHECK(open("/tmp/t_rw", O_RDWR | O_CREAT | O_EXCL, 0640) == -1 && errno == EEXIST);
    CHECK(write(fd, "hello, world", 12) == 12);
    CHECK(lseek(fd, 0, SEEK_CUR) == 12 && lseek(fd, 7, SEEK_SET) == 7);
    CHECK(read(fd, buf, sizeof buf) == 5 && memcmp(buf, "world", 5) == 0);
    CHECK(read(fd, buf, sizeof buf) == 0);
    CHECK(lseek(fd, 3 * PAGE, SEEK_END) == 3 * PAGE + 12);      /* a hole */
    CHECK(write(fd, "end", 3) == 3);
    CHECK(fstat(fd, &st) == 0 && st.st_size == 3 * PAGE + 15 && S_ISREG(st.st_mode));
    CHECK((st.st_mode & 0777) == 0640 && st.st_blocks == 16);   /* two pages held */
    CHECK(lseek(fd, PAGE, SEEK_SET) == PAGE && read(fd, buf, 8) == 8);
    for (int i = 0; i < 8; i++)
        CHECK(buf[i] == 0);
    CHECK(fsync(fd) == 0 && fdatasync(fd) == 0);
    close(fd);
    fd = open("/tmp/t_rw", O_WRONLY | O_APPEND);
    CHECK(fd >= 0 && write(fd, "!", 1) == 1);
    CHECK(lseek(fd, 0, SEEK_CUR) == 3 * PAGE + 16);
    close(fd);
    fd = open("/tmp/t_rw", O_RDWR | O_TRUNC);
    CHECK(fd >= 0 && fstat(fd, &st) == 0 && st.st_size == 0 && st.st_blocks == 0);
    CHECK(write(fd, "abc", 3) == 3);
    close(open("/tmp/t_rw", O_RDONLY | O_TRUNC));     /* Linux empties it too */
    CHECK(fstat(fd, &st) == 0 && st.st_size == 0);
    close(fd);
    CHECK(unlink("/tmp/t_rw") == 0);
    CHECK(stat("/tmp/t_rw", &st) == -1 && errno == ENOENT);
}

static void file_truncate(void)
{
    static char buf[2 * PAGE];
    struct stat st;
    memset(buf, 'x', sizeof buf);
    int fd = make_file("/tmp/t_trunc", buf, sizeof buf);
    CHECK(ftruncate(fd, 100) == 0 && fstat(fd, &st) == 0 && st.st_size == 100);
    CHECK(st.st_blocks == 8);
    CHECK(ftruncate(fd, PAGE + 10) == 0);
    CHECK(lseek(fd, 90, SEEK_SET) == 90 && read(fd, buf, 20) == 20);
    CHECK(buf[9] == 'x' && buf[10] == 0 && buf[19] == 0);      /* the tail was cleared */
    CHECK(truncate("/tmp/t_trunc", 5) == 0 && fstat(fd, &st) == 0 && st.st_size == 5);
    CHECK(ftruncate(fd, -1) == -1 && errno == EINVAL);
    int ro = open("/tmp/t_trunc", O_RDONLY);
    CHECK(ftruncate(ro, 0) == -1 && errno == EINVAL);
    CHECK(truncate("/tmp", 0) == -1 && errno == EISDIR);
    CHECK(truncate("/bin/sh", 0) == -1 && errno == EROFS);
    close(ro);
    close(fd);
    unlink("/tmp/t_trunc");
}

static void unlinked_open(void)
{
    char buf[8];
    int fd = make_file("/tmp/t_gone", "still here", 10);
    CHECK(unlink("/tmp/t_gone") == 0);
    CHECK(open("/tmp/t_gone", O_RDONLY) == -1 && errno == ENOENT);
    CHECK(read(fd, buf, 5) == 5 && memcmp(buf, "still", 5) == 0);
    CHECK(write(fd, "!", 1) == 1);
    struct stat st;
    CHECK(fstat(fd, &st) == 0 && st.st_nlink == 0 && st.st_size == 10);
    close(fd);
}

/* The names in directory path, space-separated, "." and ".." left out. */
static void list_dir(const char *path, char *out, size_t size)
{
    static char buf[1024];
    int fd = open(path, O_RDONLY | O_DIRECTORY);
    CHECK(fd >= 0);
    out[0] = 0;
    int n;
    while ((n = getdents64(fd, buf, sizeof buf)) > 0) {
        for (int at = 0; at < n;) {
            struct dirent64 *d = (struct dirent64 *)(buf + at);
            if (strcmp(d->d_name, ".") && strcmp(d->d_name, ".."))
                snprintf(out + strlen(out), size - strlen(out), "%s%s", *out ? " " : "",
                         d->d_name);
            at += d->d_reclen;
        }
    }
    close(fd);
}

static void dirs(void)
{
    char names[256];
    struct stat st;
    CHECK(mkdir("/tmp/t_d", 0755) == 0);
    CHECK(mkdir("/tmp/t_d", 0755) == -1 && errno == EEXIST);
    CHECK(mkdir("/tmp/t_d/a/b", 0755) == -1 && errno == ENOENT);
    close(make_file("/tmp/t_d/f1", "1", 1));
    close(make_file("/tmp/t_d/f2", "22", 2));
    CHECK(mkdir("/tmp/t_d/sub", 0700) == 0);
    list_dir("/tmp/t_d", names, sizeof names);
    CHECK(strcmp(names, "f1 f2 sub") == 0);
    CHECK(stat("/tmp/t_d", &st) == 0 && S_ISDIR(st.st_mode) && st.st_nlink == 3);
    CHECK(rmdir("/tmp/t_d") == -1 && errno == ENOTEMPTY);
    CHECK(rmdir("/tmp/t_d/f1") == -1 && errno == ENOTDIR);
    CHECK(unlink("/tmp/t_d/sub") == -1 && errno == EISDIR);
    CHECK(open("/tmp/t_d/f1/x", O_RDONLY) == -1 && errno == ENOTDIR);
    CHECK(open("/tmp/t_d/sub", O_WRONLY) == -1 && errno == EISDIR);
    CHECK(open("/tmp/t_d/nope", O_RDONLY) == -1 && errno == ENOENT);
    CHECK(rename("/tmp/t_d/f1", "/tmp/t_d/sub/moved") == 0);
    CHECK(rename("/tmp/t_d/f2", "/tmp/t_d/sub") == -1 && errno == EISDIR);
    CHECK(rename("/tmp/t_d/sub", "/tmp/t_d/f2") == -1 && errno == ENOTDIR);
    CHECK(rename("/tmp/t_d", "/tmp/t_d/sub/x") == -1 && errno == EINVAL);
    CHECK(rename("/tmp/t_d/f2", "/dev/shm/f2") == -1 && errno == EXDEV);
    CHECK(rename("/tmp/t_d/sub/moved", "/tmp/t_d/f2") == 0);  /* replaces f2 */
    CHECK(stat("/tmp/t_d/f2", &st) == 0 && st.st_size == 1);
    list_dir("/tmp/t_d", names, sizeof names);
    CHECK(strcmp(names, "sub f2") == 0);
    CHECK(unlink("/tmp/t_d/f2") == 0 && rmdir("/tmp/t_d/sub") == 0 && rmdir("/tmp/t_d") == 0);
    CHECK(rmdir("/tmp/t_d") == -1 && errno == ENOENT);
    CHECK(rmdir("/tmp/.") == -1 && errno == EINVAL);
}

static void read_only_root(void)
{
    CHECK(open("/bin/newfile", O_WRONLY | O_CREAT, 0644) == -1 && errno == EROFS);
    CHECK(open("/bin/sh", O_WRONLY) == -1 && errno == EROFS);
    CHECK(mkdir("/bin/x", 0755) == -1 && errno == EROFS);
    CHECK(mkdir("/bin", 0755) == -1 && errno == EEXIST);
    CHECK(unlink("/bin/sh") == -1 && errno == EROFS);
    CHECK(rmdir("/bin") == -1 && errno == EROFS);
    CHECK(rename("/bin/sh", "/bin/sh2") == -1 && errno == EROFS);
    CHECK(rename("/bin/sh", "/tmp/sh") == -1 && errno == EXDEV);
    CHECK(open("/nodir/x", O_WRONLY | O_CREAT, 0644) == -1 && errno == ENOENT);
    int fd = open("/bin/sh", O_RDONLY);
    CHECK(mmap(0, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) == MAP_FAILED &&
          errno == EACCES);
    char *p = mmap(0, PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
    CHECK(p != MAP_FAILED && p[1] == 'E');      /* "\177ELF" */
    close(fd);
}

static void statfs_tmp(void)
{
    struct statfs a, b;
    CHECK(statfs("/tmp", &a) == 0 && a.f_type == TMPFS_MAGIC && a.f_bsize == PAGE);
    CHECK(a.f_blocks > 0 && a.f_bfree <= a.f_blocks && a.f_namelen == 255);
    static char buf[8 * PAGE];
    int fd = make_file("/tmp/t_statfs", buf, sizeof buf);
    CHECK(fstatfs(fd, &b) == 0 && b.f_bfree == a.f_bfree - 8 && b.f_ffree == a.f_ffree - 1);
    close(fd);
    unlink("/tmp/t_statfs");
    CHECK(statfs("/tmp", &b) == 0 && b.f_bfree == a.f_bfree);
    CHECK(statfs("/", &b) == 0 && b.f_type != TMPFS_MAGIC && (b.f_flags & 1));
}

static void shared_mapping(void)
{
    static char buf[2 * PAGE];
    memset(buf, '.', sizeof buf);
    int fd = make_file("/tmp/t_shared", buf, sizeof buf);
    char *p = mmap(0, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(p != MAP_FAILED && p[0] == '.');
    pid_t pid = fork();
    if (pid == 0) {
        int fd2 = open("/tmp/t_shared", O_RDWR);
        char *q = mmap(0, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd2, 0);
        memcpy(q + PAGE + 5, "from the child", 14);
        exit(0);
    }
    waitpid(pid, 0, 0);
    CHECK(memcmp(p + PAGE + 5, "from the child", 14) == 0);     /* our mapping */
    CHECK(lseek(fd, PAGE + 5, SEEK_SET) == PAGE + 5 && read(fd, buf, 14) == 14);
    CHECK(memcmp(buf, "from the child", 14) == 0);              /* and read */
    CHECK(lseek(fd, 0, SEEK_SET) == 0 && write(fd, "written", 7) == 7);
    CHECK(memcmp(p, "written", 7) == 0);                        /* write, then the map */
    close(fd);
    CHECK(unlink("/tmp/t_shared") == 0);
    p[0] = 'W';                         /* mapped and unlinked: still there */
    CHECK(p[0] == 'W' && p[PAGE + 5] == 'f');
    CHECK(munmap(p, 2 * PAGE) == 0);
}

static void private_mapping(void)
{
    static char buf[PAGE];
    memset(buf, 'f', sizeof buf);
    int fd = make_file("/tmp/t_private", buf, sizeof buf);
    char *p = mmap(0, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    CHECK(p != MAP_FAILED && p[0] == 'f');
    CHECK(write(fd, "W", 1) == 1 && p[0] == 'W');       /* not written yet: the file's page */
    p[1] = 'p';                                         /* a private copy now */
    CHECK(lseek(fd, 0, SEEK_SET) == 0 && read(fd, buf, 4) == 4);
    CHECK(buf[0] == 'W' && buf[1] == 'f');
    CHECK(p[1] == 'p');
    close(fd);
    unlink("/tmp/t_private");
}

static void write_at(void *p)
{
    *(volatile char *)p = 1;
}

static void sigbus_past_end(void)
{
    int fd = make_file("/tmp/t_bus", "0123456789", 10);
    char *p = mmap(0, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(p != MAP_FAILED && p[9] == '9' && p[10] == 0);
    p[100] = 'z';                       /* past the end, in the last page */
    struct stat st;
    CHECK(fstat(fd, &st) == 0 && st.st_size == 10);
    CHECK(killed_by(touch_read, p + PAGE) == SIGBUS);
    CHECK(killed_by(write_at, p + 2 * PAGE) == SIGBUS);
    CHECK(ftruncate(fd, 2 * PAGE) == 0);
    CHECK(p[PAGE] == 0 && p[100] == 'z');               /* the page is there now */
    CHECK(ftruncate(fd, 0) == 0);
    CHECK(killed_by(touch_read, p) == SIGBUS);          /* truncate unmapped it */
    close(fd);
    unlink("/tmp/t_bus");
}

static void open_write_read_only_map(void)
{
    int fd = make_file("/tmp/t_ro", "abc", 3);
    int ro = open("/tmp/t_ro", O_RDONLY);
    CHECK(mmap(0, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0) == MAP_FAILED &&
          errno == EACCES);
    char *p = mmap(0, PAGE, PROT_READ, MAP_SHARED, ro, 0);
    CHECK(p != MAP_FAILED && mprotect(p, PAGE, PROT_READ | PROT_WRITE) == -1 &&
          errno == EACCES);
    char *q = mmap(0, PAGE, PROT_READ, MAP_SHARED, fd, 0);
    CHECK(q != MAP_FAILED && mprotect(q, PAGE, PROT_READ | PROT_WRITE) == 0);
    q[0] = 'X';
    CHECK(p[0] == 'X');
    close(ro);
    close(fd);
    unlink("/tmp/t_ro");
}

/* The /proc/self/maps line that maps va (or ""). */
static void maps_line(const void *va, char *line, size_t size)
{
    static char maps[4096];
    char want[16];
    line[0] = 0;
    procfile_read("/proc/self/maps", maps, sizeof maps);
    snprintf(want, sizeof want, "%08x-", (unsigned)(uintptr_t)va);
    for (char *l = maps; *l;) {
        char *nl = strchr(l, '\n');
        size_t n = nl ? (size_t)(nl - l) : strlen(l);
        if (strncmp(l, want, 9) == 0 && n < size) {
            memcpy(line, l, n);
            line[n] = 0;
        }
        l += n + (nl != 0);
    }
}

static void maps_names(void)
{
    char line[160];
    int fd = make_file("/tmp/t_named", "x", 1);
    char *p = mmap(0, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(p != MAP_FAILED);
    maps_line(p, line, sizeof line);
    printf("  %s\n", line);
    CHECK(strstr(line, " rw-s 00000000 00:14 ") && strstr(line, " /tmp/t_named"));
    CHECK(!strstr(line, "deleted"));
    unlink("/tmp/t_named");
    maps_line(p, line, sizeof line);
    printf("  %s\n", line);
    CHECK(strstr(line, " /tmp/t_named (deleted)"));
    close(fd);
}

static void meminfo_shmem(void)
{
    static char buf[16 * PAGE];
    unsigned long before = proc_number("/proc/meminfo", "Shmem:");
    int fd = make_file("/tmp/t_shmem", buf, sizeof buf);
    unsigned long during = proc_number("/proc/meminfo", "Shmem:");
    close(fd);
    unlink("/tmp/t_shmem");
    unsigned long after = proc_number("/proc/meminfo", "Shmem:");
    CHECK(during == before + 64 && after == before);
}

static void shm_dev(void)
{
    int fd = open("/dev/shm/t_seg", O_RDWR | O_CREAT | O_EXCL, 0600);
    CHECK(fd >= 0 && ftruncate(fd, PAGE) == 0);
    int *p = mmap(0, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    CHECK(p != MAP_FAILED);
    if (fork() == 0) {
        int fd2 = open("/dev/shm/t_seg", O_RDWR);
        int *q = mmap(0, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd2, 0);
        q[10] = 4242;
        exit(0);
    }
    wait(0);
    CHECK(p[10] == 4242);
    CHECK(unlink("/dev/shm/t_seg") == 0);
}

/* Create, write, map, touch, unlink, unmap: 1,000 times (after a first
 * round, which may give the kernel heap a slab for a size it had not
 * used yet). */
static void no_leak(void)
{
    unsigned long free0 = 0;
    for (int i = 0; i <= 1000; i++) {
        if (i == 1) {
            touch_own_pages();
            free0 = free_pages();
        }
        int fd = open("/tmp/t_leak", O_RDWR | O_CREAT | O_TRUNC, 0600);
        CHECK(fd >= 0 && write(fd, "abcdefgh", 8) == 8 && ftruncate(fd, 2 * PAGE) == 0);
        char *p = mmap(0, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        CHECK(p != MAP_FAILED && p[0] == 'a');
        p[PAGE] = 1;
        CHECK(unlink("/tmp/t_leak") == 0 && close(fd) == 0 && munmap(p, 2 * PAGE) == 0);
    }
    unsigned long free1 = free_pages();
    printf("  free pages %lu before, %lu after\n", free0, free1);
    CHECK(free1 == free0);
}

static const struct t_case cases[] = {
    { "dev-null", dev_null },
    { "dev-zero-read", dev_zero_read },
    { "dev-zero-shared-between-children", dev_zero_shared },
    { "dev-urandom", dev_urandom },
    { "pipe-eof", pipe_eof },
    { "pipe-sigpipe", pipe_sigpipe },
    { "pipe-nonblock-64k", pipe_nonblock },
    { "pipe-atomic-4096", pipe_atomic },
    { "pipe-4mib", pipe_4mib },
    { "file-rw-holes-append-trunc", file_rw },
    { "file-truncate", file_truncate },
    { "file-unlinked-while-open", unlinked_open },
    { "dirs-rename-errors", dirs },
    { "read-only-root", read_only_root },
    { "statfs", statfs_tmp },
    { "shared-file-mapping", shared_mapping },
    { "private-file-mapping", private_mapping },
    { "sigbus-past-end", sigbus_past_end },
    { "map-needs-write-open", open_write_read_only_map },
    { "maps-names-and-deleted", maps_names },
    { "meminfo-shmem", meminfo_shmem },
    { "dev-shm", shm_dev },
    { "no-leak-1000-rounds", no_leak },
};

/* Writes until the tmpfs is full: ENOSPC, statfs shows it, unlink frees. */
static int enospc(void)
{
    static char buf[PAGE];
    struct statfs st;
    int fd = open("/tmp/t_full", O_RDWR | O_CREAT | O_TRUNC, 0600);
    long total = 0, r;
    while ((r = write(fd, buf, sizeof buf)) > 0)
        total += r;
    int err = errno;
    statfs("/tmp", &st);
    printf("t_tmpfs enospc: %ld KiB written, then %s; %llu of %llu blocks free\n", total / 1024,
           r < 0 && err == ENOSPC ? "ENOSPC" : "no error", st.f_bfree, st.f_blocks);
    int ok = r < 0 && err == ENOSPC && st.f_bfree == 0 && total == (long)(st.f_blocks * PAGE);
    close(fd);
    unlink("/tmp/t_full");
    statfs("/tmp", &st);
    ok = ok && st.f_bfree == st.f_blocks;
    printf("t_tmpfs enospc: %s\n", ok ? "ok" : "FAILED");
    return !ok;
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "enospc") == 0)
        return enospc();
    if (argc == 3 && strcmp(argv[1], "swap") == 0) {
        extern int tmpfs_swap(unsigned mib);
        return tmpfs_swap((unsigned)atoi(argv[2]));
    }
    return t_run_all("t_tmpfs", cases, (int)(sizeof cases / sizeof cases[0]));
}

/* Through swap, in a child (whose page tables go when it exits): a tmpfs
 * file of mib MiB written with write(), and another written through a
 * shared mapping, both more than RAM: their pages go to swap (pswpout
 * grows) and read back exactly. Returns the number of bad words, or -1. */
static int swap_child(unsigned mib)
{
    static uint32_t buf[PAGE / 4];
    uint32_t words = mib << 18;
    unsigned long out0 = proc_number("/proc/vmstat", "pswpout ");
    unsigned long in0 = proc_number("/proc/vmstat", "pswpin ");
    unsigned bad = 0;

    int fd = open("/tmp/t_big", O_RDWR | O_CREAT | O_TRUNC, 0600);
    for (uint32_t w = 0; w < words; w += PAGE / 4) {
        for (uint32_t i = 0; i < PAGE / 4; i++)
            buf[i] = (w + i) * 2654435761u;
        if (write(fd, buf, PAGE) != PAGE)
            bad++;
    }
    int fd2 = open("/tmp/t_bigmap", O_RDWR | O_CREAT | O_TRUNC, 0600);
    ftruncate(fd2, (off_t)words * 4);
    uint32_t *m = mmap(0, words * 4, PROT_READ | PROT_WRITE, MAP_SHARED, fd2, 0);
    for (uint32_t w = 0; m != MAP_FAILED && w < words; w++)
        m[w] = w ^ 0x5a5a5a5a;
    unsigned long out1 = proc_number("/proc/vmstat", "pswpout ");
    printf("t_tmpfs swap: %u MiB file and %u MiB mapping written, pswpout +%lu, Shmem %lu kB\n",
           mib, mib, out1 - out0, proc_number("/proc/meminfo", "Shmem:"));

    lseek(fd, 0, SEEK_SET);
    for (uint32_t w = 0; w < words; w += PAGE / 4) {
        if (read(fd, buf, PAGE) != PAGE)
            bad++;
        for (uint32_t i = 0; i < PAGE / 4; i++)
            bad += buf[i] != (w + i) * 2654435761u;
    }
    for (uint32_t w = 0; m != MAP_FAILED && w < words; w++)
        bad += m[w] != (w ^ 0x5a5a5a5a);
    lseek(fd2, (off_t)(words / 2) * 4, SEEK_SET);
    read(fd2, buf, PAGE);
    for (uint32_t i = 0; i < PAGE / 4; i++)
        bad += buf[i] != ((words / 2 + i) ^ 0x5a5a5a5a);
    unsigned long in1 = proc_number("/proc/vmstat", "pswpin ");
    printf("t_tmpfs swap: read back, %u bad words, pswpin +%lu\n", bad, in1 - in0);

    munmap(m, words * 4);
    close(fd);
    close(fd2);
    unlink("/tmp/t_big");
    unlink("/tmp/t_bigmap");
    return m != MAP_FAILED && bad == 0 && out1 > out0 && in1 > in0 ? 0 : 1;
}

/* The swap case: closing, unmapping and unlinking the files frees every
 * frame and slot they had. */
int tmpfs_swap(unsigned mib)
{
    touch_own_pages();
    unsigned long free0 = proc_number("/proc/meminfo", "MemFree:");
    unsigned long swap0 = proc_number("/proc/meminfo", "SwapFree:");
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0)
        exit(swap_child(mib));
    int status = 1;
    waitpid(pid, &status, 0);
    touch_own_pages();
    unsigned long free1 = proc_number("/proc/meminfo", "MemFree:");
    unsigned long swap1 = proc_number("/proc/meminfo", "SwapFree:");
    printf("t_tmpfs swap: SwapFree %lu -> %lu kB, MemFree %lu -> %lu kB\n", swap0, swap1, free0,
           free1);
    int ok = status == 0 && swap1 == swap0 && free1 == free0;
    printf("t_tmpfs swap: %s\n", ok ? "ok" : "FAILED");
    return !ok;
}
