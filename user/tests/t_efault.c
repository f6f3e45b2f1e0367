/* t_efault.c: every system call refuses bad user pointers with EFAULT:
 * NULL, kernel addresses, a buffer that starts in user memory and runs
 * into the kernel half, and unmapped user memory; and the kernel never
 * writes where the process could not. */
#include "t_common.h"
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/utsname.h>

#define NULLP ((void *)0)
#define KERNEL ((void *)0xC0000000u)
#define HALF ((void *)0xBFFFFFF0u)              /* 16 bytes user, then kernel */
#define UNMAPPED ((void *)0x40000000u)

static void *const bad[] = { NULLP, KERNEL, HALF, UNMAPPED };
#define NBAD 4

static int efault(long r)
{
    return r == -1 && errno == EFAULT;
}

static void write_bad_buffers(void)
{
    for (int i = 0; i < NBAD; i++)
        CHECK(efault(write(1, bad[i], 64)));
}

static void read_bad_buffers(void)
{
    int fd = open("/bin/echo", O_RDONLY);
    CHECK(fd >= 0);
    for (int i = 0; i < NBAD; i++)
        CHECK(efault(read(fd, bad[i], 64)));
    close(fd);
}

static void read_into_text_refused(void)
{
    int fd = open("/bin/echo", O_RDONLY);
    CHECK(efault(read(fd, (void *)(uintptr_t)read_into_text_refused, 16)));
    close(fd);
}

static void execve_bad_pointers(void)
{
    char *argv[] = { "echo", NULL };
    for (int i = 0; i < NBAD; i++) {
        CHECK(efault(execve(bad[i], argv, argv + 1)));
        CHECK(efault(execve("/bin/echo", bad[i], argv + 1)));
    }
}

static void wait4_bad_status(void)
{
    pid_t pid = fork();
    if (pid == 0)
        exit(3);
    /* NULL is allowed (no status wanted); an int at 0xBFFFFFFE straddles. */
    int *bad_status[] = { KERNEL, (int *)0xBFFFFFFEu, UNMAPPED };
    for (int i = 0; i < 3; i++)
        CHECK(efault(wait4(pid, bad_status[i], 0, NULL)));
    CHECK(efault(wait4(pid, NULL, 0, KERNEL)));     /* rusage */
    int status;
    CHECK(wait4(pid, &status, 0, NULL) == pid && WEXITSTATUS(status) == 3);
}

static void sysinfo_bad_buffers(void)
{
    for (int i = 0; i < NBAD; i++)
        CHECK(efault(sysinfo(bad[i])));
}

static void uname_bad_buffers(void)
{
    for (int i = 0; i < NBAD; i++)
        CHECK(efault(uname(bad[i])));
}

static void strings_across_a_page(void)
{
    /* A path whose bytes straddle a page boundary still works. */
    char *page = malloc(3 * 4096);
    char *p = (char *)(((uintptr_t)page + 4095) & ~(uintptr_t)4095) - 4;
    strcpy(p, "/bin/echo");
    int fd = open(p, O_RDONLY);
    CHECK(fd >= 0);
    close(fd);
}

static void unknown_system_call(void)
{
    long r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(999), "b"(1), "c"(2), "d"(3));
    CHECK(r == -38);                    /* -ENOSYS */
}

static const struct t_case cases[] = {
    { "unknown_system_call", unknown_system_call },
    { "write_bad_buffers", write_bad_buffers },
    { "read_bad_buffers", read_bad_buffers },
    { "read_into_text_refused", read_into_text_refused },
    { "execve_bad_pointers", execve_bad_pointers },
    { "wait4_bad_status", wait4_bad_status },
    { "sysinfo_bad_buffers", sysinfo_bad_buffers },
    { "uname_bad_buffers", uname_bad_buffers },
    { "strings_across_a_page", strings_across_a_page },
};
T_MAIN("t_efault", cases)
