/* fuzz.c: the system-call fuzzer. It runs as init (init=/bin/fuzz -- ARGS)
 * or from the shell, and throws random Linux i386 system calls with hostile
 * arguments at the kernel: addresses in the kernel half, pointers that run
 * off the end of a page into an unmapped or PROT_NONE one, huge and negative
 * lengths, misaligned values, bad descriptors, random flags. The kernel must
 * answer every one with a result or an error, or kill only the caller;
 * anything else (a panic, a hang, a leak) is a kernel bug.
 *
 * Arguments (all optional, key=value):
 *   seed=N     the campaign's seed (default 1)
 *   calls=N    how many calls in all (default 2000)
 *   workers=N  how many worker processes at once (default 2, at most 8)
 *   batch=N    calls per worker process (default 100)
 *   only=B     run batch B alone (to replay one batch of a campaign)
 *   timeout=S  seconds a call may block before its worker is killed (3)
 *   check      one batch at a time, memory and swap counted after each
 *              (what the batches made removed first): finds the batch
 *              that leaks
 *   verbose    print every call before making it
 *
 * How it works. The supervisor (this process) hands out batches: batch b
 * is a worker process whose random-number generator starts from (seed, b),
 * so the same seed gives the same calls batch by batch, and `only=b
 * verbose` replays one. A worker sets up its playground (buffers next to
 * PROT_NONE and unmapped pages, open files), then makes its calls, each
 * drawn from the call table below with arguments from the generators of
 * the call's line. It counts each call and each errno in a shared page
 * the supervisor reads. The supervisor polls its workers (waitpid WNOHANG,
 * nanosleep) and kills one whose call count has not moved for `timeout`
 * seconds: calls such as nanosleep or wait4 legitimately block.
 *
 * At the end it checks that the kernel is alive (a fork and an exit), that
 * every child was reaped, and that free memory (+ page cache) and free
 * swap are what they were at the start, and prints one summary line:
 *   fuzz: seed S calls N workers W batches B ok N EFAULT N ... result PASS
 * and exits with 0 for PASS, 1 for FAIL.
 *
 * To add a system call: one line in `calls[]` with its number, name,
 * weight and argument generators (see enum arg). */
#include <errno.h>
#include <fcntl.h>
#include <procfile.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096u
#define MAX_WORKERS 8
#define NERR 134                /* errno values counted one by one; more go to [0] */

/* ---- the raw system call: any number, six arguments, result untouched ---- */

long fuzz_syscall(uint32_t nr, uint32_t a, uint32_t b, uint32_t c, uint32_t d, uint32_t e,
                  uint32_t f);
__asm__(".text\n"
        ".globl fuzz_syscall\n"
        "fuzz_syscall:\n"
        "  push %ebp\n  push %edi\n  push %esi\n  push %ebx\n"
        "  mov 20(%esp), %eax\n"        /* nr; 16 bytes pushed + return address */
        "  mov 24(%esp), %ebx\n  mov 28(%esp), %ecx\n  mov 32(%esp), %edx\n"
        "  mov 36(%esp), %esi\n  mov 40(%esp), %edi\n  mov 44(%esp), %ebp\n"
        "  int $0x80\n"
        "  pop %ebx\n  pop %esi\n  pop %edi\n  pop %ebp\n"
        "  ret\n");

/* ---- the random-number generator: xorshift32, seeded by a mix of (seed, batch) ---- */

static uint32_t rng;

static void rng_seed(uint32_t seed, uint32_t batch)
{
    uint32_t x = seed * 0x9E3779B9u ^ (batch + 1) * 0x85EBCA6Bu;
    x ^= x >> 16;
    x *= 0x7FEB352Du;
    x ^= x >> 15;
    rng = x ? x : 1;
}

static uint32_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static uint32_t below(uint32_t n)
{
    return n ? rnd() % n : 0;
}

#define PICK(array) ((array)[below(sizeof(array) / sizeof((array)[0]))])

/* ---- what workers share with the supervisor: one counter block each ---- */

struct slot {
    volatile uint32_t calls;    /* calls begun (the watchdog watches it) */
    volatile uint32_t check;    /* ~calls: a call may overwrite the slot */
    uint32_t ok;                /* calls that returned >= 0 (or a pointer) */
    uint32_t err[NERR];         /* calls that failed, by errno ([0]: other) */
};

struct control {
    struct slot slot[MAX_WORKERS];
    volatile uint32_t nshm;     /* System V segments made, to remove at the end */
    volatile int shm_ids[256];
    volatile uint8_t ready[128];  /* fill_process_table's children */
};

/* At a fixed address, which the generators steer clear of (spare_control). */
#define CTL_ADDR 0x70000000u
#define CTL_SIZE ((sizeof(struct control) + PAGE - 1) & ~(PAGE - 1))
static struct control *ctl;

/* ---- the worker's playground ---- */

/* One mapping of 10 pages at a fixed address:
 *   0..3  read-write buffer   4  PROT_NONE   5  read-only   6  unmapped
 *   7     read-write; its last bytes are a string without a NUL
 *   8     PROT_NONE guard      9  read-write: structures passed to the kernel */
#define PLAY      0x50000000u
#define BUF       PLAY
#define NONE_PG   (PLAY + 4 * PAGE)
#define RO_PG     (PLAY + 5 * PAGE)
#define HOLE_PG   (PLAY + 6 * PAGE)
#define EDGE_PG   (PLAY + 7 * PAGE)
#define STRUCTS   (PLAY + 9 * PAGE)
#define PLAY_END  (PLAY + 10 * PAGE)
/* A region the memory calls aim at: mapped at the start, then theirs. */
#define ARENA     0x60000000u
#define ARENA_LEN (64 * PAGE)

static char long_path[5000];
static char long_name[300];
static int my_pid;
static int verbose;

/* Paths: real files, directories, /proc, missing, odd spellings. */
static const char *const paths[] = {
    "/etc/motd", "/", "/bin/echo", "/bin", "/proc/self/maps", "/proc/meminfo",
    "/proc/1/status", "/proc/self/pagemap", "/proc/vmstat", "/proc", "/tests",
    "/nonexistent", "", "/etc/motd/x", "//etc//motd", "/etc/../etc/./motd",
    "/tmp/fuzz", "/dev/zero", "/dev/null", "relative", "/bin/", "/proc/self/status",
    "/proc/99999/maps", "/tests/truncated", "/tests/kernelseg", ".", "..",
    "/tmp/fuzz", "/tmp/fuzz/a", "/tmp/f2", "/tmp", "/dev/shm/f", "/dev/shm", "/tmp/../tmp/f3",
};

/* Programs execve may be given only with broken arguments or paths. */
static const char *const bad_programs[] = {
    "/tests/truncated", "/tests/kernelseg", "/etc/motd", "/", "/bin", "/nonexistent",
    "/proc/meminfo", "", "/bin/echo/", "/tests",
};

/* ---- argument generators ---- */

enum arg {
    A_NONE,     /* unused argument: zero */
    A_INT,      /* any integer: small, boundary, negative, random */
    A_FD,       /* a descriptor, never the console's 0..2 (reads would block on it) */
    A_FD_ANY,   /* a descriptor, the console's included */
    A_PTR,      /* a pointer for the kernel to read or write */
    A_LEN,      /* a byte count */
    A_PATH,     /* a path name pointer */
    A_OFLAGS,   /* open's flags */
    A_MODE,     /* a file mode */
    A_WHENCE,   /* lseek's whence */
    A_OFF,      /* a file offset */
    A_IOCTL,    /* an ioctl request */
    A_IOV,      /* a struct iovec array */
    A_IOVCNT,   /* its length */
    A_ADDR,     /* an address for the memory calls */
    A_MLEN,     /* a length for the memory calls */
    A_PROT,     /* mmap/mprotect protection */
    A_MFLAGS,   /* mmap flags */
    A_PGOFF,    /* mmap2's offset in pages */
    A_MMAPARG,  /* old_mmap's structure */
    A_BRK,      /* a new break */
    A_PID,      /* a pid for kill and wait: never 1, 0 or -1 */
    A_WPID,     /* a pid for wait4: any child, one, none */
    A_SIG,      /* a signal number */
    A_WOPT,     /* wait options */
    A_TIMESPEC, /* nanosleep's request */
    A_EXECPATH, /* a program that must not run */
    A_ARGV,     /* an argv or envp array */
    A_SHMKEY, A_SHMFLG, A_SHMID, A_SHMCMD, A_SHMATFLG,
    A_IPCCALL,  /* ipc()'s call number */
    A_TADDR,    /* an address for the worker to touch: mostly the arena and heap */
    A_DIRFD,    /* a directory descriptor for the *at calls: AT_FDCWD, a descriptor, junk */
    A_ATFLAGS,  /* the *at calls' flags */
    A_TLSDESC,  /* a struct user_desc for set_thread_area / get_thread_area */
    A_SELECTOR, /* a segment selector to load into %gs */
    A_PIPEFLG,  /* pipe2's flags: mostly O_NONBLOCK, so that reads rarely block */
    A_SIGACT,   /* a struct sigaction: default, ignore, a real handler, junk */
    A_SIGSET,   /* a signal set (8 bytes) to read */
    A_HOW,      /* sigprocmask's how */
    A_CLONEFLG, /* clone's flags */
    A_SECS,     /* alarm's seconds: mostly later than a batch lasts */
    A_ITIMER,   /* a struct itimerval for setitimer */
    A_CLONEARGS,/* clone3's struct clone_args */
    A_MREMAPFLG,/* mremap's flags: MAYMOVE, FIXED, DONTUNMAP and their mixtures */
    A_ADVICE,   /* madvise's advice: every value Linux knows, and bogus ones */
    A_MSYNCFLG, /* msync's flags */
    A_MLOCKFLG, /* mlock2's flags */
    A_MCLFLG,   /* mlockall's flags */
    A_SEMKEY, A_NSEMS, A_SEMFLG, A_SEMID, A_SEMNUM, A_SEMCMD,
    A_SEMARG,   /* semctl's fourth argument: a value or a pointer, by command */
    A_SEMUNP,   /* ipc(SEMCTL)'s pointer to that argument */
    A_SOPS,     /* a struct sembuf array */
    A_NSOPS,    /* its length */
    A_IPC_SEMOP, A_IPC_SEMGET, A_IPC_SEMCTL, A_IPC_SEMTIMEDOP,  /* ipc()'s call, fixed */
    A_TIMESPEC64, /* a struct __kernel_timespec (64-bit seconds) */
    A_FCNTLCMD, /* fcntl's command */
    A_RLIMIT,   /* a resource number for the rlimit calls */
    A_RLIM,     /* a struct rlimit (two 32-bit values) to read */
    A_RLIM64,   /* a struct rlimit64 (two 64-bit values) to read */
    A_POLLFD,   /* a struct pollfd array */
    A_NFDS,     /* select's nfds or poll's count */
    A_MSECS,    /* poll's timeout: mostly none or short */
    A_FDSET,    /* an fd_set for select */
    A_TIMEVAL,  /* select's timeout (struct timeval): mostly short */
    A_SIGARG6,  /* pselect6's {sigset pointer, size} */
    A_CLOCK,    /* a clock id */
    A_TIMERFLG, /* clock_nanosleep's flags (TIMER_ABSTIME) */
    A_AMODE,    /* access's mode */
    A_RNDFLG,   /* getrandom's flags */
    A_STATXMASK,/* statx's mask */
    A_CPUMASK,  /* a CPU mask for sched_setaffinity */
};

