/* segregs.c: a program's data segment registers (%ds, %es, %fs, %gs) are
 * its own, whatever it puts in them. The kernel gives back exactly the
 * selector each held (null, the user data segment with RPL 3, 0 or 1, the
 * readable user code segment, a TLS segment) across a system call and a
 * read and a write fault on a fresh page. A signal handler's sigcontext
 * shows them exactly, and sigreturn loads what the handler leaves there,
 * with RPL 3 as Linux's fixup_rpl makes it (a selector of no usable
 * segment becomes null). Two processes with the same TLS
 * selector on different descriptors each read their own data, whether
 * they hand the CPU over through pipes or are preempted; and re-pointing
 * the entry a loaded %fs uses takes effect on the way back from
 * set_thread_area.
 *
 * Selectors differ between kernels (Linux's user data segment is 0x7B,
 * vmos's 0x23), so the values are built from what %ds and %cs hold at
 * start and no line prints one. While a register under test may be null,
 * memory is reached only through %ss. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>
#include "check.h"

struct user_desc {
    uint32_t entry_number, base_addr, limit, flags;
};
#define FLAT 0x51                       /* 32-bit, limit in pages, useable */

enum reg { DS, ES, FS, GS, NREGS };
static const char *const reg_names[NREGS] = { "%ds", "%es", "%fs", "%gs" };
static const int greg[NREGS] = { REG_DS, REG_ES, REG_FS, REG_GS };

enum how { SYSCALL, READ_FAULT, WRITE_FAULT, SIGNAL, NHOWS };
static const char *const how_names[NHOWS] = {
    "a system call", "a read fault", "a write fault", "a signal handler",
};

/* Segment register SEG holds sel while INSN runs; `after` is what it
 * holds then. The register is saved on the stack and restored. */
#define WITH_SEG(SEG, INSN, ...)                                             \
    __asm__ volatile("pushl %%" SEG "\n\t"                                   \
                     "movw %w[sel], %%" SEG "\n\t"                           \
                     INSN "\n\t"                                             \
                     "movl %%" SEG ", %[after]\n\t"                          \
                     "popl %%" SEG                                           \
                     : [after] "=&r"(after), "+a"(eax)                       \
                     : [sel] "r"(sel), __VA_ARGS__ : "memory")

#define ON_REG(r, INSN, ...)                                                 \
    switch (r) {                                                             \
    case DS: WITH_SEG("ds", INSN, __VA_ARGS__); break;                       \
    case ES: WITH_SEG("es", INSN, __VA_ARGS__); break;                       \
    case FS: WITH_SEG("fs", INSN, __VA_ARGS__); break;                       \
    default: WITH_SEG("gs", INSN, __VA_ARGS__); break;                       \
    }

/* What the SIGUSR1 handler saw in the sigcontext, and what it writes. */
static volatile unsigned seen[NREGS];
static volatile int change_reg = -1;
static volatile unsigned change_to;

static void handler(int sig, siginfo_t *si, void *ucv)
{
    (void)sig, (void)si;
    ucontext_t *uc = ucv;
    for (int i = 0; i < NREGS; i++)
        seen[i] = uc->uc_mcontext.gregs[greg[i]] & 0xffff;
    if (change_reg >= 0)
        uc->uc_mcontext.gregs[greg[change_reg]] = change_to;
}

/* Register r holds sel while the kernel runs for `how`; returns what it
 * holds afterwards (low 16 bits). A fault touches *page through %ss; a
 * signal is SIGUSR1 sent to itself, taken on the way out of kill. */
static unsigned seg_across(enum reg r, unsigned sel, enum how how, volatile int *page)
{
    unsigned after = 0;
    long eax;
    if (how == SYSCALL) {
        eax = SYS_getppid;
        ON_REG(r, "int $0x80", "b"(0));
    } else if (how == SIGNAL) {
        eax = SYS_kill;
        ON_REG(r, "int $0x80", "b"(getpid()), "c"(SIGUSR1));
    } else if (how == READ_FAULT) {
        eax = 0;
        ON_REG(r, "movl %%ss:(%[page]), %%eax", [page] "r"(page));
    } else {
        eax = 0;
        ON_REG(r, "movl $1, %%ss:(%[page])", [page] "r"(page));
    }
    return after & 0xffff;
}

