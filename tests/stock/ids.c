/* ids.c: who a process is and what it may use: user and group ids (the
 * 32-bit calls and the old 16-bit ones), process groups and sessions
 * (setsid in a child, setpgid from the parent), umask, the resource limits
 * that pass through unchanged (getrlimit/setrlimit/prlimit on
 * RLIMIT_NOFILE, which also bounds new descriptors), getrandom and
 * sched_getaffinity. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "check.h"

static void ids(void)
{
    uid_t uid = getuid();
    gid_t gid = getgid();
    printf("uid %d euid %d gid %d egid %d\n", (int)uid, (int)geteuid(), (int)gid, (int)getegid());
    CHECK("getuid == geteuid", uid == geteuid());
    CHECK("getgid == getegid", gid == getegid());
    CHECK("16-bit getuid (24) agrees", syscall(SYS_getuid) == (long)(uid > 65535 ? 65534 : uid));
    CHECK("16-bit geteuid (49) agrees", syscall(SYS_geteuid) == (long)(uid > 65535 ? 65534 : uid));
    CHECK("16-bit getgid (47) agrees", syscall(SYS_getgid) == (long)(gid > 65535 ? 65534 : gid));
    CHECK("16-bit getegid (50) agrees", syscall(SYS_getegid) == (long)(gid > 65535 ? 65534 : gid));
    int n = getgroups(0, 0);
    CHECK("getgroups(0) counts the groups", n >= 0);
}

/* A child that makes itself a session leader; exits with the number of
 * its own failed checks (its lines are printed too; the counter it
 * inherits from the parent is not its business). */
static int session_child(void)
{
    pid_t me = getpid();
    int failed_before = check_failed;
    CHECK("child: in its parent's process group before setsid", getpgrp() != me);
    CHECK("child: setsid returns the new session id", setsid() == me);
    CHECK("child: session id is its pid", getsid(0) == me);
    CHECK("child: process group is its pid", getpgrp() == me && getpgid(0) == me);
    errno = 0;
    CHECK("child: setsid again is EPERM", setsid() == -1 && errno == EPERM);
    errno = 0;
    CHECK("child: a session leader cannot setpgid", setpgid(0, getppid()) == -1 && errno == EPERM);
    errno = 0;
    CHECK("child: no controlling terminal after setsid",
          tcgetpgrp(0) == -1 && errno == ENOTTY);
    return check_failed - failed_before;
}

static void groups_and_sessions(void)
{
    pid_t me = getpid(), pg = getpgrp();
    CHECK("getpgrp == getpgid(0) == getpgid(self)", pg == getpgid(0) && pg == getpgid(me));
    /* 0, not a pid, where the session leader lives outside our pid
     * namespace (a container on the host): only the agreement is checked. */
    CHECK("getsid(0) == getsid(self)", getsid(0) >= 0 && getsid(0) == getsid(me));
    errno = 0;
    CHECK("getpgid of no process is ESRCH", getpgid(0x3ffffff0) == -1 && errno == ESRCH);
    errno = 0;
    CHECK("getsid of no process is ESRCH", getsid(0x3ffffff0) == -1 && errno == ESRCH);
    errno = 0;
    CHECK("setpgid(-1) is EINVAL", setpgid(0, -1) == -1 && errno == EINVAL);

    fflush(stdout);
    pid_t c = fork();
    if (c == 0)
        _exit(session_child());
    int status = -1;
    CHECK("session child exits 0", waitpid(c, &status, 0) == c && WIFEXITED(status) &&
                                       WEXITSTATUS(status) == 0);

    fflush(stdout);
    c = fork();
    if (c == 0) {
        nanosleep(&(struct timespec){ 0, 200000000 }, 0);
        _exit(getpgrp() == getpid() ? 0 : 1);
    }
    CHECK("a child inherits the process group", getpgid(c) == pg);
    CHECK("setpgid(child, child) from the parent", setpgid(c, c) == 0 && getpgid(c) == c);
    CHECK("... and the child sees it", waitpid(c, &status, 0) == c && WIFEXITED(status) &&
                                          WEXITSTATUS(status) == 0);
    errno = 0;
    CHECK("setpgid of a waited-for child is ESRCH", setpgid(c, c) == -1 && errno == ESRCH);
    CHECK("setpgid(0, 0) in the own group", setpgid(0, 0) == 0 || getsid(0) == me);
}

static void masks(void)
{
    mode_t old = umask(022);
    CHECK("umask returns the old mask", umask(077) == 022);
    CHECK("umask keeps only the permission bits", (umask(01777) == 077) && umask(0) == 0777);
    umask(old);
    fflush(stdout);
    pid_t c = fork();
    if (c == 0) {
        _exit(umask(0) == old ? 0 : 1);
    }
    int status;
    CHECK("a child inherits the umask", waitpid(c, &status, 0) == c && status == 0);
}

