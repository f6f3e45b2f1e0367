/* sharelibc.c: one copy of libc's text serves every process. The program
 * runs itself a second time (fork, then execve: a separate image, not a
 * copy-on-write twin) and both, alive at once, read /proc/self/pagemap for
 * the page that holds printf and for a page of libc's data that each has
 * written: the text page must be the same frame, a page of the page cache,
 * and the data pages different frames, each process's private copy. The
 * frame numbers come from vmos's pagemap, so there is no Linux reference
 * to compare with under qemu-user (whose pagemap describes the emulator). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"

#define PM_PRESENT (1ULL << 63)
#define PM_FILE (1ULL << 61)
#define PM_PFN ((1ULL << 55) - 1)

struct report {
    unsigned long long text, data;
};

static unsigned long long pagemap(const void *addr)
{
    unsigned long long e = 0;
    int fd = open("/proc/self/pagemap", O_RDONLY);
    if (fd < 0 || lseek(fd, (off_t)((unsigned long)addr / 4096 * 8), SEEK_SET) < 0 ||
        read(fd, &e, sizeof e) != sizeof e)
        e = 0;
    if (fd >= 0)
        close(fd);
    return e;
}

/* The first page of libc's writable data, from /proc/self/maps. */
static volatile char *libc_data(void)
{
    char line[256];
    unsigned long start = 0;
    FILE *f = fopen("/proc/self/maps", "r");
    while (f && fgets(line, sizeof line, f))
        if (strstr(line, "libc.so.6") && strstr(line, " rw-p ")) {
            start = strtoul(line, NULL, 16);
            break;
        }
    if (f)
        fclose(f);
    return (volatile char *)start;
}

static void measure(struct report *r)
{
    void *print = dlsym(RTLD_DEFAULT, "printf");
    volatile char *data = libc_data();
    if (!print || !data)
        return;
    (void)*(volatile const char *)print; /* a read: map printf's page here too */
    data[0] = data[0];                  /* a write: this process's own copy */
    r->text = pagemap(print);
    r->data = pagemap((const void *)data);
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "child") == 0) {
        struct report *r = shmat(atoi(argv[2]), NULL, 0);
        if (r == (void *)-1)
            return 1;
        measure(r);
        return shmdt(r);
    }
    printf("sharelibc: parent and child measure libc's pages\n");
    int id = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
    struct report *child = shmat(id, NULL, 0), mine = { 0, 0 };
    CHECK("shared memory for the child's report", id >= 0 && child != (void *)-1);
    measure(&mine);
    char ids[16];
    snprintf(ids, sizeof ids, "%d", id);
    pid_t pid = fork();
    if (pid == 0) {
        execl(argv[0], argv[0], "child", ids, (char *)NULL);
        _exit(127);
    }
    int status = -1;
    CHECK("the second process ran", waitpid(pid, &status, 0) == pid && status == 0);
    printf("parent: printf page 0x%llx, data page 0x%llx\n", mine.text & PM_PFN, mine.data & PM_PFN);
    printf("child:  printf page 0x%llx, data page 0x%llx\n", child->text & PM_PFN, child->data & PM_PFN);
    CHECK("printf's page is resident in both", (mine.text & PM_PRESENT) && (child->text & PM_PRESENT));
    CHECK("printf's page is one frame for both", (mine.text & PM_PFN) == (child->text & PM_PFN));
    CHECK("that frame is the page cache's", (mine.text & PM_FILE) != 0);
    CHECK("written data pages are resident", (mine.data & PM_PRESENT) && (child->data & PM_PRESENT));
    CHECK("written data pages are two frames", (mine.data & PM_PFN) != (child->data & PM_PFN));
    CHECK("and private (not the cache's)", !(mine.data & PM_FILE) && !(child->data & PM_FILE));
    shmdt(child);
    shmctl(id, IPC_RMID, NULL);
    return check_done("sharelibc");
}
