/* musl_start.c: a program without any C library (gcc -m32 -static
 * -nostdlib) that starts the way musl's i386 start-up does, since musl for
 * i386 cannot be installed beside the host's libc: it finds argc, argv,
 * envp and the auxiliary vector on the initial stack; asks for a TLS
 * segment with set_thread_area and entry_number -1 (falling back to
 * modify_ldt, as musl does, if that fails); loads %gs with the selector
 * (entry << 3) | 3; reads its thread block back through %gs:0, which holds
 * the block's own address (the i386 TLS ABI's self-pointer); and calls
 * set_tid_address. It also checks that it started with no TLS segment
 * (tests/stock/spawn.c runs it from a process that has one). Prints ok/FAIL lines like the other stock programs. */
#include <stdint.h>

#define NR_exit_group 252
#define NR_write 4
#define NR_getpid 20
#define NR_modify_ldt 123
#define NR_set_thread_area 243
#define NR_get_thread_area 244
#define NR_set_tid_address 258

#define AT_NULL 0
#define AT_PAGESZ 6
#define AT_ENTRY 9
#define AT_RANDOM 25

struct user_desc {
    uint32_t entry_number, base_addr, limit, flags;
};
#define UD_SEG_32BIT 0x01
#define UD_LIMIT_IN_PAGES 0x10
#define UD_USEABLE 0x40

static long sys3(long nr, long a, long b, long c)
{
    long r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(nr), "b"(a), "c"(b), "d"(c) : "memory");
    return r;
}

static unsigned long my_strlen(const char *s)
{
    unsigned long n = 0;
    while (s[n])
        n++;
    return n;
}

/* Output goes out a line at a time, one write per line, so that a
 * trace=syscall line never lands in the middle of one. */
static char line[256];
static unsigned long line_len;

static void put(const char *s)
{
    for (; *s; s++) {
        if (line_len < sizeof line)
            line[line_len++] = *s;
        if (*s == '\n') {
            sys3(NR_write, 1, (long)line, (long)line_len);
            line_len = 0;
        }
    }
}

static void put_num(unsigned long v)
{
    char b[12];
    int i = 11;
    b[i] = 0;
    do {
        b[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    put(b + i);
}

static int passed, failed;

static void check(const char *name, int ok)
{
    put(ok ? "ok " : "FAIL ");
    put(name);
    put("\n");
    if (ok)
        passed++;
    else
        failed++;
}

static int ends_with(const char *s, const char *tail)
{
    unsigned long n = my_strlen(s), m = my_strlen(tail);
    for (unsigned long i = 0; i < m; i++)
        if (n < m || s[n - m + i] != tail[i])
            return 0;
    return 1;
}

/* The thread control block: its first word points at itself. */
static struct tcb {
    struct tcb *self;
    uint32_t canary_pad[4];
    uint32_t tid;
} tcb;

void _start(void);

/* The C half of _start: p points at argc on the initial stack. */
__attribute__((used)) static void start_c(long *p)
{
    int argc = (int)p[0];
    char **argv = (char **)(p + 1);
    char **envp = argv + argc + 1;
    char **e = envp;
    while (*e)
        e++;
    uint32_t *auxv = (uint32_t *)(e + 1);
    uint32_t pagesz = 0, entry = 0, random = 0;
    for (uint32_t *a = auxv; a[0] != AT_NULL; a += 2) {
        if (a[0] == AT_PAGESZ)
            pagesz = a[1];
        else if (a[0] == AT_ENTRY)
            entry = a[1];
        else if (a[0] == AT_RANDOM)
            random = a[1];
    }
    check("argc, argv[0] from the initial stack", argc >= 1 && ends_with(argv[0], "musl_start"));
    check("argv[argc] is NULL; envp follows it", argv[argc] == 0 && envp == argv + argc + 1);
    check("auxv: AT_PAGESZ 4096", pagesz == 4096);
    check("auxv: AT_ENTRY is _start", entry == (uint32_t)_start);
    check("auxv: AT_RANDOM", random != 0);

    /* A fresh program has no TLS segment, whatever its parent had. */
    uint32_t fs0, gs0;
    __asm__ volatile("movl %%fs, %0; movl %%gs, %1" : "=r"(fs0), "=r"(gs0));
    /* Linux starts a program with both null; qemu-user (the reference
     * on some hosts) does not, so this is a line the QEMU test matches. */
    put("  %fs ");
    put_num(fs0);
    put(" %gs ");
    put_num(gs0);
    put(" at start\n");
    struct user_desc none = { 6, 1, 1, 0 };
    check("GDT entry 6 is empty at start",
          sys3(NR_get_thread_area, (long)&none, 0, 0) == 0 && none.base_addr == 0 && none.limit == 0);

    tcb.self = &tcb;
    struct user_desc d = { (uint32_t)-1, (uint32_t)&tcb, 0xFFFFF,
                           UD_SEG_32BIT | UD_LIMIT_IN_PAGES | UD_USEABLE };
    long r = sys3(NR_set_thread_area, (long)&d, 0, 0);
    check("set_thread_area(entry -1) succeeds", r == 0);
    int sel;
    if (r == 0) {
        check("the entry chosen is written back (6, 7 or 8)", d.entry_number >= 6 && d.entry_number <= 8);
        sel = (int)(d.entry_number << 3) | 3;
    } else {
        /* musl's fallback: an LDT entry 0 through modify_ldt (func 1),
         * selector 7 (LDT, RPL 3). Not provided here: reported, and
         * counted as a failure through set_thread_area's check above. */
        d.entry_number = 0;
        long l = sys3(NR_modify_ldt, 1, (long)&d, sizeof d);
        put("  modify_ldt fallback: ");
        put(l == 0 ? "0" : "error");
        put("\n");
        sel = 7;
    }
    __asm__ volatile("movw %w0, %%gs" : : "r"(sel));
    struct tcb *via_gs;
    __asm__ volatile("movl %%gs:0, %0" : "=r"(via_gs));
    check("%gs:0 reads the thread block's self-pointer", via_gs == &tcb);
    uint32_t tid_via_gs;
    tcb.tid = 0x1234;
    __asm__ volatile("movl %%gs:%c1, %0" : "=r"(tid_via_gs) : "i"(__builtin_offsetof(struct tcb, tid)));
    check("%gs reaches the rest of the block", tid_via_gs == 0x1234);

    struct user_desc back = { d.entry_number, 0, 0, 0 };
    check("get_thread_area gives the descriptor back",
          sys3(NR_get_thread_area, (long)&back, 0, 0) == 0 && back.base_addr == (uint32_t)&tcb &&
          back.limit == 0xFFFFF && back.flags == d.flags);

    long tid = sys3(NR_set_tid_address, (long)&tcb.tid, 0, 0);
    check("set_tid_address returns the tid, the pid", tid > 0 && tid == sys3(NR_getpid, 0, 0, 0));

    put("musl_start: ");
    put_num((unsigned long)passed);
    put(" passed, ");
    put_num((unsigned long)failed);
    put(" failed\n");
    sys3(NR_exit_group, failed, 0, 0);
    for (;;)
        ;
}

/* _start: no return address, argc at %esp. Clear %ebp (the end of the
 * frame chain), align the stack to 16 bytes as the ABI wants at a call,
 * and pass the original %esp. */
__asm__(".text\n"
        ".global _start\n"
        "_start:\n"
        "    xorl %ebp, %ebp\n"
        "    movl %esp, %eax\n"
        "    andl $-16, %esp\n"
        "    subl $12, %esp\n"
        "    pushl %eax\n"
        "    call start_c\n"
        "    hlt\n");
