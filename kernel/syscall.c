/* syscall.c: the system-call table, indexed by Linux i386 number, and the
 * dispatcher. Handlers are plain C functions with their natural argument
 * types; the dispatcher always passes six 32-bit arguments, which the
 * i386 C calling convention lets a handler with fewer simply ignore. */
#include "kernel/syscall.h"
#include "kernel/errno.h"
#include "kernel/clock.h"
#include "kernel/exec.h"
#include "kernel/fork.h"
#include "kernel/fs/file.h"
#include "kernel/fs/pipe.h"
#include "kernel/fs/sys_fs.h"
#include "kernel/fs/path.h"
#include "kernel/fs/poll.h"
#include "kernel/identity.h"
#include "kernel/ipc.h"
#include "kernel/ipc_sem.h"
#include "kernel/ipc_shm.h"
#include "kernel/printk.h"
#include "kernel/proc.h"
#include "kernel/random.h"
#include "kernel/rlimit.h"
#include "kernel/rusage.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/sysinfo.h"
#include "kernel/x86/sys_tls.h"
#include "kernel/x86/trap.h"
#include "mm/brk.h"
#include "mm/madvise.h"
#include "mm/mlock.h"
#include "mm/mmap.h"

typedef long (*syscall_fn)(uint32_t, uint32_t, uint32_t, uint32_t, uint32_t, uint32_t);

struct syscall {
    const char *name;
    syscall_fn fn;
};

#define SYSCALL(nr, fn) [nr] = { #fn + 4, (syscall_fn)(void (*)(void))fn }