static volatile int *fresh_page(void)
{
    void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

static struct {
    const char *name;
    unsigned sel;
} values[8];
static int nvalues;
static unsigned user_ds, tls_sel;       /* tls_sel: our second TLS entry */
static int tls_entry;
static int probe = 0x51E60001;          /* what that entry points at */
static int probe2 = 0x51E60002;
static int child_probe = 0x51E60003;

static void add_value(const char *name, unsigned sel)
{
    values[nvalues].name = name;
    values[nvalues].sel = sel;
    nvalues++;
}

static int set_entry(int entry, int *base)
{
    struct user_desc u = { (uint32_t)entry, (uint32_t)(uintptr_t)base, 0xFFFFF, FLAT };
    if (syscall(SYS_set_thread_area, &u) != 0)
        return -1;
    return (int)u.entry_number;
}

static void set_up(void)
{
    unsigned ds, cs;
    __asm__ volatile("movl %%ds, %0; movl %%cs, %1" : "=r"(ds), "=r"(cs));
    user_ds = ds & 0xffff;
    tls_entry = set_entry(-1, &probe);
    CHECK("set_thread_area(-1) gives a second TLS entry", tls_entry > 0);
    tls_sel = (unsigned)tls_entry << 3 | 3;
    add_value("null", 0);
    add_value("the user data segment", user_ds);
    add_value("the user data segment with RPL 0", user_ds & ~3u);
    add_value("the user data segment with RPL 1", (user_ds & ~3u) | 1);
    add_value("the user code segment", cs & 0xffff);
    add_value("a TLS segment", tls_sel);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
}

/* What sigreturn makes of a data selector, as Linux's fixup_rpl: a null
 * selector (0-3) as it is, any other with RPL 3. */
static unsigned rpl3(unsigned sel)
{
    return sel <= 3 ? sel : sel | 3;
}

/* Every register, every value, every way into the kernel. */
static void test_kept(void)
{
    for (int how = 0; how < NHOWS; how++)
        for (int r = 0; r < NREGS; r++)
            for (int v = 0; v < nvalues; v++) {
                volatile int *page = fresh_page();
                unsigned sel = values[v].sel;
                unsigned after = seg_across(r, sel, how, page);
                char name[160];
                snprintf(name, sizeof name, "%s = %s across %s", reg_names[r], values[v].name,
                         how_names[how]);
                int ok = after == sel;
                if (how == SIGNAL)      /* the handler saw it; sigreturn sets RPL 3 */
                    ok = seen[r] == sel && after == rpl3(sel);
                CHECK(name, ok);
                if (page)
                    munmap((void *)page, 4096);
            }
}

/* The handler changes a register in the sigcontext: sigreturn applies it.
 * Returns the register's value after the return, and in *via what %fs:0
 * reads then (for %fs). */
static unsigned changed_by_handler(enum reg r, unsigned before, unsigned to, int *via)
{
    unsigned after = 0;
    int got = 0;
    long eax = SYS_kill;
    unsigned sel = before;
    change_reg = r;
    change_to = to;
    if (via) {                          /* %fs, and a read through it */
        __asm__ volatile("pushl %%fs\n\t"
                         "movw %w[sel], %%fs\n\t"
                         "int $0x80\n\t"
                         "movl %%fs, %[after]\n\t"
                         "movl %%fs:0, %[got]\n\t"
                         "popl %%fs"
                         : [after] "=&r"(after), [got] "=&r"(got), "+a"(eax)
                         : [sel] "r"(sel), "b"(getpid()), "c"(SIGUSR1) : "memory");
    } else {
        ON_REG(r, "int $0x80", "b"(getpid()), "c"(SIGUSR1));
    }
    change_reg = -1;
    if (via)
        *via = got;
    return after & 0xffff;
}

static void test_sigreturn_changes(void)
{
    int via = 0;
    unsigned got = changed_by_handler(FS, 0, tls_sel, &via);
    CHECK("sigreturn: the handler's %fs (a TLS segment) is loaded", got == tls_sel);
    CHECK("sigreturn: and reaches that segment (%fs:0)", via == probe);
    got = changed_by_handler(ES, user_ds, 0, NULL);
    CHECK("sigreturn: the handler's null %es is kept", got == 0);
    got = changed_by_handler(GS, 0, (user_ds & ~3u) | 1, NULL);
    CHECK("sigreturn: the handler's %gs with RPL 1 is loaded with RPL 3", got == user_ds);
    got = changed_by_handler(DS, user_ds, 0x10, NULL);
    CHECK("sigreturn: a %ds of no usable segment (0x10) becomes null", got == 0);
    got = changed_by_handler(FS, user_ds, 0x68, NULL);
    CHECK("sigreturn: a %fs of no usable segment (0x68) becomes null", got == 0);
}

static int read_fs0(void)
{
    int v;
    __asm__ volatile("movl %%fs:0, %0" : "=r"(v));
    return v;
}

static unsigned fs_now(void)
{
    unsigned v;
    __asm__ volatile("movl %%fs, %0" : "=r"(v));
    return v & 0xffff;
}

/* Parent and child both hold tls_sel in %fs, each on its own descriptor
 * (the child re-points its copy of the entry at child_probe). They pass
 * a byte back and forth ROUNDS times through two pipes; each reads %fs:0
 * every time it runs again and must see its own data. */
static void test_switch_through_pipes(void)
{
    enum { ROUNDS = 200 };
    int to_child[2], to_parent[2];
    if (pipe(to_child) < 0 || pipe(to_parent) < 0) {
        CHECK("pipes", 0);
        return;
    }
    __asm__ volatile("movw %w0, %%fs" : : "r"(tls_sel));
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        int bad = set_entry(tls_entry, &child_probe) != tls_entry;
        __asm__ volatile("movw %w0, %%fs" : : "r"(tls_sel));
        char c;
        for (int i = 0; i < ROUNDS && read(to_child[0], &c, 1) == 1; i++) {
            bad += read_fs0() != child_probe || fs_now() != tls_sel;
            if (write(to_parent[1], &c, 1) != 1)
                bad++;
        }
        _exit(bad ? 1 : 0);
    }
    int bad = 0;
    char c = 'x';
    for (int i = 0; i < ROUNDS; i++) {
        if (write(to_child[1], &c, 1) != 1 || read(to_parent[0], &c, 1) != 1) {
            bad++;
            break;
        }
        bad += read_fs0() != probe || fs_now() != tls_sel;
    }
    int st;
    CHECK("one %fs selector, two descriptors, switching through pipes: each reads its own",
          waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0 && bad == 0);
    close(to_child[0]), close(to_child[1]), close(to_parent[0]), close(to_parent[1]);
}

