/* files.c: the *at file calls and descriptors of a stock program:
 * readlink /proc/self/exe, chdir/getcwd/fchdir and relative paths, openat,
 * fstatat, statx, access/faccessat, dup/dup2/dup3, fcntl's descriptor and
 * status flags (O_CLOEXEC across exec is cloexec.c), pread, readv,
 * and the terminal questions (isatty, stdout's buffering, FIONREAD). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <termios.h>
#include <unistd.h>
#include "check.h"

static char exe[PATH_MAX], dir[PATH_MAX], base[PATH_MAX];

static void self_exe(void)
{
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    CHECK("readlink /proc/self/exe", n > 0 && exe[0] == '/');
    exe[n > 0 ? n : 0] = '\0';
    printf("exe: %s\n", exe);
    char small[4], other[PATH_MAX], path[64];
    CHECK("readlink truncates to the buffer", readlink("/proc/self/exe", small, 4) == 4 &&
                                                  memcmp(small, exe, 4) == 0);
    snprintf(path, sizeof path, "/proc/%d/exe", getpid());
    n = readlinkat(AT_FDCWD, path, other, sizeof other - 1);
    CHECK("readlinkat /proc/PID/exe gives the same", n == (ssize_t)strlen(exe) &&
                                                         memcmp(other, exe, n) == 0);
    errno = 0;
    CHECK("readlink of a file that is no link is EINVAL", readlink(exe, other, 10) == -1 && errno == EINVAL);
    errno = 0;
    CHECK("readlink of nothing is ENOENT", readlink("/no/such", other, 10) == -1 && errno == ENOENT);
    struct stat a, b;
    int fd = open("/proc/self/exe", O_RDONLY);
    CHECK("open follows /proc/self/exe to the program", fd >= 0 && fstat(fd, &a) == 0 &&
                                                            stat(exe, &b) == 0 && S_ISREG(a.st_mode) &&
                                                            a.st_ino == b.st_ino && a.st_size == b.st_size);
    close(fd);
    strcpy(dir, exe);
    *strrchr(dir, '/') = '\0';
    if (!dir[0])
        strcpy(dir, "/");
    strcpy(base, strrchr(exe, '/') + 1);
}

static void directories(void)
{
    char cwd[PATH_MAX], *p;
    CHECK("chdir to the program's directory", chdir(dir) == 0);
    CHECK("getcwd gives it", getcwd(cwd, sizeof cwd) == cwd && strcmp(cwd, dir) == 0);
    errno = 0;
    CHECK("getcwd into 1 byte is ERANGE", getcwd(cwd, 1) == NULL && errno == ERANGE);
    CHECK("getcwd(NULL, 0) allocates", (p = getcwd(NULL, 0)) && strcmp(p, dir) == 0);
    free(p);
    int fd = open(base, O_RDONLY);
    CHECK("open by a relative path", fd >= 0);
    struct stat a, b;
    CHECK("... is the program", fstat(fd, &a) == 0 && stat(exe, &b) == 0 && a.st_ino == b.st_ino);
    close(fd);
    CHECK("./ and ../dir/ relative paths", stat("./", &a) == 0 && S_ISDIR(a.st_mode) && stat("../", &b) == 0 && S_ISDIR(b.st_mode));
    int dfd = open(".", O_RDONLY | O_DIRECTORY);
    CHECK("open(\".\", O_DIRECTORY)", dfd >= 0);
    CHECK("chdir /", chdir("/") == 0 && getcwd(cwd, sizeof cwd) && strcmp(cwd, "/") == 0);
    CHECK("chdir .. at / stays at /", chdir("..") == 0 && getcwd(cwd, sizeof cwd) && strcmp(cwd, "/") == 0);
    CHECK("fchdir back", fchdir(dfd) == 0 && getcwd(cwd, sizeof cwd) && strcmp(cwd, dir) == 0);
    errno = 0;
    CHECK("chdir to a file is ENOTDIR", chdir(base) == -1 && errno == ENOTDIR);
    errno = 0;
    CHECK("chdir to nothing is ENOENT", chdir("no-such-dir") == -1 && errno == ENOENT);
    fd = open(base, O_RDONLY);
    errno = 0;
    CHECK("fchdir to a file is ENOTDIR", fchdir(fd) == -1 && errno == ENOTDIR);
    close(fd);
    close(dfd);
}

static void at_calls(void)
{
    struct stat a, b, c;
    int root = open("/", O_RDONLY | O_DIRECTORY);
    int fd = openat(root, exe + 1, O_RDONLY);
    CHECK("openat relative to a directory descriptor", fd >= 0 && fstat(fd, &a) == 0);
    int fd2 = openat(12345, exe, O_RDONLY);
    CHECK("openat of an absolute path ignores the descriptor", fd2 >= 0);
    close(fd2);
    errno = 0;
    CHECK("openat relative to a file is ENOTDIR", openat(fd, "x", O_RDONLY) == -1 && errno == ENOTDIR);
    errno = 0;
    CHECK("openat relative to a bad descriptor is EBADF", openat(12345, "x", O_RDONLY) == -1 && errno == EBADF);
    errno = 0;
    CHECK("open(\"\") is ENOENT", open("", O_RDONLY) == -1 && errno == ENOENT);
    CHECK("fstatat relative", fstatat(root, exe + 1, &b, 0) == 0 && b.st_ino == a.st_ino);
    CHECK("fstatat AT_EMPTY_PATH is fstat", fstatat(fd, "", &c, AT_EMPTY_PATH) == 0 &&
                                                c.st_ino == a.st_ino && c.st_size == a.st_size);
    CHECK("fstatat AT_SYMLINK_NOFOLLOW on /proc/self/exe sees the link",
          fstatat(AT_FDCWD, "/proc/self/exe", &c, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(c.st_mode));
    errno = 0;
    CHECK("fstatat with an unknown flag is EINVAL", fstatat(root, exe + 1, &c, 0x4) == -1 && errno == EINVAL);
    errno = 0;
    CHECK("fstatat(\"\") without AT_EMPTY_PATH is ENOENT", fstatat(fd, "", &c, 0) == -1 && errno == ENOENT);
    struct statx x;
    CHECK("statx", statx(AT_FDCWD, exe, 0, STATX_BASIC_STATS, &x) == 0);
    CHECK("statx agrees with fstat", (x.stx_mask & STATX_BASIC_STATS) == STATX_BASIC_STATS &&
                                         x.stx_size == (unsigned long long)a.st_size &&
                                         x.stx_ino == a.st_ino && x.stx_mode == a.st_mode &&
                                         x.stx_nlink == a.st_nlink);
    CHECK("statx AT_EMPTY_PATH", statx(fd, "", AT_EMPTY_PATH, STATX_SIZE, &x) == 0 &&
                                     x.stx_size == (unsigned long long)a.st_size);
    errno = 0;
    CHECK("statx with a reserved mask bit is EINVAL",
          statx(fd, "", AT_EMPTY_PATH, 0x80000000u, &x) == -1 && errno == EINVAL);
    CHECK("access R_OK|X_OK", access(exe, R_OK | X_OK) == 0);
    errno = 0;
    CHECK("access of nothing is ENOENT", access("/no/such", F_OK) == -1 && errno == ENOENT);
    errno = 0;
    CHECK("access with a bad mode is EINVAL", access(exe, 0x10) == -1 && errno == EINVAL);
    CHECK("faccessat relative", faccessat(root, exe + 1, R_OK, 0) == 0);
    CHECK("faccessat2 (439) with AT_EACCESS",
          syscall(439, root, exe + 1, R_OK, AT_EACCESS) == 0);
    errno = 0;
    CHECK("faccessat2 with an unknown flag is EINVAL",
          syscall(439, root, exe + 1, R_OK, 0x4) == -1 && errno == EINVAL);
    close(fd);
    close(root);
}

static void descriptors(void)
{
    int fd = open(exe, O_RDONLY);
    char buf[8];
    int d = dup(fd);
    CHECK("dup gives the lowest free descriptor", d == fd + 1);
    CHECK("dup shares the offset", lseek(fd, 100, SEEK_SET) == 100 && lseek(d, 0, SEEK_CUR) == 100);
    CHECK("dup2 to 20", dup2(fd, 20) == 20 && lseek(20, 0, SEEK_CUR) == 100);
    CHECK("dup2 onto itself returns it", dup2(fd, fd) == fd);
    errno = 0;
    CHECK("dup2 of a bad descriptor is EBADF", dup2(99, 21) == -1 && errno == EBADF);
    errno = 0;
    CHECK("dup3 onto itself is EINVAL", dup3(fd, fd, 0) == -1 && errno == EINVAL);
    CHECK("dup3 with O_CLOEXEC", dup3(fd, 21, O_CLOEXEC) == 21 && fcntl(21, F_GETFD) == FD_CLOEXEC);
    errno = 0;
    CHECK("dup3 with another flag is EINVAL", dup3(fd, 22, O_APPEND) == -1 && errno == EINVAL);
    CHECK("dup2 replaces an open descriptor (and clears its close-on-exec)",
          dup2(d, 21) == 21 && fcntl(21, F_GETFD) == 0);
    CHECK("F_GETFD of a plain open is 0", fcntl(fd, F_GETFD) == 0);
    CHECK("F_SETFD FD_CLOEXEC", fcntl(fd, F_SETFD, FD_CLOEXEC) == 0 && fcntl(fd, F_GETFD) == FD_CLOEXEC);
    CHECK("... is per descriptor", fcntl(d, F_GETFD) == 0);
    CHECK("F_GETFL: read-only", fcntl(fd, F_GETFL) == O_RDONLY);
    CHECK("F_SETFL O_NONBLOCK|O_APPEND", fcntl(fd, F_SETFL, O_NONBLOCK | O_APPEND | O_WRONLY) == 0 &&
                                             fcntl(fd, F_GETFL) == (O_RDONLY | O_NONBLOCK | O_APPEND));
    CHECK("... is per open file (seen through dup)", fcntl(d, F_GETFL) == (O_NONBLOCK | O_APPEND));
    fcntl(fd, F_SETFL, 0);
    CHECK("F_DUPFD gives the lowest at or above", fcntl(fd, F_DUPFD, 15) == 15 &&
                                                      fcntl(15, F_GETFD) == 0);
    CHECK("F_DUPFD_CLOEXEC", fcntl(fd, F_DUPFD_CLOEXEC, 15) == 16 && fcntl(16, F_GETFD) == FD_CLOEXEC);
    errno = 0;
    CHECK("F_DUPFD past the limit is EINVAL", fcntl(fd, F_DUPFD, 1 << 30) == -1 && errno == EINVAL);
    errno = 0;
    CHECK("fcntl of a bad descriptor is EBADF", fcntl(99, F_GETFD) == -1 && errno == EBADF);
    errno = 0;
    CHECK("fcntl with an unknown command is EINVAL", fcntl(fd, 9999) == -1 && errno == EINVAL);
    int flags_fd = open(exe, O_RDONLY | O_CLOEXEC);
    CHECK("open O_CLOEXEC sets FD_CLOEXEC", fcntl(flags_fd, F_GETFD) == FD_CLOEXEC);
    CHECK("O_CLOEXEC is not a status flag", fcntl(flags_fd, F_GETFL) == O_RDONLY);

    CHECK("pread at 1", pread(fd, buf, 3, 1) == 3 && memcmp(buf, "ELF", 3) == 0);
    CHECK("pread leaves the offset", lseek(fd, 0, SEEK_CUR) == 100);
    CHECK("pread past the end reads 0", pread(fd, buf, 3, 1 << 30) == 0);
    errno = 0;
    CHECK("pread at a negative offset is EINVAL", pread(fd, buf, 3, -1) == -1 && errno == EINVAL);
    errno = 0;
    CHECK("pwrite to a read-only descriptor is EBADF", pwrite(fd, buf, 3, 0) == -1 && errno == EBADF);
    char h1[2], h2[3];
    struct iovec iov[2] = { { h1, 2 }, { h2, 3 } };
    lseek(fd, 0, SEEK_SET);
    CHECK("readv fills the vectors in order", readv(fd, iov, 2) == 5 && h1[0] == 0x7f &&
                                                  h1[1] == 'E' && memcmp(h2, "LF", 2) == 0 &&
                                                  lseek(fd, 0, SEEK_CUR) == 5);
    errno = 0;
    CHECK("readv with a negative count is EINVAL", syscall(SYS_readv, fd, iov, -1) == -1 && errno == EINVAL);
    int avail = -1;
    struct stat st;
    fstat(fd, &st);
    CHECK("FIONREAD on a file: bytes left", ioctl(fd, FIONREAD, &avail) == 0 && avail == st.st_size - 5);

    for (int i = 3; i < 30; i++)
        close(i);
}

static void terminals(void)
{
    struct stat st;
    int tty = isatty(1);
    fstat(1, &st);
    printf("stdout: %s\n", tty ? "a terminal" : "not a terminal");
    CHECK("isatty(1) exactly when stdout is a character device", !!tty == !!S_ISCHR(st.st_mode));
    CHECK("stdout is line-buffered exactly when it is a terminal", !!__flbf(stdout) == !!tty);
    struct winsize w;
    CHECK("TIOCGWINSZ on a terminal", !tty || (ioctl(1, TIOCGWINSZ, &w) == 0 && w.ws_row > 0 &&
                                                w.ws_col > 0));
    struct termios t, t2;
    CHECK("tcsetattr/tcgetattr round trip on a terminal",
          !tty || (tcgetattr(1, &t) == 0 && (t2 = t, t2.c_lflag &= ~ECHO,
                                             tcsetattr(1, TCSANOW, &t2) == 0) &&
                   tcgetattr(1, &t2) == 0 && !(t2.c_lflag & ECHO) &&
                   tcsetattr(1, TCSADRAIN, &t) == 0 && tcgetattr(1, &t2) == 0 &&
                   (t2.c_lflag & ECHO) == (t.c_lflag & ECHO)));
    CHECK("tcgetpgrp on our terminal is our group", !tty || tcgetpgrp(1) == getpgrp());
    int fd = open(exe, O_RDONLY);
    errno = 0;
    CHECK("isatty on a file is false with ENOTTY", isatty(fd) == 0 && errno == ENOTTY);
    errno = 0;
    CHECK("TCGETS on a file is ENOTTY", tcgetattr(fd, &t) == -1 && errno == ENOTTY);
    errno = 0;
    CHECK("isatty on a bad descriptor is EBADF", isatty(99) == 0 && errno == EBADF);
    close(fd);
}

int main(void)
{
    self_exe();
    directories();
    at_calls();
    descriptors();
    terminals();
    return check_done("files");
}
