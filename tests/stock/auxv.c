/* auxv.c: what a program learns at start-up: argc, argv and envp as main
 * and environ see them, and the auxiliary vector through getauxval:
 * AT_PAGESZ, AT_PHDR (the program's own headers, found in memory),
 * AT_ENTRY (_start), AT_RANDOM (16 bytes), the ids, AT_SECURE, AT_EXECFN,
 * AT_PLATFORM, AT_HWCAP, AT_CLKTCK; and sysconf's answers built on them. */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <link.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>
#include "check.h"

extern char **environ;
extern void _start(void);

static void test_args(int argc, char **argv, char **envp)
{
    CHECK("argc counts argv", argc == 3);
    CHECK("argv[1], argv[2]", argc == 3 && strcmp(argv[1], "one") == 0 && strcmp(argv[2], "two") == 0);
    CHECK("argv[argc] is NULL", argv[argc] == NULL);
    CHECK("envp follows argv's NULL", envp == argv + argc + 1);
    CHECK("environ is envp", environ == envp);
    setenv("AUXV_TEST", "1", 1);
    CHECK("setenv and getenv", strcmp(getenv("AUXV_TEST"), "1") == 0);
}

static void test_auxv(const char *argv0)
{
    errno = 0;                          /* getauxval sets ENOENT for a missing key */
    CHECK("AT_PAGESZ is 4096", getauxval(AT_PAGESZ) == 4096);
    CHECK("AT_ENTRY is _start", getauxval(AT_ENTRY) == (unsigned long)_start);
    const Elf32_Phdr *ph = (const Elf32_Phdr *)getauxval(AT_PHDR);
    int found_load = 0;
    for (unsigned long i = 0; ph && i < getauxval(AT_PHNUM); i++)
        if (ph[i].p_type == PT_LOAD)
            found_load = 1;
    CHECK("AT_PHDR points at the program headers", ph != NULL && found_load);
    CHECK("AT_PHENT is sizeof(Elf32_Phdr)", getauxval(AT_PHENT) == sizeof(Elf32_Phdr));
    const unsigned char *r = (const unsigned char *)getauxval(AT_RANDOM);
    int nonzero = 0;
    for (int i = 0; r && i < 16; i++)
        nonzero |= r[i];
    CHECK("AT_RANDOM: 16 bytes, not all zero", r != NULL && nonzero);
    CHECK("AT_UID, AT_EUID, AT_GID, AT_EGID are present",
          getauxval(AT_UID) == getauxval(AT_EUID) && getauxval(AT_GID) == getauxval(AT_EGID) &&
          errno == 0);
    CHECK("AT_SECURE is 0", getauxval(AT_SECURE) == 0);
    const char *fn = (const char *)getauxval(AT_EXECFN);
    CHECK("AT_EXECFN is the path executed", fn && strcmp(fn, argv0) == 0);
    const char *plat = (const char *)getauxval(AT_PLATFORM);
    CHECK("AT_PLATFORM is i686", plat && strcmp(plat, "i686") == 0);
    CHECK("AT_HWCAP says FPU", getauxval(AT_HWCAP) & 1);
    printf("  AT_HWCAP %#lx\n", getauxval(AT_HWCAP));
    CHECK("AT_CLKTCK is 100", getauxval(AT_CLKTCK) == 100);
}

static void test_sysconf(void)
{
    CHECK("sysconf(_SC_PAGESIZE) is 4096", sysconf(_SC_PAGESIZE) == 4096);
    CHECK("getpagesize() is 4096", getpagesize() == 4096);
    CHECK("sysconf(_SC_CLK_TCK) is 100", sysconf(_SC_CLK_TCK) == 100);
}

int main(int argc, char **argv, char **envp)
{
    test_args(argc, argv, envp);
    test_auxv(argv[0]);
    test_sysconf();
    return check_done("auxv");
}
