/* dynfail.c: dynamically linked programs that cannot run. The kernel
 * refuses a program whose interpreter is missing (ENOENT) or is not an ELF
 * file (ELIBBAD) in execve itself, and the caller goes on; a library with a
 * broken program header is the dynamic linker's to refuse, with its own
 * message and exit status 127. The broken files exist only in the stock
 * initrd (tools/mkbaddyn.py), so there is no host reference. */
#include <errno.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"

static int run(const char *path)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        char *argv[] = { (char *)path, NULL }, *envp[] = { NULL };
        execve(path, argv, envp);
        _exit(100 + errno);
    }
    int status = -1;
    waitpid(pid, &status, 0);
    return status;
}

int main(void)
{
    char *argv[] = { "interp-missing", NULL }, *envp[] = { NULL };
    int r = execve("/stock/interp-missing", argv, envp), e = errno;
    CHECK("missing interpreter: execve fails", r == -1);
    CHECK("missing interpreter: ENOENT", e == ENOENT);
    r = execve("/stock/interp-notelf", argv, envp), e = errno;
    CHECK("interpreter not ELF: execve fails", r == -1);
    CHECK("interpreter not ELF: ELIBBAD", e == ELIBBAD);
    /* A program copied into tmpfs (mounted noexec): EACCES, no panic. */
    char head[4096];
    FILE *in = fopen("/stock/hello", "rb"), *out = fopen("/tmp/dynfail-exe", "wb");
    size_t n = in ? fread(head, 1, sizeof head, in) : 0;
    CHECK("a program's first page copied to /tmp", out && fwrite(head, 1, n, out) == n && n > 52);
    if (in)
        fclose(in);
    if (out)
        fclose(out);
    r = execve("/tmp/dynfail-exe", argv, envp), e = errno;
    CHECK("exec from tmpfs: EACCES (noexec)", r == -1 && e == EACCES);
    unlink("/tmp/dynfail-exe");
    int status = run("/stock/interp-missing");
    CHECK("in a child too, the child goes on", WIFEXITED(status) && WEXITSTATUS(status) == 100 + ENOENT);
    status = run("/stock/needbad-dyn");
    CHECK("bad library: ld.so exits with 127", WIFEXITED(status) && WEXITSTATUS(status) == 127);
    status = run("/stock/hello-dyn");
    CHECK("a good dynamic program still runs", WIFEXITED(status) && WEXITSTATUS(status) == 0);
    return check_done("dynfail");
}
