/* tmpfs_files.c: files in /tmp through the C library: create, write, read,
 * lseek past the end (a hole), ftruncate and truncate, O_APPEND, unlink of
 * an open file, directories, rename, stat sizes, and the errors Linux
 * gives (EEXIST, ENOENT, ENOTDIR, EISDIR, ENOTEMPTY). Names carry the pid:
 * on the host this runs in the host's /tmp (whose directory offsets need
 * the 64-bit interfaces). */
#define _FILE_OFFSET_BITS 64
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check.h"

static char dir[64], paths[2][128];

/* The path of NAME inside this run's directory (two calls may be used at
 * once: rename(at(a), at(b))). */
static const char *at(const char *name)
{
    static int turn;
    char *path = paths[turn ^= 1];
    snprintf(path, 128, "%s/%s", dir, name);
    return path;
}

int main(void)
{
    char buf[64];
    struct stat st;
    snprintf(dir, sizeof dir, "/tmp/stock_tmpfs_%d", (int)getpid());
    CHECK("mkdir", mkdir(dir, 0755) == 0);
    CHECK("mkdir-exists", mkdir(dir, 0755) == -1 && errno == EEXIST);

    int fd = open(at("a"), O_RDWR | O_CREAT | O_EXCL, 0644);
    CHECK("create", fd >= 0);
    CHECK("create-excl-exists", open(at("a"), O_RDWR | O_CREAT | O_EXCL, 0644) == -1 &&
                                    errno == EEXIST);
    CHECK("write", write(fd, "hello, tmpfs", 12) == 12);
    CHECK("lseek-set", lseek(fd, 7, SEEK_SET) == 7);
    CHECK("read", read(fd, buf, sizeof buf) == 5 && memcmp(buf, "tmpfs", 5) == 0);
    CHECK("read-eof", read(fd, buf, sizeof buf) == 0);
    CHECK("lseek-hole", lseek(fd, 10000, SEEK_SET) == 10000 && write(fd, "!", 1) == 1);
    CHECK("fstat-size", fstat(fd, &st) == 0 && st.st_size == 10001 && S_ISREG(st.st_mode));
    SAY("size %lld", (long long)st.st_size);
    CHECK("hole-reads-zero", pread(fd, buf, 8, 5000) == 8 && !memcmp(buf, "\0\0\0\0\0\0\0\0", 8));
    CHECK("lseek-end", lseek(fd, 0, SEEK_END) == 10001);
    CHECK("ftruncate-shrink", ftruncate(fd, 5) == 0 && fstat(fd, &st) == 0 && st.st_size == 5);
    CHECK("ftruncate-grow", ftruncate(fd, 100) == 0 && pread(fd, buf, 10, 0) == 10 &&
                                memcmp(buf, "hello\0\0\0\0\0", 10) == 0);
    CHECK("truncate-path", truncate(at("a"), 3) == 0 && stat(at("a"), &st) == 0 &&
                               st.st_size == 3);
    CHECK("fsync", fsync(fd) == 0 && fdatasync(fd) == 0);
    close(fd);

    fd = open(at("a"), O_WRONLY | O_APPEND);
    CHECK("append", fd >= 0 && write(fd, "XY", 2) == 2 && lseek(fd, 0, SEEK_CUR) == 5);
    close(fd);
    fd = open(at("a"), O_RDWR | O_TRUNC);
    CHECK("o-trunc", fd >= 0 && fstat(fd, &st) == 0 && st.st_size == 0);
    CHECK("o-rdonly-trunc", write(fd, "abc", 3) == 3 &&
                                close(open(at("a"), O_RDONLY | O_TRUNC)) == 0 &&
                                fstat(fd, &st) == 0 && st.st_size == 0 &&
                                lseek(fd, 0, SEEK_SET) == 0);
    CHECK("unlink-open", write(fd, "kept", 4) == 4 && unlink(at("a")) == 0);
    CHECK("unlinked-gone", stat(at("a"), &st) == -1 && errno == ENOENT);
    CHECK("unlinked-readable", pread(fd, buf, 4, 0) == 4 && memcmp(buf, "kept", 4) == 0);
    CHECK("unlinked-nlink", fstat(fd, &st) == 0 && st.st_nlink == 0);
    close(fd);

    CHECK("enoent", open(at("nothing"), O_RDONLY) == -1 && errno == ENOENT);
    CHECK("enoent-dir", open(at("no/thing"), O_RDONLY | O_CREAT, 0644) == -1 && errno == ENOENT);
    fd = open(at("f"), O_WRONLY | O_CREAT, 0600);
    close(fd);
    CHECK("enotdir", open(at("f/x"), O_RDONLY) == -1 && errno == ENOTDIR);
    CHECK("enotdir-mkdir", mkdir(at("f/x"), 0755) == -1 && errno == ENOTDIR);
    CHECK("eisdir-open", open(dir, O_WRONLY) == -1 && errno == EISDIR);
    CHECK("eisdir-unlink", mkdir(at("d"), 0755) == 0 && unlink(at("d")) == -1 &&
                               (errno == EISDIR || errno == EPERM));
    CHECK("enotdir-rmdir", rmdir(at("f")) == -1 && errno == ENOTDIR);
    CHECK("enotempty", rename(at("f"), at("d/f")) == 0 && rmdir(at("d")) == -1 &&
                           errno == ENOTEMPTY);
    CHECK("rename-onto-its-dir", rename(at("d/f"), at("d")) == -1 && errno == ENOTEMPTY);
    CHECK("rename-file-over-dir", mkdir(at("e"), 0755) == 0 &&
                                      rename(at("d/f"), at("e")) == -1 && errno == EISDIR);
    CHECK("rename-dir-over-file", rename(at("e"), at("d/f")) == -1 && errno == ENOTDIR &&
                                      rmdir(at("e")) == 0);
    CHECK("rename-dir-into-itself", rename(at("d"), at("d/sub")) == -1 && errno == EINVAL);

    DIR *d = opendir(at("d"));
    struct dirent *e;
    int seen = 0;
    while (d && (e = readdir(d)))
        seen += strcmp(e->d_name, "f") == 0 && e->d_type == DT_REG;
    CHECK("readdir", d && seen == 1);
    if (d)
        closedir(d);
    CHECK("stat-dir", stat(at("d"), &st) == 0 && S_ISDIR(st.st_mode) && st.st_nlink == 2);
    CHECK("cleanup", unlink(at("d/f")) == 0 && rmdir(at("d")) == 0 && rmdir(dir) == 0);
    CHECK("rmdir-gone", rmdir(dir) == -1 && errno == ENOENT);
    return check_done("tmpfs_files");
}
