/* t_exec.c: execve passes argv and envp and the status comes back; every
 * refused exec (missing file, directory, non-ELF, truncated ELF, a segment
 * in the kernel half, too many arguments, bad pointers) returns its error
 * to a caller that keeps running, and leaks nothing. The malformed
 * programs of tools/mkbadelf.py each get Linux's error, or run as Linux
 * runs them (no PT_LOAD, an entry outside every segment: SIGSEGV;
 * overlapping segments: the later one wins); a broken interpreter gives
 * ELIBBAD. */
#include "t_common.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <time.h>

static char *const no_env[] = { NULL };
int main(int argc, char **argv);

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
        execve("/tests/t_exec", argv, envp);
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
    CHECK(refused("/tests/kernelseg", argv, no_env, ENOMEM));
}

/* Each broken program of tools/mkbadelf.py, with Linux's error. */
static void malformed_segments(void)
{
    char *argv[] = { "x", NULL };
    CHECK(refused("/tests/stackseg", argv, no_env, ENOMEM));
    CHECK(refused("/tests/lowseg", argv, no_env, EPERM));
    CHECK(refused("/tests/wrapseg", argv, no_env, EINVAL));
    CHECK(refused("/tests/bsskernel", argv, no_env, EINVAL));
    CHECK(refused("/tests/fileszbig", argv, no_env, EINVAL));
    CHECK(refused("/tests/misaligned", argv, no_env, EINVAL));
    CHECK(refused("/tests/offsetpast", argv, no_env, ENOEXEC));
    CHECK(refused("/tests/entrykernel", argv, no_env, EINVAL));
}

static void malformed_headers(void)
{
    char *argv[] = { "x", NULL };
    CHECK(refused("/tests/hugephnum", argv, no_env, ENOEXEC));
    CHECK(refused("/tests/interppast", argv, no_env, EIO));
}

/* Runs path in a child; returns its wait status. */
static int run_status(const char *path)
{
    pid_t pid = fork();
    if (pid == 0) {
        char *argv[] = { (char *)path, "ran", NULL };
        execve(path, argv, no_env);
        exit(100 + errno);              /* refused */
    }
    int status = 0;
    waitpid(pid, &status, 0);
    printf("  %s: status 0x%x\n", path, status);
    return status;
}

/* The status tools/mkbadelf.py's program exits with when it runs. */
#define BADELF_STATUS 7
static int ran(int s) { return WIFEXITED(s) && WEXITSTATUS(s) == BADELF_STATUS; }
static int segv(int s) { return WIFSIGNALED(s) && WTERMSIG(s) == SIGSEGV; }

/* The program the broken ones are made from runs; so does it linked at
 * 0x10000 (Linux's lowest address) and with 128 program headers. */
static void unusual_but_good(void)
{
    CHECK(ran(run_status("/tests/good")));
    CHECK(ran(run_status("/tests/low")));
    CHECK(ran(run_status("/tests/manyphdrs")));
}

/* Linux runs these and the program dies on its first instruction. */
static void runs_and_faults_as_linux(void)
{
    CHECK(segv(run_status("/tests/noload")));
    CHECK(segv(run_status("/tests/entryout")));
}

/* A second PT_LOAD over the data segment: the same one runs, a read-only
 * one replaces the data page, and the first write to it faults. */
static void overlapping_segments_later_wins(void)
{
    CHECK(ran(run_status("/tests/overlapsame")));
    CHECK(segv(run_status("/tests/overlapro")));
}

/* The same rules for the interpreter, but every error is ELIBBAD (Linux
 * kills the process there). An ET_EXEC interpreter is mapped at its own
 * addresses, over the program: /tests/good as one runs. */
static void broken_interpreters(void)
{
    char *argv[] = { "x", NULL };
    CHECK(ran(run_status("/tests/interp-good")));
    CHECK(refused("/tests/interp-noload", argv, no_env, ELIBBAD));
    CHECK(refused("/tests/interp-entrykernel", argv, no_env, ELIBBAD));
    CHECK(refused("/tests/interp-kernelseg", argv, no_env, ELIBBAD));
    CHECK(refused("/tests/interp-fileszbig", argv, no_env, ELIBBAD));
    /* a missing interpreter is found before the program's broken segment */
    CHECK(refused("/tests/interpgone-fileszbig", argv, no_env, ENOENT));
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
        refused("/tests/kernelseg", argv, no_env, ENOMEM);
        refused("/tests/fileszbig", argv, no_env, EINVAL);
        refused("/tests/interp-kernelseg", argv, no_env, ELIBBAD);
        refused("/etc/motd", argv, no_env, ENOEXEC);
        refused("/bin/nonexistent", argv, no_env, ENOENT);
    }
    unsigned long after = free_pages();
    printf("  free pages %lu before, %lu after 100 refused execs\n", before, after);
    CHECK(after == before);
}

/* The pagemap entry of page va in process pid (0 if unreadable). */
static uint64_t pagemap_entry(pid_t pid, uint32_t va)
{
    char path[64];
    uint64_t entry = 0;
    snprintf(path, sizeof path, "/proc/%d/pagemap", pid);
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return 0;
    if (lseek(fd, (off_t)(va / 4096) * 8, SEEK_SET) >= 0)
        read(fd, &entry, sizeof entry);
    close(fd);
    return entry;
}

/* Starts `t_exec --sleep`, a second process of this program. */
static pid_t start_sleeper(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        char *argv[] = { "t_exec", "--sleep", NULL };
        execve("/tests/t_exec", argv, no_env);
        exit(99);
    }
    return pid;
}

static void text_frames_shared(void)
{
    uint32_t text = (uint32_t)(uintptr_t)main & ~4095u;
    pid_t a = start_sleeper(), b = start_sleeper();
    struct timespec ts = { 0, 300 * 1000 * 1000 };
    nanosleep(&ts, NULL);               /* both have run main by now */
    uint64_t ea = pagemap_entry(a, text), eb = pagemap_entry(b, text);
    uint64_t mine = pagemap_entry(getpid(), text);
    printf("  text page 0x%x: pid %d entry %llx, pid %d entry %llx, self %llx\n", text, a,
           (unsigned long long)ea, b, (unsigned long long)eb, (unsigned long long)mine);
    kill(a, 9);
    kill(b, 9);
    waitpid(a, NULL, 0);
    waitpid(b, NULL, 0);
    CHECK(ea >> 63 && eb >> 63);                        /* present in both */
    CHECK((ea & ((1ull << 55) - 1)) == (eb & ((1ull << 55) - 1)));
    CHECK((ea & ((1ull << 55) - 1)) == (mine & ((1ull << 55) - 1)));
}

static const struct t_case cases[] = {
    { "text_frames_shared", text_frames_shared },
    { "passes_arguments_and_status", passes_arguments_and_status },
    { "missing_file", missing_file },
    { "not_a_program", not_a_program },
    { "truncated_elf", truncated_elf },
    { "segment_in_kernel_half", segment_in_kernel_half },
    { "malformed_segments", malformed_segments },
    { "malformed_headers", malformed_headers },
    { "unusual_but_good", unusual_but_good },
    { "runs_and_faults_as_linux", runs_and_faults_as_linux },
    { "overlapping_segments_later_wins", overlapping_segments_later_wins },
    { "broken_interpreters", broken_interpreters },
    { "too_many_arguments", too_many_arguments },
    { "bad_pointers", bad_pointers },
    { "refusals_leak_nothing", refusals_leak_nothing },
};

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--sleep") == 0) {
        sleep(10);
        return 0;
    }
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