/* Interesting integers: the edges where off-by-ones and overflows live. */
static const uint32_t edges[] = {
    0, 1, 2, 3, 4, 7, 8, 16, 255, 256, 4095, 4096, 4097, 8192, 65535, 65536,
    0x7FFFFFFF, 0x80000000, 0x80000001, 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFF000, 0xFFFFF001,
    0xFFFF0000, 0xC0000000, 0xBFFFFFFF, 0x3FFFFFFF, 0x40000000, 0x100000, 0x1000000,
};

/* Pointers the kernel must refuse (or, for the valid ones, handle). */
static uint32_t gen_ptr(void)
{
    static const uint32_t hostile[] = {
        0, 1, 4, 0xFFF, 0x1000, 0xC0000000, 0xC0001000, 0xC0100000, 0xC0100123,
        0xFFFFFFFF, 0xFFFFFFFC, 0xFFFFF000, 0xBFFFFFFF, 0xBFFFFFFC, 0xBFFFF000,
        0xBFFFFFF0, 0x08048000, 0x08049000, 0x7FFFFFFF, 0x80000000,
        NONE_PG, NONE_PG - 1, NONE_PG - 8, NONE_PG - 64, RO_PG, RO_PG + 100,
        HOLE_PG, HOLE_PG - 4, EDGE_PG + PAGE - 1, EDGE_PG + PAGE - 16, BUF + 1,
        ARENA, ARENA + PAGE - 3,
    };
    switch (below(8)) {
    case 0: case 1: case 2:
        return BUF + below(4) * PAGE + below(64);       /* valid */
    case 3:
        return rnd();
    default:
        return PICK(hostile);
    }
}

static uint32_t gen_len(void)
{
    switch (below(4)) {
    case 0: return below(64);
    case 1: return below(5 * PAGE);
    case 2: return rnd();
    default: return PICK(edges);
    }
}

static uint32_t gen_fd(int console_too)
{
    static const uint32_t odd[] = { -1u, -2u, -100u, 0x7FFFFFFF, 0x80000000, 256, 1023,
                                    1024, 4096, 65536, 31, 32, 63, 64 };
    uint32_t r = below(10);
    if (console_too && r == 0)
        return below(3);
    if (r < 7)
        return 3 + below(12);
    return r == 7 ? rnd() : PICK(odd);
}

/* A path: one of the table's, or a pointer the kernel must refuse. */
static uint32_t gen_path(void)
{
    switch (below(10)) {
    case 0: return (uint32_t)long_path;
    case 1: return (uint32_t)long_name;
    case 2: return EDGE_PG + PAGE - 16;        /* no NUL before the guard page */
    case 3: return gen_ptr();
    default: return (uint32_t)PICK(paths);
    }
}

/* Where the break is now (libc's sbrk caches it; the calls move it). */
static uint32_t brk_now(void)
{
    return (uint32_t)fuzz_syscall(45, 0, 0, 0, 0, 0, 0);
}

static uint32_t gen_addr(void)
{
    static const uint32_t fixed[] = {
        0, 0x1000, 0x08048000, 0xBFFFF000, 0xBF000000, 0xC0000000, 0xC0400000,
        0xFFFFF000, 0xFFFFE000, 0xBFFFE000, 0x40000000, 0x80000000, 0x7FFFF000,
    };
    switch (below(10)) {
    case 0: case 1: case 2: case 3:
        return ARENA + below(72) * PAGE - 4 * PAGE;     /* in and around the arena */
    case 4:
        return ARENA + below(ARENA_LEN);                /* misaligned */
    case 5:
        return (brk_now() & ~(PAGE - 1)) - 4 * PAGE + below(8) * PAGE;  /* the heap */
    case 6:
        return rnd() & ~(PAGE - 1);
    case 7:
        return rnd();
    default:
        return PICK(fixed);
    }
}

static uint32_t gen_mlen(void)
{
    static const uint32_t big[] = {
        0, 1, PAGE, PAGE + 1, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF, 0xFFFFF000, 0xFFFFF001,
        0xFFFFE000, 0x40000000, 0x3FFFF000, 0xC0000000, 0x10000000, 0x1000000,
    };
    switch (below(4)) {
    case 0: case 1: return (1 + below(16)) * PAGE;
    case 2: return below(3 * PAGE);
    default: return PICK(big);
    }
}

static uint32_t gen_mflags(void)
{
    static const uint32_t common[] = {
        0x22, 0x21, 0x32, 0x31, 0x02, 0x01, 0x12, 0x11, 0x03, 0x00, 0x20, 0x30,
    };
    uint32_t f = PICK(common);
    if (below(4) == 0)
        f |= rnd() & 0x7FFFF;           /* MAP_GROWSDOWN, MAP_POPULATE, ... */
    return below(16) == 0 ? rnd() : f;
}

static uint32_t gen_timespec(void)
{
    struct timespec *ts = (struct timespec *)(STRUCTS + 64);
    switch (below(8)) {
    case 0: return gen_ptr();
    case 1: ts->tv_sec = 0; ts->tv_nsec = 1000000000; break;   /* EINVAL */
    case 2: ts->tv_sec = -1; ts->tv_nsec = 0; break;
    case 3: ts->tv_sec = 0; ts->tv_nsec = -1; break;
    case 4: ts->tv_sec = below(64) == 0 ? 0x7FFFFFFF : 0; ts->tv_nsec = 0; break;
    default: ts->tv_sec = 0; ts->tv_nsec = below(20) * 1000000; break;
    }
    return (uint32_t)ts;
}

/* An iovec array in the structures page, each entry hostile or not. */
static uint32_t gen_iov(void)
{
    if (below(6) == 0)
        return gen_ptr();
    uint32_t *iov = (uint32_t *)(STRUCTS + 512);
    for (int i = 0; i < 16; i++) {
        iov[2 * i] = gen_ptr();
        iov[2 * i + 1] = below(2) ? below(128) : gen_len();
    }
    if (below(4) == 0)                          /* an array that runs into the guard */
        return EDGE_PG + PAGE - 8;
    return (uint32_t)iov;
}

static uint32_t gen_argv(void)
{
    uint32_t *v = (uint32_t *)(STRUCTS + 1024);
    switch (below(6)) {
    case 0: return 0;
    case 1: return gen_ptr();
    case 2: return EDGE_PG + PAGE - 4;          /* one entry, then the guard page */
    case 3:
        v[0] = (uint32_t)"x";
        v[1] = gen_ptr();                       /* a bad string in the array */
        v[2] = 0;
        return (uint32_t)v;
    default:
        v[0] = (uint32_t)"fuzz";
        v[1] = 0;
        return (uint32_t)v;                     /* a valid array */
    }
}

static uint32_t gen_mmaparg(void)
{
    if (below(5) == 0)
        return gen_ptr();
    uint32_t *a = (uint32_t *)(STRUCTS + 2048);
    a[0] = gen_addr();
    a[1] = gen_mlen();
    a[2] = below(8);
    a[3] = gen_mflags();
    a[4] = gen_fd(0);
    a[5] = below(2) ? below(4) * PAGE : PICK(edges);
    return below(6) == 0 ? EDGE_PG + PAGE - 12 : (uint32_t)a;
}

/* A struct user_desc (entry_number, base_addr, limit, flags) in the
 * structures page: valid ones and every kind of nonsense. */
static uint32_t gen_tlsdesc(void)
{
    if (below(6) == 0)
        return gen_ptr();
    uint32_t *d = (uint32_t *)(STRUCTS + 3072);
    static const uint32_t entries[] = { -1u, 6, 7, 8, 5, 9, 0, 12, 0x7fffffff };
    d[0] = below(3) ? PICK(entries) : rnd();
    d[1] = below(2) ? BUF : PICK(edges);
    d[2] = below(2) ? 0xfffff : PICK(edges);
    d[3] = below(3) ? 0x51 : (below(2) ? 0x28 : rnd());    /* seg_32bit|limit_in_pages|useable; empty */
    return below(8) == 0 ? EDGE_PG + PAGE - 8 : (uint32_t)d;
}