static void limits(void)
{
    struct rlimit r, r2;
    CHECK("getrlimit(RLIMIT_NOFILE)", getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur <= r.rlim_max);
    printf("RLIMIT_NOFILE %ld %ld\n", (long)r.rlim_cur, (long)r.rlim_max);
    CHECK("sysconf(_SC_OPEN_MAX) is the soft limit", sysconf(_SC_OPEN_MAX) == (long)r.rlim_cur);
    r2 = r;
    r2.rlim_cur = 10;
    CHECK("setrlimit(RLIMIT_NOFILE, 10)", setrlimit(RLIMIT_NOFILE, &r2) == 0);
    CHECK("getrlimit reads 10 back", getrlimit(RLIMIT_NOFILE, &r2) == 0 && r2.rlim_cur == 10 &&
                                       r2.rlim_max == r.rlim_max);
    errno = 0;
    CHECK("dup2 to fd 10 is EBADF", dup2(0, 10) == -1 && errno == EBADF);
    int fds = 0, fd;
    while ((fd = open("/", O_RDONLY)) >= 0)
        fds++;
    CHECK("open stops at the limit with EMFILE", errno == EMFILE && fds == 7);
    for (fd = 3; fd < 10; fd++)
        close(fd);
    struct rlimit64 q;
    CHECK("prlimit64 reads the same", prlimit64(0, RLIMIT_NOFILE, 0, &q) == 0 && q.rlim_cur == 10);
    CHECK("setrlimit back", setrlimit(RLIMIT_NOFILE, &r) == 0);
    r2.rlim_cur = r.rlim_max;
    r2.rlim_max = r.rlim_cur - 1;
    errno = 0;
    CHECK("soft above hard is EINVAL", setrlimit(RLIMIT_NOFILE, &r2) == -1 && errno == EINVAL);
    errno = 0;
    CHECK("an unknown resource is EINVAL", getrlimit(99, &r2) == -1 && errno == EINVAL);
    CHECK("RLIMIT_CORE round trip", getrlimit(RLIMIT_CORE, &r) == 0 &&
                                        setrlimit(RLIMIT_CORE, &(struct rlimit){ 0, r.rlim_max }) == 0 &&
                                        getrlimit(RLIMIT_CORE, &r2) == 0 && r2.rlim_cur == 0);
    unsigned long old[2];
    CHECK("old getrlimit (76) answers too", syscall(SYS_getrlimit, RLIMIT_CORE, old) == 0 && old[0] == 0);
    CHECK("ugetrlimit (191) answers too", syscall(SYS_ugetrlimit, RLIMIT_CORE, old) == 0 && old[0] == 0);
    errno = 0;
    CHECK("prlimit64 of no process is ESRCH",
          prlimit64(0x3ffffff0, RLIMIT_CORE, 0, &q) == -1 && errno == ESRCH);
}

static void randomness(void)
{
    unsigned char a[64], b[64];
    CHECK("getrandom fills 64 bytes", getrandom(a, sizeof a, 0) == 64);
    CHECK("getrandom again differs", getrandom(b, sizeof b, GRND_NONBLOCK) == 64 &&
                                         memcmp(a, b, sizeof a) != 0);
    int zeros = 0;
    for (unsigned i = 0; i < sizeof a; i++)
        zeros += a[i] == 0;
    CHECK("getrandom bytes are not mostly zero", zeros < 16);
    errno = 0;
    CHECK("getrandom with unknown flags is EINVAL", getrandom(a, 4, 0x40) == -1 && errno == EINVAL);
    errno = 0;
    CHECK("getrandom to a bad pointer is EFAULT", syscall(SYS_getrandom, (void *)16, 4, 0) == -1 && errno == EFAULT);
}

static void affinity(void)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    CHECK("sched_getaffinity", sched_getaffinity(0, sizeof set, &set) == 0);
    CHECK("... we may run on CPU 0", CPU_ISSET(0, &set) && CPU_COUNT(&set) >= 1);
    printf("CPUs: %d\n", CPU_COUNT(&set));
    errno = 0;
    CHECK("sched_getaffinity of no process is ESRCH",
          sched_getaffinity(0x3ffffff0, sizeof set, &set) == -1 && errno == ESRCH);
}

int main(void)
{
    ids();
    groups_and_sessions();
    masks();
    limits();
    randomness();
    affinity();
    return check_done("ids");
}
