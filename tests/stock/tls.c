/* tls.c: thread-local storage segments as Linux i386 gives them:
 * set_thread_area and get_thread_area with struct user_desc (the entry
 * glibc took, picking free entries with -1, every refusal: EINVAL, ESRCH,
 * EFAULT), a segment loaded into %fs and read through, an entry cleared
 * under a loaded %fs or %ss, inheritance by fork, and that a process
 * cannot load a kernel segment into a segment register. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"

struct user_desc {
    uint32_t entry_number, base_addr, limit, flags;
};
#define UD_SEG_32BIT 0x01
#define UD_CODE 0x04                    /* contents 2 */
#define UD_READ_EXEC_ONLY 0x08
#define UD_LIMIT_IN_PAGES 0x10
#define UD_SEG_NOT_PRESENT 0x20
#define UD_USEABLE 0x40
#define FLAT (UD_SEG_32BIT | UD_LIMIT_IN_PAGES | UD_USEABLE)

static long set_area(struct user_desc *u) { return syscall(SYS_set_thread_area, u); }
static long get_area(struct user_desc *u) { return syscall(SYS_get_thread_area, u); }

static unsigned gs(void) { unsigned v; __asm__ volatile("movl %%gs, %0" : "=r"(v)); return v; }
static unsigned fs(void) { unsigned v; __asm__ volatile("movl %%fs, %0" : "=r"(v)); return v; }

static void test_glibc_entry(void)
{
    unsigned sel = gs();
    CHECK("glibc's %gs is GDT entry 6, RPL 3 (0x33)", sel == 0x33);
    uintptr_t tcb;
    __asm__("movl %%gs:0, %0" : "=r"(tcb));
    struct user_desc u = { sel >> 3, 0, 0, 0 };
    CHECK("get_thread_area(6)", get_area(&u) == 0);
    CHECK("its base is the thread block (%gs:0)", u.base_addr == tcb);
    CHECK("its limit and flags: 4 GiB in pages, 32-bit, useable", u.limit == 0xFFFFF && u.flags == FLAT);
}

static int probe = 0x5A5A1234;

static void test_set_and_use(void)
{
    struct user_desc u = { (uint32_t)-1, (uint32_t)(uintptr_t)&probe, 0xFFFFF, FLAT };
    CHECK("set_thread_area(-1) picks entry 7", set_area(&u) == 0 && u.entry_number == 7);
    struct user_desc v = { (uint32_t)-1, 0, 0xFFFFF, FLAT };
    CHECK("and then entry 8", set_area(&v) == 0 && v.entry_number == 8);
    v.entry_number = (uint32_t)-1;
    errno = 0;
    CHECK("and then none: ESRCH", set_area(&v) == -1 && errno == ESRCH);

    __asm__ volatile("movw %w0, %%fs" : : "r"(0x3B));
    int got;
    __asm__ volatile("movl %%fs:0, %0" : "=r"(got));
    CHECK("%fs:0 reads through entry 7", got == 0x5A5A1234);

    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        int in_child;
        __asm__ volatile("movl %%fs:0, %0" : "=r"(in_child));
        struct user_desc c = { 7, 0, 0, 0 };
        _exit(fs() == 0x3B && in_child == 0x5A5A1234 && get_area(&c) == 0 &&
              c.base_addr == (uint32_t)(uintptr_t)&probe ? 0 : 1);
    }
    int st;
    CHECK("fork: the child has the same segments and %fs", waitpid(pid, &st, 0) == pid && st == 0);

    struct user_desc clear = { 7, 0, 0, 0 };
    CHECK("clearing entry 7 (all zero)", set_area(&clear) == 0);
    CHECK("%fs, which used it, is now the null selector", fs() == 0);
    struct user_desc back = { 7, 1, 1, 0 };
    CHECK("get_thread_area of a cleared entry: the empty pattern",
          get_area(&back) == 0 && back.base_addr == 0 && back.limit == 0 &&
          back.flags == (UD_READ_EXEC_ONLY | UD_SEG_NOT_PRESENT));
    struct user_desc empty = { 8, 0, 0, UD_READ_EXEC_ONLY | UD_SEG_NOT_PRESENT };
    CHECK("clearing entry 8 (the empty pattern)", set_area(&empty) == 0);
    struct user_desc again = { (uint32_t)-1, 0, 0xFFFFF, FLAT };
    CHECK("entry 7 is free again", set_area(&again) == 0 && again.entry_number == 7);
    struct user_desc zero7 = { 7, 0, 0, 0 };
    set_area(&zero7);
}