/* A handler the workers may install: it only returns. */
static void quiet_handler(int sig)
{
    (void)sig;
}

/* A struct sigaction in the structures page (handler, flags, restorer,
 * mask): SIG_DFL, SIG_IGN, a real handler, or any address at all. */
static uint32_t gen_sigact(void)
{
    if (below(5) == 0)
        return below(2) ? 0 : gen_ptr();
    uint32_t *a = (uint32_t *)(STRUCTS + 3200);
    static const uint32_t handlers[] = { 0, 1, 0, 1, 0xC0100000, 0x08048000, 2, 0xFFFFFFFF };
    a[0] = below(3) ? PICK(handlers) : (below(2) ? (uint32_t)quiet_handler : gen_ptr());
    a[1] = below(2) ? 0 : rnd();            /* SA_RESTART, SA_SIGINFO, SA_ONSTACK, ... */
    a[2] = below(2) ? 0 : gen_ptr();
    a[3] = rnd();
    a[4] = rnd();
    return (uint32_t)a;
}

static int nshm_local;
static int shm_local[16];
static int nsem_local;
static int sem_local[16];

/* A semaphore set id: mostly one this worker made, else anything. */
static uint32_t gen_semid(void)
{
    if (nsem_local && below(4))
        return sem_local[below(nsem_local)];
    return below(2) ? below(64) : PICK(edges);
}

/* A struct sembuf array (sem_num, sem_op, sem_flg: 6 bytes each) in the
 * structures page. Mostly IPC_NOWAIT, so that few operations sleep (the
 * watchdog ends those that do); SEM_UNDO often, for the exit path. */
static uint32_t gen_sops(void)
{
    if (below(6) == 0)
        return gen_ptr();
    uint16_t *b = (uint16_t *)(STRUCTS + 1536);
    static const uint16_t ops[] = { 0, 1, 2, (uint16_t)-1, (uint16_t)-2, 32767, 0x8000 };
    for (int i = 0; i < 16; i++) {
        b[3 * i] = below(4) ? below(4) : (uint16_t)rnd();
        b[3 * i + 1] = below(4) ? PICK(ops) : (uint16_t)rnd();
        b[3 * i + 2] = (below(4) ? 0x800 : 0) | (below(2) ? 0x1000 : 0) |
                       (below(16) ? 0 : (uint16_t)rnd());
    }
    return below(8) == 0 ? EDGE_PG + PAGE - 8 : (uint32_t)b;   /* runs into the guard */
}

/* semctl's argument: a value for SETVAL, an array or a struct for
 * SETALL/GETALL/IPC_STAT/IPC_SET, anything for the rest. */
static uint32_t gen_semarg(void)
{
    switch (below(4)) {
    case 0: return below(2) ? below(4) : PICK(edges);
    case 1: return gen_ptr();
    default: {
        uint16_t *v = (uint16_t *)(STRUCTS + 1664);
        for (int i = 0; i < 64; i++)
            v[i] = below(4) ? below(3) : (uint16_t)rnd();
        return (uint32_t)v;
    }
    }
}

/* A struct pollfd array (fd, events, revents) of up to 8. */
static uint32_t gen_pollfd(void)
{
    if (below(6) == 0)
        return gen_ptr();
    uint32_t *p = (uint32_t *)(STRUCTS + 1800);
    for (int i = 0; i < 8; i++) {
        p[2 * i] = gen_fd(1);
        p[2 * i + 1] = below(2) ? 1 | 4 : rnd();        /* POLLIN | POLLOUT */
    }
    return below(8) == 0 ? EDGE_PG + PAGE - 8 : (uint32_t)p;
}

/* An fd_set (1024 bits): one of three in the structures page, a few
 * bits set, or a pointer the kernel must refuse. */
static uint32_t gen_fdset(void)
{
    static uint32_t which;
    if (below(4) == 0)
        return below(2) ? 0 : gen_ptr();
    uint32_t *f = (uint32_t *)(STRUCTS + 2200 + 128 * (which++ % 3));
    for (int i = 0; i < 32; i++)
        f[i] = 0;
    f[0] = below(2) ? 1u << (3 + below(12)) : rnd();
    if (below(4) == 0)
        f[below(32)] = rnd();
    return (uint32_t)f;
}

static uint32_t gen_shmid(void)
{
    if (nshm_local && below(3))
        return shm_local[below(nshm_local)];
    return below(2) ? below(8) : PICK(edges);
}