static const struct syscall table[] = {
    SYSCALL(1, sys_exit),
    SYSCALL(2, sys_fork),
    SYSCALL(3, sys_read),
    SYSCALL(4, sys_write),
    SYSCALL(5, sys_open),
    SYSCALL(6, sys_close),
    SYSCALL(7, sys_waitpid),
    SYSCALL(11, sys_execve),
    SYSCALL(12, sys_chdir),
    SYSCALL(13, sys_time),
    SYSCALL(19, sys_lseek),
    SYSCALL(20, sys_getpid),
    SYSCALL(24, sys_getuid),            /* the 16-bit ids: 0 fits */
    SYSCALL(27, sys_alarm),
    SYSCALL(29, sys_pause),
    SYSCALL(33, sys_access),
    SYSCALL(37, sys_kill),
    SYSCALL(41, sys_dup),
    SYSCALL(43, sys_times),
    SYSCALL(45, sys_brk),
    SYSCALL(47, sys_getgid),
    SYSCALL(48, sys_signal),
    SYSCALL(49, sys_getuid),            /* geteuid */
    SYSCALL(50, sys_getgid),            /* getegid */
    SYSCALL(54, sys_ioctl),
    SYSCALL(55, sys_fcntl),
    SYSCALL(57, sys_setpgid),
    SYSCALL(60, sys_umask),
    SYSCALL(63, sys_dup2),
    SYSCALL(64, sys_getppid),
    SYSCALL(65, sys_getpgrp),
    SYSCALL(66, sys_setsid),
    SYSCALL(67, sys_sigaction),
    SYSCALL(72, sys_sigsuspend),
    SYSCALL(73, sys_sigpending),
    SYSCALL(75, sys_setrlimit),
    SYSCALL(76, sys_getrlimit_old),
    SYSCALL(77, sys_getrusage),
    SYSCALL(78, sys_gettimeofday),
    SYSCALL(80, sys_getgroups),
    SYSCALL(85, sys_readlink),
    SYSCALL(90, sys_old_mmap),
    SYSCALL(91, sys_munmap),
    SYSCALL(104, sys_setitimer),
    SYSCALL(105, sys_getitimer),
    SYSCALL(114, sys_wait4),
    SYSCALL(116, sys_sysinfo),
    SYSCALL(117, sys_ipc),
    SYSCALL(119, sys_sigreturn),
    SYSCALL(120, sys_clone),
    SYSCALL(122, sys_uname),
    SYSCALL(125, sys_mprotect),
    SYSCALL(126, sys_sigprocmask),
    SYSCALL(132, sys_getpgid),
    SYSCALL(133, sys_fchdir),
    SYSCALL(140, sys_llseek),
    SYSCALL(142, sys_select),           /* _newselect */
    SYSCALL(145, sys_readv),
    SYSCALL(146, sys_writev),
    SYSCALL(147, sys_getsid),
    SYSCALL(144, sys_msync),
    SYSCALL(150, sys_mlock),
    SYSCALL(151, sys_munlock),
    SYSCALL(152, sys_mlockall),
    SYSCALL(153, sys_munlockall),
    SYSCALL(158, sys_sched_yield),
    SYSCALL(162, sys_nanosleep),
    SYSCALL(168, sys_poll),
    SYSCALL(173, sys_rt_sigreturn),
    SYSCALL(174, sys_rt_sigaction),
    SYSCALL(175, sys_rt_sigprocmask),
    SYSCALL(176, sys_rt_sigpending),
    SYSCALL(177, sys_rt_sigtimedwait),
    SYSCALL(179, sys_rt_sigsuspend),
    SYSCALL(180, sys_pread64),
    SYSCALL(181, sys_pwrite64),
    SYSCALL(183, sys_getcwd),
    SYSCALL(186, sys_sigaltstack),
    SYSCALL(190, sys_vfork),
    SYSCALL(191, sys_ugetrlimit),
    SYSCALL(163, sys_mremap),
    SYSCALL(192, sys_mmap2),
    SYSCALL(195, sys_stat64),
    SYSCALL(196, sys_lstat64),
    SYSCALL(197, sys_fstat64),
    SYSCALL(199, sys_getuid),           /* getuid32 */
    SYSCALL(200, sys_getgid),           /* getgid32 */
    SYSCALL(201, sys_getuid),           /* geteuid32 */
    SYSCALL(202, sys_getgid),           /* getegid32 */
    SYSCALL(205, sys_getgroups),        /* getgroups32 */
    SYSCALL(218, sys_mincore),
    SYSCALL(219, sys_madvise),
    SYSCALL(220, sys_getdents64),
    SYSCALL(221, sys_fcntl),            /* fcntl64: no locks, so the same */
    SYSCALL(224, sys_gettid),
    SYSCALL(238, sys_tkill),
    SYSCALL(241, sys_sched_setaffinity),
    SYSCALL(242, sys_sched_getaffinity),
    SYSCALL(243, sys_set_thread_area),
    SYSCALL(244, sys_get_thread_area),
    SYSCALL(252, sys_exit),             /* exit_group: one thread per process */
    SYSCALL(258, sys_set_tid_address),
    SYSCALL(270, sys_tgkill),
    SYSCALL(311, sys_set_robust_list),
    SYSCALL(386, sys_rseq),
    /* Files in memory: tmpfs names and sizes, pipes. */
    SYSCALL(10, sys_unlink),
    SYSCALL(38, sys_rename),
    SYSCALL(39, sys_mkdir),
    SYSCALL(40, sys_rmdir),
    SYSCALL(42, sys_pipe),
    SYSCALL(92, sys_truncate),
    SYSCALL(93, sys_ftruncate),
    SYSCALL(99, sys_statfs),
    SYSCALL(100, sys_fstatfs),
    SYSCALL(118, sys_fsync),
    SYSCALL(148, sys_fdatasync),
    SYSCALL(193, sys_truncate64),
    SYSCALL(194, sys_ftruncate64),
    SYSCALL(268, sys_statfs64),
    SYSCALL(269, sys_fstatfs64),
    SYSCALL(296, sys_mkdirat),
    SYSCALL(301, sys_unlinkat),
    SYSCALL(302, sys_renameat),
    SYSCALL(331, sys_pipe2),
    SYSCALL(265, sys_clock_gettime32),
    SYSCALL(266, sys_clock_getres32),
    SYSCALL(267, sys_clock_nanosleep32),
    SYSCALL(295, sys_openat),
    SYSCALL(300, sys_fstatat64),
    SYSCALL(305, sys_readlinkat),
    SYSCALL(307, sys_faccessat),
    SYSCALL(308, sys_pselect6),
    SYSCALL(309, sys_ppoll),
    SYSCALL(330, sys_dup3),
    SYSCALL(340, sys_prlimit64),
    SYSCALL(355, sys_getrandom),
    SYSCALL(383, sys_statx),
    SYSCALL(376, sys_mlock2),
    SYSCALL(393, sys_semget),
    SYSCALL(394, sys_semctl),
    SYSCALL(395, sys_shmget),
    SYSCALL(396, sys_shmctl),
    SYSCALL(397, sys_shmat),
    SYSCALL(398, sys_shmdt),
    SYSCALL(403, sys_clock_gettime64),
    SYSCALL(406, sys_clock_getres64),
    SYSCALL(407, sys_clock_nanosleep64),
    SYSCALL(413, sys_pselect6_time64),
    SYSCALL(414, sys_ppoll_time64),
    SYSCALL(435, sys_clone3),
    SYSCALL(439, sys_faccessat2),
    SYSCALL(420, sys_semtimedop_time64),
};
#define NSYSCALLS (sizeof table / sizeof table[0])

uint32_t syscall_count;

const char *syscall_name(uint32_t n)
{
    return n < NSYSCALLS ? table[n].name : 0;
}

void syscall_dispatch(struct trapframe *tf)
{
    uint32_t n = tf->eax;
    uint32_t a = tf->ebx, b = tf->ecx, c = tf->edx;    /* execve rewrites tf */
    long result;
    syscall_count++;
    current->sig.syscall_nr = (int)n;   /* for restarting it after a signal */
    rusage_syscall_enter(&current->usage);
    if (n < NSYSCALLS && table[n].fn) {
        result = table[n].fn(tf->ebx, tf->ecx, tf->edx, tf->esi, tf->edi, tf->ebp);
        trace(TRACE_SYSCALL, "pid %d %s(0x%x, 0x%x, 0x%x) = %d", current->pid, table[n].name,
              a, b, c, (int)result);
    } else {
        result = -ENOSYS;
        trace(TRACE_SYSCALL, "pid %d unknown system call %u = -ENOSYS", current->pid, n);
    }
    tf->eax = (uint32_t)result;
    rusage_syscall_leave(&current->usage);
}