/* The same with no system call in the loop: parent and child take turns
 * through a shared word, spinning (and reading %fs:0) until the other has
 * been preempted and has run; TURNS hand-overs. */
static void test_switch_by_preemption(void)
{
    enum { TURNS = 12 };
    volatile int *turn = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (turn == MAP_FAILED) {
        CHECK("a shared page", 0);
        return;
    }
    __asm__ volatile("movw %w0, %%fs" : : "r"(tls_sel));
    *turn = 0;
    fflush(stdout);
    time_t deadline = time(NULL) + 60;
    pid_t pid = fork();
    int me = pid == 0, bad = 0, late = 0;
    if (me) {
        bad = set_entry(tls_entry, &child_probe) != tls_entry;
        __asm__ volatile("movw %w0, %%fs" : : "r"(tls_sel));
    }
    int mine = me ? child_probe : probe;
    for (int t = me; t < TURNS; t += 2) {
        for (unsigned spin = 1; *turn != t; spin++) {
            bad += read_fs0() != mine;
            if ((spin & 0xFFFFF) == 0 && time(NULL) > deadline) {
                late = 1;
                break;
            }
        }
        bad += read_fs0() != mine || fs_now() != tls_sel;
        *turn = t + 1;
    }
    if (me)
        _exit(bad || late ? 1 : 0);
    int st;
    CHECK("one %fs selector, two descriptors, preempted in turn: each reads its own",
          waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0 && !bad && !late);
    munmap((void *)turn, 4096);
}

/* set_thread_area on the entry %fs holds: the next read through %fs goes
 * to the new base, with no reload by the program. */
static void test_repoint_loaded_entry(void)
{
    __asm__ volatile("movw %w0, %%fs" : : "r"(tls_sel));
    CHECK("%fs:0 reads the entry's data", read_fs0() == probe);
    CHECK("set_thread_area re-points the entry %fs holds", set_entry(tls_entry, &probe2) == tls_entry);
    CHECK("%fs:0 then reads the new data", read_fs0() == probe2);
    set_entry(tls_entry, &probe);
    __asm__ volatile("movw %w0, %%fs" : : "r"(0));
}

int main(void)
{
    set_up();
    test_kept();
    test_sigreturn_changes();
    test_switch_through_pipes();
    test_switch_by_preemption();
    test_repoint_loaded_entry();
    return check_done("segregs");
}