static uint32_t gen(enum arg k)
{
    switch (k) {
    case A_NONE: return 0;
    case A_INT: return below(3) ? PICK(edges) : (below(2) ? below(64) : rnd());
    case A_FD: return gen_fd(0);
    case A_FD_ANY: return gen_fd(1);
    case A_PTR: return gen_ptr();
    case A_LEN: return gen_len();
    case A_PATH: return gen_path();
    case A_OFLAGS: {
        static const uint32_t f[] = { O_RDONLY, O_WRONLY, O_RDWR, O_RDONLY | O_DIRECTORY,
                                      O_RDWR | O_CREAT, O_WRONLY | O_TRUNC, O_CREAT | O_EXCL,
                                      O_RDONLY | O_NONBLOCK, O_APPEND | O_WRONLY, 3 };
        return below(5) ? PICK(f) : rnd();
    }
    case A_MODE: return below(2) ? 0644 : rnd();
    case A_WHENCE: return below(4) ? below(5) : rnd();
    case A_OFF: return below(2) ? below(8192) : PICK(edges);
    case A_IOCTL: {
        static const uint32_t r[] = { 0x5401, 0x5402, 0x5403, 0x5404, 0x5413, 0x5414,
                                      0x541B, 0x540F, 0x5410, 0x5421, 0x80045430, 0 };
        return below(4) ? PICK(r) : rnd();
    }
    case A_IOV: return gen_iov();
    case A_IOVCNT: {
        static const uint32_t n[] = { 0, 1, 2, 3, 16, 1024, 1025, -1u, 0x7FFFFFFF, 0x20000000 };
        return below(2) ? 1 + below(4) : PICK(n);
    }
    case A_ADDR: return gen_addr();
    case A_DIRFD: return below(2) ? -100u : gen_fd(0);
    case A_ATFLAGS: return below(2) ? (below(2) ? 0 : 0x200) : rnd();   /* AT_REMOVEDIR */
    case A_TLSDESC: return gen_tlsdesc();
    case A_SELECTOR: {
        static const uint32_t sel[] = { 0, 0x33, 0x3b, 0x43, 0x4b, 0x23, 0x2b, 0x1b, 0x10,
                                        0x08, 0x30, 0x37, 0xffff };
        return below(4) ? PICK(sel) : below(0x100);
    }
    case A_PIPEFLG: return below(4) ? O_NONBLOCK : (below(2) ? 0 : rnd());
    case A_SIGACT: return gen_sigact();
    case A_SIGSET: {
        uint32_t *m = (uint32_t *)(STRUCTS + 3300);
        m[0] = rnd();
        m[1] = rnd();
        return below(5) ? (uint32_t)m : gen_ptr();
    }
    case A_HOW: return below(4) ? below(3) : rnd();
    case A_CLONEFLG: {
        static const uint32_t f[] = { 17, 0, 0x100, 0x200, 0x400, 0x800, 0x4000, 0x8000,
                                      0x10000, 0x100011, 0x3d0f00, 0x80000000 };
        return below(2) ? PICK(f) | (below(2) ? 17 : 0) : rnd();   /* SIGCHLD, CLONE_VM, ... */
    }
    case A_SECS: return below(4) ? 0 : (below(2) ? 60 + below(60) : rnd());
    case A_ITIMER: {
        uint32_t *t = (uint32_t *)(STRUCTS + 3400);
        t[0] = below(2) ? 0 : rnd();
        t[1] = below(2) ? below(1000000) : rnd();
        t[2] = below(2) ? 60 : rnd();
        t[3] = below(2) ? below(1000000) : rnd();
        return below(5) ? (uint32_t)t : gen_ptr();
    }
    case A_CLONEARGS: {
        uint32_t *c = (uint32_t *)(STRUCTS + 3500);    /* 11 u64 fields */
        for (int i = 0; i < 22; i++)
            c[i] = below(3) ? 0 : (i % 2 ? 0 : gen_ptr());
        c[0] = gen(A_CLONEFLG);
        c[8] = 17;                                     /* exit_signal */
        return below(5) ? (uint32_t)c : gen_ptr();
    }
    case A_MREMAPFLG: {
        static const uint32_t f[] = { 0, 1, 2, 3, 4, 5, 6, 7, 1, 3, 5 };
        return below(6) ? PICK(f) : rnd();
    }
    case A_ADVICE: return below(5) ? below(26) : PICK(edges);
    case A_MSYNCFLG: return below(4) ? below(8) : rnd();  /* MS_ASYNC 1, INVALIDATE 2, SYNC 4 */
    case A_MLOCKFLG: return below(3) ? below(2) : rnd();  /* MLOCK_ONFAULT */
    case A_MCLFLG: return below(4) ? below(8) : rnd();    /* MCL_CURRENT 1, FUTURE 2, ONFAULT 4 */
    case A_SEMKEY: return below(2) ? 0 : (below(2) ? 0x2000 + below(4) : rnd());
    case A_NSEMS: return below(3) ? 1 + below(8) : PICK(edges);
    case A_SEMFLG: {
        static const uint32_t f[] = { 01600, 03600, 0600, 0, 01000, 02000 };
        return below(5) ? PICK(f) : rnd();
    }
    case A_SEMID: return gen_semid();
    case A_SEMNUM: return below(3) ? below(4) : PICK(edges);
    case A_SEMCMD: {
        /* IPC_RMID 0, IPC_SET 1, IPC_STAT 2, IPC_INFO 3, GETPID 11 ..
         * SETALL 17, SEM_STAT 18, SEM_INFO 19, SEM_STAT_ANY 20; IPC_64 */
        uint32_t c = below(22);
        return below(5) ? c | (below(2) ? 0x100 : 0) : rnd();
    }
    case A_SEMARG: return gen_semarg();
    case A_SEMUNP: {
        uint32_t *u = (uint32_t *)(STRUCTS + 3740);
        *u = gen_semarg();
        return below(5) ? (uint32_t)u : gen_ptr();
    }
    case A_SOPS: return gen_sops();
    case A_NSOPS: return below(3) ? 1 + below(4) : PICK(edges);
    case A_IPC_SEMOP: return 1 | (below(8) ? 0 : rnd() & 0xFFFF0000);
    case A_IPC_SEMGET: return 2;
    case A_IPC_SEMCTL: return 3 | (below(8) ? 0 : rnd() & 0xFFFF0000);
    case A_IPC_SEMTIMEDOP: return 4;
    case A_TIMESPEC64: {
        uint32_t *t = (uint32_t *)(STRUCTS + 3720);     /* tv_sec (64), tv_nsec (32 + pad) */
        t[0] = below(4) ? 0 : (below(2) ? 1 : rnd());
        t[1] = below(8) ? 0 : rnd();
        t[2] = below(4) ? below(20) * 1000000 : rnd();
        t[3] = below(2) ? 0 : rnd();
        return below(6) ? (uint32_t)t : gen_ptr();
    }
    case A_FCNTLCMD: {
        /* F_DUPFD 0 .. F_SETLKW 7, F_GETLK64 12 .. 14, F_SETPIPE_SZ 1031,
         * F_DUPFD_CLOEXEC 1030, F_GETPIPE_SZ 1032 */
        static const uint32_t c[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 14, 1030, 1031,
                                      1032, 1024, 1025, 1026 };
        return below(6) ? PICK(c) : rnd();
    }
    case A_RLIMIT: return below(4) ? below(16) : rnd();
    case A_RLIM: {
        uint32_t *r = (uint32_t *)(STRUCTS + 3700);
        r[0] = below(2) ? PICK(edges) : rnd();
        r[1] = below(2) ? -1u : PICK(edges);
        return below(5) ? (uint32_t)r : gen_ptr();
    }
    case A_RLIM64: {
        uint32_t *r = (uint32_t *)(STRUCTS + 3600);
        for (int i = 0; i < 4; i++)
            r[i] = below(2) ? PICK(edges) : -1u;
        return below(4) ? (below(4) ? (uint32_t)r : 0) : gen_ptr();
    }
    case A_POLLFD: return gen_pollfd();
    case A_NFDS: return below(3) ? below(20) : PICK(edges);
    case A_MSECS: return below(3) ? below(10) : (below(2) ? -1u : PICK(edges));
    case A_FDSET: return gen_fdset();
    case A_TIMEVAL: {
        uint32_t *tv = (uint32_t *)(STRUCTS + 3780);
        tv[0] = below(8) ? 0 : rnd();
        tv[1] = below(4) ? below(20000) : rnd();
        return below(6) ? (uint32_t)tv : (below(2) ? 0 : gen_ptr());
    }
    case A_SIGARG6: {
        uint32_t *a = (uint32_t *)(STRUCTS + 3820);
        a[0] = gen(A_SIGSET);
        a[1] = below(3) ? 8 : gen_len();
        return below(4) ? (uint32_t)a : (below(2) ? 0 : gen_ptr());
    }
    case A_CLOCK: return below(4) ? below(12) : rnd();
    case A_TIMERFLG: return below(3) ? 0 : (below(2) ? 1 : rnd());
    case A_AMODE: return below(4) ? below(8) : rnd();
    case A_RNDFLG: return below(3) ? below(8) : rnd();   /* GRND_NONBLOCK 1, RANDOM 2, INSECURE 4 */
    case A_STATXMASK: return below(2) ? 0x7ff : rnd();
    case A_CPUMASK: {
        uint32_t *m = (uint32_t *)(STRUCTS + 3800);
        m[0] = below(2) ? 1 : rnd();
        m[1] = rnd();
        return below(5) ? (uint32_t)m : gen_ptr();
    }
    case A_TADDR:
        if (below(4) == 0)
            return gen_addr();
        return below(3) ? ARENA - 4 * PAGE + below(ARENA_LEN + 8 * PAGE)
                        : brk_now() - 8 * PAGE + below(12 * PAGE);
    case A_MLEN: return gen_mlen();
    case A_PROT: return below(8) ? below(8) : rnd();
    case A_MFLAGS: return gen_mflags();
    case A_PGOFF: return below(2) ? below(4) : PICK(edges);
    case A_MMAPARG: return gen_mmaparg();
    case A_BRK: {
        uint32_t now = brk_now();
        switch (below(5)) {
        case 0: return now + below(64) * PAGE;
        case 1: return now - below(64) * PAGE;
        case 2: return now + below(4096);
        case 3: return gen_addr();
        default: return PICK(edges);
        }
    }
    case A_PID: {
        static const uint32_t p[] = { 99999, 32768, 0x7FFFFFFF, -99999u, -2u, 0x80000000 };
        return below(10) == 0 ? (uint32_t)my_pid : PICK(p);
    }
    case A_WPID: {
        static const uint32_t p[] = { -1u, 0, 99999, 1, -99999u, 0x80000000 };
        return PICK(p);
    }
    case A_SIG: return below(4) ? below(66) : rnd();
    case A_WOPT: return below(3) ? 1 : (below(2) ? 0 : rnd());   /* WNOHANG mostly */
    case A_TIMESPEC: return gen_timespec();
    case A_EXECPATH: {
        uint32_t p = below(4) ? (uint32_t)PICK(bad_programs) : gen_path();
        return p == (uint32_t)paths[2] ? (uint32_t)"/bin/echo/." : p;   /* never a real program */
    }
    case A_ARGV: return gen_argv();
    case A_SHMKEY: return below(2) ? 0 : (below(2) ? 0x1000 + below(4) : rnd());
    case A_SHMFLG: {
        static const uint32_t f[] = { 01600, 03600, 0600, 0, 0400, 01000 };
        return below(5) ? PICK(f) : rnd();
    }
    case A_SHMID: return gen_shmid();
    case A_SHMCMD: {
        static const uint32_t c[] = { 0, 1, 2, 3, 13, 14, 0x100, 0x101, 0x102, 0x103, 11, 12 };
        return below(5) ? PICK(c) : rnd();
    }
    case A_SHMATFLG: {
        static const uint32_t f[] = { 0, 010000, 020000, 030000, 040000 };
        return below(5) ? PICK(f) : rnd();
    }
    case A_IPCCALL: {
        static const uint32_t c[] = { 21, 22, 23, 24, 1, 2, 3, 11, 12, 13, 14, 0, 25 };
        return below(5) ? PICK(c) : rnd();
    }
    }
    return 0;
}

/* ---- the call table: one line per system call ---- */

#define TOUCH 0x10000             /* the pseudo-call number of a memory access */
#define LOAD_GS 0x10001           /* and of loading %gs */

struct call {
    uint32_t nr;
    const char *name;
    uint32_t weight;            /* how often, relative to the others */
    enum arg args[6];
};

/* Calls that would stop the campaign are absent or tamed: exit is the
 * worker's own (its batch ends), kill never aims at 1, 0 or -1, execve
 * gets only programs that must not run or broken argument arrays. */
