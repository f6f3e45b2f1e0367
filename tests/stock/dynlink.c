/* dynlink.c: what a dynamically linked program gets from the kernel and
 * the dynamic linker: the auxiliary vector (AT_BASE says where ld.so was
 * put, AT_ENTRY and AT_PHDR where the program is), libc's text shared from
 * /lib, and dlopen of a second library at run time with a call through it. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include "check.h"

extern char _start[];

static int count_libs(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    if (strstr(info->dlpi_name, "libc.so.6") || strstr(info->dlpi_name, "ld-linux.so.2"))
        ++*(int *)data;
    return 0;
}

int main(void)
{
    unsigned long base = getauxval(AT_BASE), entry = getauxval(AT_ENTRY);
    CHECK("AT_BASE names where ld.so is", base != 0 && base % 4096 == 0);
    CHECK("AT_ENTRY is the program's _start", entry == (unsigned long)_start);
    CHECK("AT_PHDR inside the program", getauxval(AT_PHDR) != 0 &&
          (getauxval(AT_PHDR) & ~0xfffUL) <= (entry & ~0xfffUL) + 0x100000);
    CHECK("AT_PHENT", getauxval(AT_PHENT) == sizeof(ElfW(Phdr)));
    CHECK("AT_PAGESZ", getauxval(AT_PAGESZ) == 4096);
    int libs = 0;
    dl_iterate_phdr(count_libs, &libs);
    CHECK("libc.so.6 and ld-linux.so.2 loaded", libs == 2);

    void *m = dlopen("libm.so.6", RTLD_NOW);
    CHECK("dlopen libm.so.6", m != NULL);
    double (*cosine)(double) = m ? (double (*)(double))dlsym(m, "cos") : NULL;
    CHECK("dlsym cos", cosine != NULL);
    if (cosine)
        SAY("cos(1) = %.17g", cosine(1.0));
    CHECK("dlclose", m && dlclose(m) == 0);
    CHECK("dlopen of a missing library fails", dlopen("libnothere.so.9", RTLD_NOW) == NULL);
    printf("%s\n", dlerror() ? "dlerror says why" : "dlerror is silent");
    return check_done("dynlink");
}