static void test_refusals(void)
{
    struct user_desc u = { 5, 0, 0xFFFFF, FLAT };
    errno = 0;
    CHECK("entry 5 (the TSS): EINVAL", set_area(&u) == -1 && errno == EINVAL);
    u.entry_number = 9;
    errno = 0;
    CHECK("entry 9: EINVAL", set_area(&u) == -1 && errno == EINVAL);
    u.entry_number = 1;
    errno = 0;
    CHECK("entry 1 (kernel code): EINVAL", set_area(&u) == -1 && errno == EINVAL);
    struct user_desc code = { 7, 0, 0xFFFFF, FLAT | UD_CODE };
    errno = 0;
    CHECK("a code segment: EINVAL", set_area(&code) == -1 && errno == EINVAL);
    struct user_desc np = { 7, 0, 0xFFFFF, FLAT | UD_SEG_NOT_PRESENT };
    errno = 0;
    CHECK("a not-present segment: EINVAL", set_area(&np) == -1 && errno == EINVAL);
    struct user_desc small = { 7, 0, 0xFFFF, UD_USEABLE };
    errno = 0;
    CHECK("a 16-bit segment: EINVAL", set_area(&small) == -1 && errno == EINVAL);
    errno = 0;
    CHECK("set_thread_area(NULL): EFAULT", syscall(SYS_set_thread_area, 0) == -1 && errno == EFAULT);
    errno = 0;
    CHECK("set_thread_area(kernel address): EFAULT",
          syscall(SYS_set_thread_area, 0xC0001000) == -1 && errno == EFAULT);
    struct user_desc g = { 3, 0, 0, 0 };
    errno = 0;
    CHECK("get_thread_area(3): EINVAL", get_area(&g) == -1 && errno == EINVAL);
    errno = 0;
    CHECK("get_thread_area(NULL): EFAULT", syscall(SYS_get_thread_area, 0) == -1 && errno == EFAULT);
}

/* A child that loads selector sel into %gs: the load itself must fault. */
static int load_status(unsigned sel)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        __asm__ volatile("movw %w0, %%gs" : : "r"(sel));
        _exit(0);
    }
    int st;
    return waitpid(pid, &st, 0) == pid ? st : -1;
}

static void test_kernel_selectors(void)
{
    int st = load_status(0x10);
    CHECK("loading the kernel data segment (0x10): SIGSEGV", WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
    st = load_status(0x13);
    CHECK("... even with RPL 3 (0x13): SIGSEGV", WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
    st = load_status(0x28);
    CHECK("loading the TSS (0x28): SIGSEGV", WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
    st = load_status(0x3B);
    CHECK("loading an empty TLS entry (0x3B): SIGSEGV", WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
    st = load_status(0x33);
    CHECK("loading glibc's own entry (0x33) is fine", WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

/* clone(CLONE_SETTLS): the child starts with the descriptor given (the
 * entry must be named: -1 is EINVAL), the parent keeps its own. */
static void test_clone_settls(void)
{
    struct user_desc d = { 7, (uint32_t)(uintptr_t)&probe, 0xFFFFF, FLAT };
    fflush(stdout);
    long pid = syscall(SYS_clone, CLONE_SETTLS | SIGCHLD, 0, 0, &d, 0);
    if (pid == 0) {
        struct user_desc c = { 7, 0, 0, 0 };
        int via_fs;
        __asm__ volatile("movw %w1, %%fs\n\tmovl %%fs:0, %0" : "=r"(via_fs) : "r"(0x3B));
        _exit(get_area(&c) == 0 && c.base_addr == (uint32_t)(uintptr_t)&probe &&
              via_fs == probe ? 0 : 1);
    }
    int st;
    CHECK("clone(CLONE_SETTLS): the child has the new entry",
          pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0);
    struct user_desc mine = { 7, 1, 1, 0 };
    CHECK("and the parent's entry 7 is still empty", get_area(&mine) == 0 && mine.base_addr == 0);
    d.entry_number = (uint32_t)-1;
    errno = 0;
    CHECK("clone(CLONE_SETTLS) with entry -1: EINVAL",
          syscall(SYS_clone, CLONE_SETTLS | SIGCHLD, 0, 0, &d, 0) == -1 && errno == EINVAL);
    errno = 0;
    CHECK("clone(CLONE_SETTLS) with a bad pointer: EFAULT",
          syscall(SYS_clone, CLONE_SETTLS | SIGCHLD, 0, 0, (void *)8, 0) == -1 && errno == EFAULT);
}

/* A child runs with %ss on a TLS entry (a flat one: the stack still
 * works) and empties that entry: it cannot be returned to, and dies of
 * SIGILL, as on Linux; the kernel goes on. */
static void test_stack_segment_emptied(void)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        struct user_desc flat = { 7, 0, 0xFFFFF, UD_SEG_32BIT | UD_LIMIT_IN_PAGES };
        static struct user_desc clear = { 7, 0, 0, 0 };
        if (set_area(&flat) != 0)
            _exit(2);
        long r;
        __asm__ volatile("movw %w1, %%ss\n\t"
                         "int $0x80"
                         : "=a"(r) : "r"(0x3B), "a"(SYS_set_thread_area), "b"(&clear) : "memory");
        _exit(3);
    }
    int st;
    CHECK("emptying the entry %ss uses: SIGILL",
          waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGILL);
}

int main(void)
{
    test_glibc_entry();
    test_set_and_use();
    test_refusals();
    test_kernel_selectors();
    test_stack_segment_emptied();
    test_clone_settls();
    return check_done("tls");
}