static const struct call calls[] = {
    {   1, "exit",          1, { A_INT } },
    {   2, "fork",          2, { A_NONE } },
    {   3, "read",         10, { A_FD, A_PTR, A_LEN } },
    {   4, "write",        10, { A_FD, A_PTR, A_LEN } },
    {   5, "open",         10, { A_PATH, A_OFLAGS, A_MODE } },
    {   6, "close",         5, { A_FD } },
    {   7, "waitpid",       3, { A_WPID, A_PTR, A_WOPT } },
    {  11, "execve",        5, { A_EXECPATH, A_ARGV, A_ARGV } },
    {  19, "lseek",         6, { A_FD_ANY, A_OFF, A_WHENCE } },
    {  20, "getpid",        1, { A_NONE } },
    {  37, "kill",          4, { A_PID, A_SIG } },
    {  45, "brk",          10, { A_BRK } },
    {  54, "ioctl",         6, { A_FD_ANY, A_IOCTL, A_PTR } },
    {  64, "getppid",       1, { A_NONE } },
    {  90, "old_mmap",     10, { A_MMAPARG } },
    {  91, "munmap",       10, { A_ADDR, A_MLEN } },
    { 114, "wait4",         3, { A_WPID, A_PTR, A_WOPT, A_PTR } },
    { 116, "sysinfo",       4, { A_PTR } },
    { 117, "ipc",          10, { A_IPCCALL, A_SHMID, A_MLEN, A_SHMATFLG, A_PTR, A_ADDR } },
    { 122, "uname",         4, { A_PTR } },
    { 125, "mprotect",     10, { A_ADDR, A_MLEN, A_PROT } },
    { 140, "_llseek",       6, { A_FD_ANY, A_INT, A_OFF, A_PTR, A_WHENCE } },
    { 146, "writev",        8, { A_FD, A_IOV, A_IOVCNT } },
    { 158, "sched_yield",   1, { A_NONE } },
    { 162, "nanosleep",     3, { A_TIMESPEC, A_PTR } },
    { 192, "mmap2",        15, { A_ADDR, A_MLEN, A_PROT, A_MFLAGS, A_FD, A_PGOFF } },
    { 195, "stat64",        6, { A_PATH, A_PTR } },
    { 196, "lstat64",       4, { A_PATH, A_PTR } },
    { 197, "fstat64",       6, { A_FD_ANY, A_PTR } },
    { 220, "getdents64",    6, { A_FD, A_PTR, A_LEN } },
    { 252, "exit_group",    1, { A_INT } },
    { 395, "shmget",        8, { A_SHMKEY, A_MLEN, A_SHMFLG } },
    { 396, "shmctl",        8, { A_SHMID, A_SHMCMD, A_PTR } },
    { 397, "shmat",        10, { A_SHMID, A_ADDR, A_SHMATFLG } },
    { 398, "shmdt",         6, { A_ADDR } },
    {  27, "alarm",         1, { A_SECS } },
    {  29, "pause",         1, { A_NONE } },
    {  48, "signal",        3, { A_SIG, A_PTR } },
    {  67, "sigaction",     3, { A_SIG, A_SIGACT, A_PTR } },
    {  72, "sigsuspend",    1, { A_INT, A_INT, A_INT } },
    {  73, "sigpending",    2, { A_PTR } },
    { 104, "setitimer",     2, { A_INT, A_ITIMER, A_PTR } },
    { 105, "getitimer",     2, { A_INT, A_PTR } },
    { 119, "sigreturn",     2, { A_NONE } },
    { 120, "clone",         2, { A_CLONEFLG, A_PTR, A_PTR, A_PTR, A_PTR } },
    { 126, "sigprocmask",   3, { A_HOW, A_SIGSET, A_PTR } },
    { 173, "rt_sigreturn",  2, { A_NONE } },
    { 174, "rt_sigaction",  6, { A_SIG, A_SIGACT, A_PTR, A_LEN } },
    { 175, "rt_sigprocmask", 4, { A_HOW, A_SIGSET, A_PTR, A_LEN } },
    { 176, "rt_sigpending", 2, { A_PTR, A_LEN } },
    { 177, "rt_sigtimedwait", 2, { A_SIGSET, A_PTR, A_TIMESPEC, A_LEN } },
    { 179, "rt_sigsuspend", 1, { A_SIGSET, A_LEN } },
    { 186, "sigaltstack",   3, { A_PTR, A_PTR } },
    { 190, "vfork",         1, { A_NONE } },
    { 224, "gettid",        1, { A_NONE } },
    { 238, "tkill",         2, { A_PID, A_SIG } },
    { 258, "set_tid_address", 2, { A_PTR } },
    { 270, "tgkill",        2, { A_PID, A_PID, A_SIG } },
    { 311, "set_robust_list", 2, { A_PTR, A_LEN } },
    { 386, "rseq",          2, { A_PTR, A_LEN, A_INT, A_INT } },
    { 435, "clone3",        2, { A_CLONEARGS, A_LEN } },
    /* the memory calls beyond mmap */
    { 163, "mremap",       10, { A_ADDR, A_MLEN, A_MLEN, A_MREMAPFLG, A_ADDR } },
    { 219, "madvise",       8, { A_ADDR, A_MLEN, A_ADVICE } },
    { 218, "mincore",       4, { A_ADDR, A_MLEN, A_PTR } },
    { 144, "msync",         3, { A_ADDR, A_MLEN, A_MSYNCFLG } },
    { 150, "mlock",         4, { A_ADDR, A_MLEN } },
    { 151, "munlock",       3, { A_ADDR, A_MLEN } },
    { 376, "mlock2",        3, { A_ADDR, A_MLEN, A_MLOCKFLG } },
    { 152, "mlockall",      2, { A_MCLFLG } },
    { 153, "munlockall",    2, { A_NONE } },
    /* System V semaphores: the direct calls, and ipc() as glibc makes them */
    { 393, "semget",        4, { A_SEMKEY, A_NSEMS, A_SEMFLG } },
    { 394, "semctl",        4, { A_SEMID, A_SEMNUM, A_SEMCMD, A_SEMARG } },
    { 420, "semtimedop_time64", 4, { A_SEMID, A_SOPS, A_NSOPS, A_TIMESPEC64 } },
    { 117, "ipc(semop)",    3, { A_IPC_SEMOP, A_SEMID, A_NSOPS, A_NONE, A_SOPS } },
    { 117, "ipc(semget)",   3, { A_IPC_SEMGET, A_SEMKEY, A_NSEMS, A_SEMFLG } },
    { 117, "ipc(semctl)",   3, { A_IPC_SEMCTL, A_SEMID, A_SEMNUM, A_SEMCMD, A_SEMUNP } },
    { 117, "ipc(semtimedop)", 3, { A_IPC_SEMTIMEDOP, A_SEMID, A_NSOPS, A_NONE, A_SOPS,
                                   A_TIMESPEC } },
    /* descriptors, files and directories */
    {  12, "chdir",         2, { A_PATH } },
    { 133, "fchdir",        2, { A_FD_ANY } },
    { 183, "getcwd",        2, { A_PTR, A_LEN } },
    {  33, "access",        2, { A_PATH, A_AMODE } },
    { 307, "faccessat",     2, { A_DIRFD, A_PATH, A_AMODE } },
    { 439, "faccessat2",    2, { A_DIRFD, A_PATH, A_AMODE, A_ATFLAGS } },
    {  41, "dup",           3, { A_FD_ANY } },
    {  63, "dup2",          3, { A_FD_ANY, A_FD } },
    { 330, "dup3",          3, { A_FD_ANY, A_FD, A_OFLAGS } },
    {  55, "fcntl",         4, { A_FD, A_FCNTLCMD, A_INT } },
    { 221, "fcntl64",       4, { A_FD, A_FCNTLCMD, A_PTR } },
    {  85, "readlink",      2, { A_PATH, A_PTR, A_LEN } },
    { 305, "readlinkat",    2, { A_DIRFD, A_PATH, A_PTR, A_LEN } },
    { 295, "openat",        6, { A_DIRFD, A_PATH, A_OFLAGS, A_MODE } },
    { 300, "fstatat64",     3, { A_DIRFD, A_PATH, A_PTR, A_ATFLAGS } },
    { 383, "statx",         3, { A_DIRFD, A_PATH, A_ATFLAGS, A_STATXMASK, A_PTR } },
    { 145, "readv",         6, { A_FD, A_IOV, A_IOVCNT } },
    { 180, "pread64",       5, { A_FD, A_PTR, A_LEN, A_OFF, A_INT } },
    { 181, "pwrite64",      5, { A_FD, A_PTR, A_LEN, A_OFF, A_INT } },
    { 142, "_newselect",    2, { A_NFDS, A_FDSET, A_FDSET, A_FDSET, A_TIMEVAL } },
    { 308, "pselect6",      2, { A_NFDS, A_FDSET, A_FDSET, A_FDSET, A_TIMESPEC, A_SIGARG6 } },
    { 413, "pselect6_time64", 2, { A_NFDS, A_FDSET, A_FDSET, A_FDSET, A_TIMESPEC64,
                                   A_SIGARG6 } },
    { 168, "poll",          2, { A_POLLFD, A_NFDS, A_MSECS } },
    { 309, "ppoll",         2, { A_POLLFD, A_NFDS, A_TIMESPEC, A_SIGSET, A_LEN } },
    { 414, "ppoll_time64",  2, { A_POLLFD, A_NFDS, A_TIMESPEC64, A_SIGSET, A_LEN } },
    /* identity, limits, time, and the rest */
    {  24, "getuid",        1, { A_NONE } },
    {  47, "getgid",        1, { A_NONE } },
    {  49, "geteuid",       1, { A_NONE } },
    {  50, "getegid",       1, { A_NONE } },
    { 199, "getuid32",      1, { A_NONE } },
    { 200, "getgid32",      1, { A_NONE } },
    { 201, "geteuid32",     1, { A_NONE } },
    { 202, "getegid32",     1, { A_NONE } },
    {  80, "getgroups",     1, { A_INT, A_PTR } },
    { 205, "getgroups32",   1, { A_INT, A_PTR } },
    {  57, "setpgid",       1, { A_PID, A_PID } },
    {  65, "getpgrp",       1, { A_NONE } },
    {  66, "setsid",        1, { A_NONE } },
    { 132, "getpgid",       1, { A_PID } },
    { 147, "getsid",        1, { A_PID } },
    {  60, "umask",         1, { A_MODE } },
    {  75, "setrlimit",     2, { A_RLIMIT, A_RLIM } },
    {  76, "getrlimit",     2, { A_RLIMIT, A_PTR } },
    { 191, "ugetrlimit",    2, { A_RLIMIT, A_PTR } },
    { 340, "prlimit64",     2, { A_PID, A_RLIMIT, A_RLIM64, A_PTR } },
    {  77, "getrusage",     2, { A_INT, A_PTR } },
    {  13, "time",          1, { A_PTR } },
    {  43, "times",         1, { A_PTR } },
    {  78, "gettimeofday",  2, { A_PTR, A_PTR } },
    { 265, "clock_gettime", 2, { A_CLOCK, A_PTR } },
    { 266, "clock_getres",  1, { A_CLOCK, A_PTR } },
    { 267, "clock_nanosleep", 2, { A_CLOCK, A_TIMERFLG, A_TIMESPEC, A_PTR } },
    { 403, "clock_gettime64", 2, { A_CLOCK, A_PTR } },
    { 406, "clock_getres_time64", 1, { A_CLOCK, A_PTR } },
    { 407, "clock_nanosleep_time64", 2, { A_CLOCK, A_TIMERFLG, A_TIMESPEC64, A_PTR } },
    { 241, "sched_setaffinity", 1, { A_PID, A_LEN, A_CPUMASK } },
    { 242, "sched_getaffinity", 1, { A_PID, A_LEN, A_PTR } },
    { 355, "getrandom",     2, { A_PTR, A_LEN, A_RNDFLG } },
    {  10, "unlink",        3, { A_PATH } },
    {  38, "rename",        3, { A_PATH, A_PATH } },
    {  39, "mkdir",         3, { A_PATH, A_MODE } },
    {  40, "rmdir",         3, { A_PATH } },
    {  42, "pipe",          2, { A_PTR } },
    {  92, "truncate",      3, { A_PATH, A_LEN } },
    {  93, "ftruncate",     4, { A_FD, A_LEN } },
    {  99, "statfs",        2, { A_PATH, A_PTR } },
    { 100, "fstatfs",       2, { A_FD_ANY, A_PTR } },
    { 118, "fsync",         2, { A_FD_ANY } },
    { 148, "fdatasync",     2, { A_FD_ANY } },
    { 193, "truncate64",    3, { A_PATH, A_LEN, A_INT } },
    { 194, "ftruncate64",   4, { A_FD, A_LEN, A_INT } },
    { 243, "set_thread_area", 6, { A_TLSDESC } },
    { 244, "get_thread_area", 3, { A_TLSDESC } },
    { 268, "statfs64",      2, { A_PATH, A_LEN, A_PTR } },
    { 269, "fstatfs64",     2, { A_FD_ANY, A_LEN, A_PTR } },
    { 296, "mkdirat",       2, { A_DIRFD, A_PATH, A_MODE } },
    { 301, "unlinkat",      2, { A_DIRFD, A_PATH, A_ATFLAGS } },
    { 302, "renameat",      2, { A_DIRFD, A_PATH, A_DIRFD, A_PATH } },
    { 331, "pipe2",         4, { A_PTR, A_PIPEFLG } },
    /* Not system calls: the worker itself reads or writes the address
     * (arg 2: 1 = write), so that page faults meet what the calls made;
     * loads %gs, so that the return to user mode meets what the TLS
     * calls left in the descriptor it selects. */
    { TOUCH, "(touch)",     10, { A_TADDR, A_INT } },
    { LOAD_GS, "(load gs)",  3, { A_SELECTOR } },
};
#define NCALLS (sizeof calls / sizeof calls[0])

