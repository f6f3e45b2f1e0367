/* t_exec.c: execve passes argv and envp and the status comes back; every
 * refused exec (missing file, directory, non-ELF, truncated ELF, a segment
 * in the kernel half, too many arguments, bad pointers) returns its error
 * to a caller that keeps running, and leaks nothing. */
#include "t_common.h"
#include <errno.h>
#include <stdint.h>

static char *const no_env[] = { NULL };

/* execve that is expected to fail with want; returns 1 if it did. */
static int refused(const char *path, char *const argv[], char *const envp[], int want)
{
    int r = execve(path, argv, envp);
    if (r != -1 || errno != want)
        printf("  execve(%s): %d, errno %d; wanted errno %d\n", path ? path : "NULL", r,
               errno, want);
    return r == -1 && errno == want;
}

static void passes_arguments_and_status(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        char *argv[] = { "t_exec", "--child", "two words", NULL };
        char *envp[] = { "GREETING=hello", "EMPTY=", NULL };
        execve("/bin/t_exec", argv, envp);
        exit(99);
    }
    int status;
    CHECK(waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 42);
}

static void missing_file(void)
{
    char *argv[] = { "nothing", NULL };
    CHECK(refused("/bin/nonexistent", argv, no_env, ENOENT));
    CHECK(refused("/etc/motd/below", argv, no_env, ENOTDIR));
}

static void not_a_program(void)
{
    char *argv[] = { "x", NULL };
    CHECK(refused("/etc/motd", argv, no_env, ENOEXEC));
    CHECK(refused("/bin", argv, no_env, EACCES));
}

static void truncated_elf(void)
{
    char *argv[] = { "x", NULL };
    CHECK(refused("/tests/truncated", argv, no_env, ENOEXEC));
}

static void segment_in_kernel_half(void)
{
    char *argv[] = { "x", NULL };
    CHECK(refused("/tests/kernelseg", argv, no_env, ENOEXEC));
}

static void too_many_arguments(void)
{
    static char big[1024];
    static char *argv[200];
    memset(big, 'a', sizeof big - 1);
    for (int i = 0; i < 199; i++)
        argv[i] = big;                  /* 199 KiB of strings */
    CHECK(refused("/bin/echo", argv, no_env, E2BIG));
}

static void bad_pointers(void)
{
    char *bad_arg[] = { "x", (char *)0xC0000000u, NULL };
    char *good[] = { "x", NULL };
    CHECK(refused("/bin/echo", bad_arg, no_env, EFAULT));
    CHECK(refused("/bin/echo", (char **)0xC0001000u, no_env, EFAULT));
    CHECK(refused("/bin/echo", good, (char **)0x40000000u, EFAULT));
    CHECK(refused(NULL, good, no_env, EFAULT));
    CHECK(refused((char *)0xBFFFFFFFu + 1, good, no_env, EFAULT));
}

static void refusals_leak_nothing(void)
{
    char *argv[] = { "x", NULL };
    refused("/tests/truncated", argv, no_env, ENOEXEC);     /* warm up */
    unsigned long before = free_pages();
    for (int i = 0; i < 20; i++) {
        refused("/tests/kernelseg", argv, no_env, ENOEXEC);
        refused("/etc/motd", argv, no_env, ENOEXEC);
        refused("/bin/nonexistent", argv, no_env, ENOENT);
    }
    unsigned long after = free_pages();
    printf("  free pages %lu before, %lu after 60 refused execs\n", before, after);
    CHECK(after == before);
}

static const struct t_case cases[] = {
    { "passes_arguments_and_status", passes_arguments_and_status },
    { "missing_file", missing_file },
    { "not_a_program", not_a_program },
    { "truncated_elf", truncated_elf },
    { "segment_in_kernel_half", segment_in_kernel_half },
    { "too_many_arguments", too_many_arguments },
    { "bad_pointers", bad_pointers },
    { "refusals_leak_nothing", refusals_leak_nothing },
};

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--child") == 0) {
        /* The exec'd side: check what arrived, answer with status 42. */
        int ok = strcmp(argv[2], "two words") == 0 && getenv("GREETING") &&
                 strcmp(getenv("GREETING"), "hello") == 0 && getenv("EMPTY") &&
                 getenv("HOME") == NULL;
        printf("  child: argv[2]='%s' GREETING=%s -> %s\n", argv[2],
               getenv("GREETING") ? getenv("GREETING") : "(none)", ok ? "ok" : "wrong");
        return ok ? 42 : 1;
    }
    return t_run_all("t_exec", cases, (int)(sizeof cases / sizeof cases[0]));
}