/* fork-like calls: the child (result 0) leaves at once. */
static int forks_a_child(uint32_t nr)
{
    return nr == 2 || nr == 120 || nr == 190 || nr == 435;
}

/* Calls that sleep until a signal comes: the worker first sets a timer
 * to send SIGALRM 20 ms later (whatever its disposition now: the worker
 * may die of it, run a handler, or have it blocked and be ended by the
 * watchdog), so that most of them end soon and by a signal. */
static int waits_for_a_signal(uint32_t nr)
{
    return nr == 29 || nr == 72 || nr == 179;
}

static void alarm_soon(void)
{
    static const uint32_t soon[4] = { 0, 0, 0, 20000 };     /* it_interval, it_value */
    fuzz_syscall(104, 0, (uint32_t)soon, 0, 0, 0, 0);        /* setitimer(ITIMER_REAL) */
}

/* Keeps the fuzzer's own bookkeeping page out of reach: an address that
 * falls in it is moved just below the playground, where nothing is. */
static uint32_t spare_control(uint32_t v)
{
    return v >= CTL_ADDR && v < CTL_ADDR + CTL_SIZE ? PLAY - PAGE : v;
}

static const struct call *pick_call(void)
{
    static uint32_t total;
    if (!total)
        for (unsigned i = 0; i < NCALLS; i++)
            total += calls[i].weight;
    uint32_t r = below(total);
    for (unsigned i = 0; i < NCALLS; i++) {
        if (r < calls[i].weight)
            return &calls[i];
        r -= calls[i].weight;
    }
    return &calls[0];
}

/* ---- the worker ---- */

static void setup_playground(void)
{
    mmap((void *)PLAY, 10 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
         -1, 0);
    memset((void *)PLAY, 'p', 10 * PAGE);
    mprotect((void *)NONE_PG, PAGE, PROT_NONE);
    mprotect((void *)RO_PG, PAGE, PROT_READ);
    munmap((void *)HOLE_PG, PAGE);
    mprotect((void *)(PLAY + 8 * PAGE), PAGE, PROT_NONE);
    mmap((void *)ARENA, ARENA_LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
         -1, 0);
    memset(long_path, 'a', sizeof long_path - 1);
    for (unsigned i = 0; i < sizeof long_path - 1; i += 8)
        long_path[i] = '/';
    memset(long_name, 'n', sizeof long_name - 1);
    long_name[0] = '/';
    /* descriptors 3.. for the calls to use */
    open("/etc/motd", O_RDONLY);
    open("/proc/self/maps", O_RDONLY);
    open("/", O_RDONLY | O_DIRECTORY);
    open("/bin/echo", O_RDONLY);
    open("/proc/meminfo", O_RDONLY);
    open("/dev/zero", O_RDWR);
    open("/tmp", O_RDONLY);
}

/* Before each call: the string at the edge page has no NUL again, however
 * the last call wrote there (it may have been unmapped: then we die, which
 * the supervisor counts). */
static void refresh_edge(void)
{
    volatile char *p = (volatile char *)(EDGE_PG + PAGE - 64);
    for (int i = 0; i < 64; i++)
        p[i] = i == 0 ? '/' : 'e';
}

static void log_call(uint32_t batch, uint32_t i, const struct call *c, const uint32_t *a)
{
    char line[160];
    int n = snprintf(line, sizeof line, "fuzz: [%u.%u] %s(%x, %x, %x, %x, %x, %x)\n", batch, i,
                     c->name, a[0], a[1], a[2], a[3], a[4], a[5]);
    write(1, line, n);
    if (c->args[0] == A_MMAPARG && a[0] >= STRUCTS && a[0] + 24 <= PLAY_END) {
        const uint32_t *m = (const uint32_t *)a[0];     /* old_mmap's six values */
        n = snprintf(line, sizeof line, "fuzz:   { %x, %x, %x, %x, %x, %x }\n", m[0], m[1],
                     m[2], m[3], m[4], m[5]);
        write(1, line, n);
    }
}

static void count_result(struct slot *s, long r, uint32_t nr)
{
    int mm_result = nr == 192 || nr == 90 || nr == 45 || nr == 397 || nr == 117 || nr == 163;
    if (r >= 0 || (mm_result && (uint32_t)r < 0xFFFFF001u)) {
        s->ok++;
        return;
    }
    long e = -r;
    s->err[e > 0 && e < NERR ? e : 0]++;
}

/* Notes the id of each System V segment or semaphore set a call made:
 * the worker's next calls aim at it (segments: the supervisor removes
 * them, and at the end anything left by scanning the tables). */
static void record_ipc(uint32_t nr, const uint32_t *a, long r)
{
    if (r < 0)
        return;
    if (nr == 395 || (nr == 117 && a[0] == 23)) {
        uint32_t k = ctl->nshm++;
        ctl->shm_ids[k % 256] = (int)r;
        if (nshm_local < 16)
            shm_local[nshm_local++] = (int)r;
    } else if (nr == 393 || (nr == 117 && (a[0] & 0xFFFF) == 2)) {
        if (nsem_local < 16)
            sem_local[nsem_local++] = (int)r;
    }
}

/* A read or a write by the worker itself: the fault handler's turn. An
 * address it may not touch kills the worker, as it should. */
static long touch(uint32_t addr, int write)
{
    volatile char *p = (volatile char *)addr;
    if ((addr >= CTL_ADDR && addr < CTL_ADDR + CTL_SIZE) || (addr >= PLAY && addr < PLAY_END))
        return 0;                       /* the fuzzer's own pages */
    char c = *p;
    if (write)
        *p = c + 1;
    return 0;
}

/* Loads %gs with a selector: a bad one faults here, in user mode, and
 * kills the worker; a good one stays loaded for the kernel to restore. */
static long load_gs(uint32_t selector)
{
    __asm__ volatile("mov %0, %%gs" : : "r"(selector));
    return 0;
}

/* The child of a fuzzed fork writes to a few pages of the arena (copy-on-
 * write breaks, faults on whatever the calls left there) and leaves. */
static void child_touches_and_exits(void)
{
    for (int i = 0; i < 4; i++)
        touch(ARENA + below(ARENA_LEN / PAGE) * PAGE, 1);
    _exit(0);
}

static void worker(uint32_t seed, uint32_t batch, uint32_t ncalls, struct slot *s)
{
    my_pid = getpid();
    rng_seed(seed, batch);
    setup_playground();
    for (uint32_t i = 0; i < ncalls; i++) {
        const struct call *c = pick_call();
        uint32_t a[6];
        refresh_edge();
        for (int k = 0; k < 6; k++)
            a[k] = spare_control(gen(c->args[k]));
        if (verbose)
            log_call(batch, i, c, a);
        s->calls = i + 1;
        s->check = ~(i + 1);
        if (waits_for_a_signal(c->nr))
            alarm_soon();
        long r = c->nr == TOUCH     ? touch(a[0], a[1] & 1)
                 : c->nr == LOAD_GS ? load_gs(a[0])
                                    : fuzz_syscall(c->nr, a[0], a[1], a[2], a[3], a[4], a[5]);
        if (forks_a_child(c->nr) && r == 0)
            child_touches_and_exits();
        count_result(s, r, c->nr);
        record_ipc(c->nr, a, r);
    }
    _exit(0);
}

/* ---- the supervisor ---- */

struct running {
    int pid;                    /* 0: free */
    uint32_t batch;
    uint32_t last_calls;        /* the slot's count at the last poll */
    uint32_t still;             /* polls without progress */
};

static uint32_t seed = 1, total_calls = 2000, nworkers = 2, batch_len = 100, timeout_s = 3;
static int only = -1, check;
static uint32_t made, batches, signalled, watchdog_kills, max_batches, counters_lost;
static uint32_t ok_sum, err_sum[NERR];

static void parse_args(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        unsigned long v = 0;
        const char *eq = strchr(a, '=');
        if (eq)
            v = strtoul(eq + 1, 0, 0);
        if (!strcmp(a, "verbose"))
            verbose = 1;
        else if (!strncmp(a, "seed=", 5))
            seed = v;
        else if (!strncmp(a, "calls=", 6))
            total_calls = v;
        else if (!strncmp(a, "workers=", 8))
            nworkers = v < 1 ? 1 : v > MAX_WORKERS ? MAX_WORKERS : v;
        else if (!strncmp(a, "batch=", 6))
            batch_len = v ? v : 1;
        else if (!strcmp(a, "check"))
            check = 1;
        else if (!strncmp(a, "only=", 5))
            only = (int)v;
        else if (!strncmp(a, "timeout=", 8))
            timeout_s = v ? v : 1;
        else
            printf("fuzz: unknown argument %s\n", a);
    }
}

/* The latest /proc/meminfo read by memory_now, and the one of the first
 * count: when memory is missing at the end, the lines that differ say
 * what kind it is (page tables, kernel heap, shared memory...). */
static char meminfo_now[2048], meminfo_first[2048];

/* Set when a count could not be made: the end check then fails, for a
 * check of memory that read nothing would pass whatever leaked. */
static int count_failed;

/* MemFree + Cached (the page cache keeps what files were read) and
 * SwapFree + SwapCached, in kB. */
static void memory_now(unsigned long *mem, unsigned long *swap)
{
    unsigned long free_kb = 0, cached = 0, swapfree = 0, swapcached = 0;
    int len = procfile_read("/proc/meminfo", meminfo_now, sizeof meminfo_now);
    if (len <= 0 || len >= (int)sizeof meminfo_now - 1 ||
        procfile_value(meminfo_now, "MemFree:", &free_kb) ||
        procfile_value(meminfo_now, "Cached:", &cached) ||
        procfile_value(meminfo_now, "SwapFree:", &swapfree) ||
        procfile_value(meminfo_now, "SwapCached:", &swapcached) || free_kb == 0) {
        printf("fuzz: cannot count memory: /proc/meminfo read %d bytes\n", len);
        count_failed = 1;
    }
    /* A page of the fuzzer's own that went to swap and was read back
     * (touch_own_pages) keeps its slot while it stays clean: that slot is
     * not lost, and SwapCached counts it. */
    *mem = free_kb + cached;
    *swap = swapfree + swapcached;
}

/* Prints each line of the first count's /proc/meminfo that differs in
 * the latest one (both have the same lines in the same order). */
static void print_meminfo_changes(void)
{
    const char *a = meminfo_first, *b = meminfo_now;
    while (*a && *b) {
        const char *ea = strchr(a, '\n'), *eb = strchr(b, '\n');
        if (!ea || !eb)
            break;
        if (ea - a != eb - b || memcmp(a, b, ea - a))
            printf("fuzz: before %.*s, after %.*s\n", (int)(ea - a), a, (int)(eb - b), b);
        a = ea + 1;
        b = eb + 1;
    }
}

static void collect(struct running *w, int slot, int status)
{
    struct slot *s = &ctl->slot[slot];
    if (s->check != ~s->calls || s->calls > batch_len) {
        /* The worker's calls may write anywhere it can, its own slot too:
         * a pointer to it can reach the kernel inside a structure (an
         * ipc() SEMCTL's union, an iovec), where spare_control cannot see
         * it. Its counts are lost; the calls it was seen to begin stand. */
        if (verbose)
            printf("fuzz: batch %u: a call overwrote the worker's counters\n", w->batch);
        counters_lost++;
        made += w->last_calls;
        w->pid = 0;
        if (WIFSIGNALED(status))
            signalled++;
        return;
    }
    made += s->calls;
    ok_sum += s->ok;
    for (int e = 0; e < NERR; e++)
        err_sum[e] += s->err[e];
    if (WIFSIGNALED(status))
        signalled++;
    w->pid = 0;
}

static void start(struct running *w, int slot, uint32_t batch)
{
    memset(&ctl->slot[slot], 0, sizeof ctl->slot[slot]);
    ctl->slot[slot].check = ~0u;
    fflush(stdout);
    int pid = fork();
    if (pid == 0)
        worker(seed, batch, batch_len, &ctl->slot[slot]);
    if (pid < 0) {
        printf("fuzz: fork failed (errno %d); retrying\n", errno);
        return;
    }
    w->pid = pid;
    w->batch = batch;
    w->last_calls = 0;
    w->still = 0;
    batches++;
}

static void nap_ms(long ms)
{
    struct timespec ts = { 0, ms * 1000000 };
    nanosleep(&ts, 0);
}

#define POLL_MS 20

/* One round of the supervisor: reap, watch, start. Returns the number of
 * workers still running. */
static int poll_workers(struct running *w, uint32_t *next_batch, int more)
{
    int alive = 0, status;
    for (uint32_t i = 0; i < nworkers; i++) {
        if (w[i].pid && waitpid(w[i].pid, &status, WNOHANG) == w[i].pid)
            collect(&w[i], i, status);
        if (w[i].pid) {
            uint32_t now = ctl->slot[i].calls;
            if (ctl->slot[i].check != ~now || now > batch_len)
                now = w[i].last_calls;  /* overwritten (see collect) */
            if (now != w[i].last_calls) {
                w[i].last_calls = now;
                w[i].still = 0;
            } else if (++w[i].still * POLL_MS >= timeout_s * 1000) {
                if (verbose)
                    printf("fuzz: watchdog: batch %u stuck at call %u, killed\n", w[i].batch, now);
                kill(w[i].pid, SIGKILL);
                watchdog_kills++;
                w[i].still = 0;
            }
        }
        if (!w[i].pid && more && batches < max_batches) {
            uint32_t pending = 0;
            for (uint32_t j = 0; j < nworkers; j++)
                pending += w[j].pid ? batch_len : 0;
            if (made + pending < total_calls)
                start(&w[i], i, (*next_batch)++);
        }
        alive += w[i].pid != 0;
    }
    /* the workers' own children, orphaned to us */
    int pid;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
        for (uint32_t i = 0; i < nworkers; i++)
            if (w[i].pid == pid) {          /* a worker that ended just now */
                collect(&w[i], i, status);
                alive--;
            }
    return alive;
}

static const char *errno_name(int e)
{
    static const char *const names[] = {
        [EPERM] = "EPERM", [ENOENT] = "ENOENT", [ESRCH] = "ESRCH", [EINTR] = "EINTR",
        [EIO] = "EIO", [ENXIO] = "ENXIO", [E2BIG] = "E2BIG", [ENOEXEC] = "ENOEXEC",
        [EBADF] = "EBADF", [ECHILD] = "ECHILD", [EAGAIN] = "EAGAIN", [ENOMEM] = "ENOMEM",
        [EACCES] = "EACCES", [EFAULT] = "EFAULT", [EBUSY] = "EBUSY", [EEXIST] = "EEXIST",
        [ENODEV] = "ENODEV", [ENOTDIR] = "ENOTDIR", [EISDIR] = "EISDIR", [EINVAL] = "EINVAL",
        [ENFILE] = "ENFILE", [EMFILE] = "EMFILE", [ENOTTY] = "ENOTTY", [EFBIG] = "EFBIG",
        [ENOSPC] = "ENOSPC", [ESPIPE] = "ESPIPE", [EROFS] = "EROFS", [EPIPE] = "EPIPE",
        [ERANGE] = "ERANGE", [ENAMETOOLONG] = "ENAMETOOLONG", [ENOSYS] = "ENOSYS",
        [ENOTEMPTY] = "ENOTEMPTY",
    };
    return e < (int)(sizeof names / sizeof names[0]) ? names[e] : 0;
}

/* Is the kernel still itself? A child must fork, run and exit with 7. */
static int kernel_alive(void)
{
    int pid = fork(), status = 0;
    if (pid == 0)
        _exit(getpid() > 1 ? 7 : 1);
    return pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
           WEXITSTATUS(status) == 7;
}

/* Waits up to a few seconds for every child to be gone; returns how many
 * are left (wait4 says ECHILD when none is). */
/* When a child could not be reaped: each process but init, by its
 * /proc/<pid>/status (name, state, parent, signals pending). */
static void __attribute__((noinline)) print_processes_left(void)
{
    static char status[1024];
    char path[32];
    for (int pid = 2; pid < 32768; pid++) {
        snprintf(path, sizeof path, "/proc/%d/status", pid);
        if (procfile_read(path, status, sizeof status) <= 0)
            continue;
        for (char *c = status; *c; c++)
            if (*c == '\n' || *c == '\t')
                *c = ' ';
        printf("fuzz: left: %s\n", status);
    }
}

static int reap_all(void)
{
    int status;
    /* The workers' own children (their fork, vfork and clone calls) are
     * init's once a worker dies, and may sleep forever in pause or read,
     * in a group or session of their own: as init, end them all. A
     * process that SIGKILL cannot end is still counted below. */
    if (getpid() == 1)
        kill(-1, SIGKILL);
    for (int tries = 0; tries < 250; tries++) {
        int r = waitpid(-1, &status, WNOHANG);
        if (r < 0 && errno == ECHILD)
            return 0;
        if (r == 0)
            nap_ms(POLL_MS);
    }
    if (waitpid(-1, &status, WNOHANG) < 0 && errno == ECHILD)
        return 0;
    print_processes_left();
    return 1;
}

/* Removes everything under dir (not dir itself): the files and
 * directories the calls made in /tmp and /dev/shm hold memory. Returns
 * how many entries it could not remove (each is printed). */
static int clean_dir(const char *dir, int depth)
{
    static char buf[8][1024];
    int fd = open(dir, O_RDONLY | O_DIRECTORY), left = 0;
    if (fd < 0 || depth >= 8)
        return fd < 0 ? 0 : 1;
    long n;
    int removed = 1;
    while (removed && (n = fuzz_syscall(220, fd, (uint32_t)buf[depth], sizeof buf[depth],
                                        0, 0, 0)) > 0) {
        removed = 0;
        left = 0;
        for (long at = 0; at < n;) {
            char *d = buf[depth] + at;
            uint16_t reclen = *(uint16_t *)(d + 16);
            const char *name = d + 19;
            char path[512];
            at += reclen;
            if (!strcmp(name, ".") || !strcmp(name, ".."))
                continue;
            snprintf(path, sizeof path, "%s/%s", dir, name);
            long r;
            if (d[18] == 4) {                       /* DT_DIR */
                left += clean_dir(path, depth + 1);
                r = fuzz_syscall(40, (uint32_t)path, 0, 0, 0, 0, 0);
            } else {
                r = fuzz_syscall(10, (uint32_t)path, 0, 0, 0, 0, 0);
            }
            if (r == 0)
                removed++;
            else if (++left)
                printf("fuzz: cannot remove %s: errno %ld\n", path, -r);
        }
        lseek(fd, 0, SEEK_SET);                     /* again: the listing changed */
    }
    close(fd);
    return left;
}

/* Removes the System V objects the workers made (they outlive processes). */
static void remove_segments(void)
{
    uint32_t n = ctl->nshm < 256 ? ctl->nshm : 256;
    for (uint32_t i = 0; i < n; i++)
        shmctl(ctl->shm_ids[i], IPC_RMID, 0);
    /* And whatever the ring above lost, semaphore sets too: every id the
     * tables hold, by index, as ipcs lists them. */
    static struct shmid64_ds ds;
    static char sem_ds[128];
    int top = shmctl(0, SHM_INFO | IPC_64, &ds);
    for (int i = 0; i <= top; i++) {
        int id = shmctl(i, SHM_STAT | IPC_64, &ds);
        if (id >= 0)
            shmctl(id, IPC_RMID, 0);
    }
    top = semctl(0, 0, SEM_INFO, (unsigned long)sem_ds);
    for (int i = 0; i <= top; i++) {
        int id = semctl(i, 0, SEM_STAT | IPC_64, (unsigned long)sem_ds);
        if (id >= 0)
            semctl(id, 0, IPC_RMID, 0);
    }
}

/* The kernel keeps the inodes of /proc/<pid> of each process slot once
 * made (they are renamed for the slot's next process), so every slot is
 * used once before memory is counted: children are forked until the table
 * is full (fork says EAGAIN), each opens its /proc/self/status, and all
 * are killed and reaped. Returns how many there were. */
static int fill_process_table(void)
{
    static int pids[128];
    int n = 0;
    while (n < 128) {
        int pid = fork();
        if (pid == 0) {
            close(open("/proc/self/status", O_RDONLY));
            ctl->ready[n] = 1;
            for (;;)
                nap_ms(1000);
        }
        if (pid < 0)
            break;
        pids[n++] = pid;
    }
    for (int i = 0, waited = 0; i < n && waited < 250; i++)
        while (!ctl->ready[i] && waited++ < 250)
            nap_ms(POLL_MS);
    for (int i = 0; i < n; i++)
        kill(pids[i], SIGKILL);
    for (int i = 0; i < n; i++)
        waitpid(pids[i], 0, 0);
    return n;
}

/* Touches every page of this process (read; data, bss and heap also
 * written back): whatever of it went to swap comes back, and each page
 * only partly in the file gets its private copy (made on first touch).
 * Done before each count of memory, so that only the kernel's memory is
 * compared. */
static void touch_own_pages(void)
{
    static char maps[2048];
    procfile_read("/proc/self/maps", maps, sizeof maps);
    for (char *line = maps; *line;) {
        unsigned long start = strtoul(line, &line, 16);
        unsigned long end = strtoul(line + 1, &line, 16);
        for (unsigned long a = start; a < end && line[1] == 'r'; a += PAGE) {
            char c = *(volatile char *)a;           /* text, rodata, stack */
            if (line[2] == 'w' && end <= 0x40000000)
                *(volatile char *)a = c;            /* data, bss, heap */
        }
        while (*line && *line != '\n')
            line++;
        if (*line)
            line++;
    }
}

/* Before the first count of free memory: a good depth of stack, every
 * page of the program, every process slot. Returns the slots. */
static int __attribute__((noinline)) warm_up(void)
{
    volatile char stack[32 * 1024];
    for (unsigned i = 0; i < sizeof stack; i += PAGE)
        stack[i] = 0;
    touch_own_pages();
    int slots = fill_process_table();
    kernel_alive();
    unsigned long m, s;
    memory_now(&m, &s);
    return slots;
}

/* What the calls left behind that holds memory: segments, semaphore
 * sets, files. Returns how many files could not be removed. */
static int clean_up(void)
{
    remove_segments();
    return clean_dir("/tmp", 0) + clean_dir("/dev/shm", 0);
}

/* `check`: the batches one after another from first, each counted: a
 * batch after which free memory or swap is not what it was before it
 * (with what it made removed) is printed. Returns how many leaked. */
static int check_batches(struct running *w, uint32_t first)
{
    unsigned long mem0, swap0, mem1, swap1;
    int leaks = 0;
    touch_own_pages();
    memory_now(&mem0, &swap0);
    for (uint32_t b = first; made < total_calls; b++) {
        start(&w[0], 0, b);
        while (poll_workers(w, 0, 0) > 0)
            nap_ms(POLL_MS);
        reap_all();
        clean_up();
        touch_own_pages();
        memory_now(&mem1, &swap1);
        if (mem1 != mem0 || swap1 != swap0) {
            printf("fuzz: batch %u: memory free+cached %lu kB before, %lu kB after; swap free+cached "
                   "%lu kB before, %lu kB after\n", b, mem0, mem1, swap0, swap1);
            leaks++;
        }
        mem0 = mem1;
        swap0 = swap1;
    }
    return leaks;
}

int main(int argc, char **argv)
{
    parse_args(argc, argv);
    ctl = mmap((void *)CTL_ADDR, CTL_SIZE, PROT_READ | PROT_WRITE,
               MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (ctl == MAP_FAILED) {
        printf("fuzz: cannot map the control page (errno %d)\n", errno);
        return 1;
    }
    memset(ctl, 0, sizeof *ctl);
    unsigned long mem0, swap0, mem1, swap1;
    int slots = warm_up();
    touch_own_pages();
    memory_now(&mem0, &swap0);
    memcpy(meminfo_first, meminfo_now, sizeof meminfo_first);
    printf("fuzz: seed %u, %u calls, %u workers, %u calls a batch, %u system calls in the table, "
           "%d process slots\n", seed, total_calls, nworkers, batch_len, (unsigned)NCALLS, slots);

    struct running w[MAX_WORKERS];
    memset(w, 0, sizeof w);
    uint32_t next_batch = only >= 0 ? (uint32_t)only : 0;
    if (check) {
        nworkers = 1;
        check_batches(w, next_batch);
        only = 0;               /* no more batches below */
    } else if (only >= 0) {
        nworkers = 1;
        total_calls = batch_len;
        start(&w[0], 0, next_batch);
        next_batch = -1u;
    }
    /* a bound, should workers die before making their calls */
    max_batches = 4 * (total_calls / batch_len + 1) + 16;
    while ((!check && poll_workers(w, &next_batch, only < 0) > 0) ||
           (only < 0 && made < total_calls && batches < max_batches))
        nap_ms(POLL_MS);

    int left = reap_all();
    int alive = kernel_alive();
    int files_left = clean_up();
    touch_own_pages();
    memory_now(&mem1, &swap1);
    int pass = alive && !left && !files_left && !count_failed && mem1 == mem0 && swap1 == swap0;

    printf("fuzz: memory free+cached %lu kB before, %lu kB after; swap free+cached %lu kB before, "
           "%lu kB after\n", mem0, mem1, swap0, swap1);
    if (mem1 != mem0 || swap1 != swap0)
        print_meminfo_changes();
    printf("fuzz: seed %u calls %u workers %u batches %u killed %u watchdog %u ok %u", seed,
           made, nworkers, batches, signalled, watchdog_kills, ok_sum);
    for (int e = 1; e < NERR; e++) {
        if (!err_sum[e])
            continue;
        const char *n = errno_name(e);
        if (n)
            printf(" %s %u", n, err_sum[e]);
        else
            printf(" E%d %u", e, err_sum[e]);
    }
    if (err_sum[0])
        printf(" other %u", err_sum[0]);
    if (counters_lost)
        printf(" counters-lost %u", counters_lost);
    printf(" children-left %d files-left %d alive %s result %s\n", left, files_left,
           alive ? "yes" : "no",
           pass ? "PASS" : "FAIL");
    return pass ? 0 : 1;
}
