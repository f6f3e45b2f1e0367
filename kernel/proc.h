/* proc.h: processes: the process table, struct proc, and the calls that
 * create and end them (fork, exit, wait, kill). Scheduling is in sched.c. */
#ifndef KERNEL_PROC_H
#define KERNEL_PROC_H

#include <stdint.h>
#include "kernel/fs/file.h"
#include "kernel/signal.h"
#include "kernel/x86/fpu.h"
#include "kernel/x86/tls.h"
#include "kernel/rlimit.h"
#include "kernel/rusage.h"

#define NPROC 64
#define KSTACK_SIZE 8192
#define PROC_NAME_LEN 16

enum proc_state { PROC_UNUSED, PROC_RUNNABLE, PROC_RUNNING, PROC_SLEEPING, PROC_ZOMBIE };

struct trapframe;
struct mm;
struct path_name;

struct proc {
    int pid;
    enum proc_state state;
    char name[PROC_NAME_LEN];
    struct proc *parent;
    struct mm *mm;              /* NULL for the idle process */
    void *kstack;               /* KSTACK_SIZE bytes from kmalloc */
    uint32_t kernel_esp;        /* saved by sched_switch while not running */
    struct trapframe *tf;       /* the user state, at the top of kstack */
    void *chan;                 /* what a sleeping process waits for */
    int killed;                 /* pending fatal signal, or 0 */
    int exit_status;            /* wait status (Linux encoding) of a zombie */
    struct fdtable files;
    int *set_child_tid;         /* CLONE_CHILD_SETTID: store the tid here at start */
    int *clear_child_tid;       /* CLONE_CHILD_CLEARTID, set_tid_address */
    void *robust_list;          /* set_robust_list's head (recorded only) */
    int mm_borrowed;            /* mm is the vfork parent's (CLONE_VM) */
    struct proc *vfork_parent;  /* sleeping in vfork until this one execs or exits */
    struct proc *vfork_child;   /* the child this one waits for in vfork */
    struct tls_state tls;       /* its TLS descriptors (set_thread_area) */
    struct fpu_state fpu;       /* its FPU/SSE registers while not running */
    struct sigstate sig;        /* handlers, masks, pending signals (kernel/signal.c) */
    /* What fork copies to the child and exec keeps (exec sets exe). */
    struct proc_attrs {
        int pgid, sid;          /* process group and session (kernel/identity.c) */
        uint32_t umask;         /* permission bits a new file does not get */
        struct rlimit64 rlim[RLIM_NLIMITS];     /* kernel/rlimit.c */
        struct path_name *cwd;  /* the working directory, absolute (kernel/fs/path.c) */
        struct path_name *exe;  /* the program file, for /proc/PID/exe (or NULL) */
    } attrs;
    /* Counted from zero in every process (kernel/rusage.c). */
    struct proc_usage usage;    /* its own */
    struct proc_usage children; /* its waited-for children's, and theirs */
};

extern struct proc proc_table[NPROC];
extern struct proc *current;

/* Linux wait statuses; a signal's is signal_wait_status (kernel/signal.h). */
#define WAIT_EXITED(code) (((code) & 0xFF) << 8)

/* Sets up the process table and makes the boot thread the idle process
 * (pid 0), which runs when nothing else can. */
void proc_init(void);

/* Creates the first user process (pid 1) running path with argv, fds
 * 0-2 on the console. Returns 0, or the error exec gave (nothing is left
 * allocated). */
int proc_start_init(const char *path, const char *const *argv, int argc);

/* Returns a new process, not yet runnable, with a pid, a kernel stack
 * and a first context that goes through fork_child_start and trap_return
 * with *tf (which the caller fills in); NULL if the table or memory is
 * full. */
struct proc *proc_alloc(void);

/* Frees what a process still holds after it has become a zombie, or a
 * process proc_alloc made that never ran. */
void proc_free(struct proc *p);

/* Frees the kernel stack of the process that last freed its own slot
 * (its parent ignores SIGCHLD), which ran on it until it switched away.
 * Called by whatever runs next: schedule, after the switch, and a new
 * process's first code (fork_child_start). */
void proc_free_dead_stack(void);

/* Ends the current process with the given wait status: releases its
 * memory and files, hands its children to init, wakes its parent.
 * Never returns. When init exits, the machine powers off. */
void proc_exit(int wait_status) __attribute__((noreturn));

/* The current process's descriptor table (for kernel/fs/sys_file.c). */
struct fdtable *proc_files(void);

/* Trap-return hook: acts on pending signals (kernel/signal.c), and gives
 * up the CPU if its time slice is over. trap_dispatch calls it only when
 * there is something to do (need_resched, signal_deliver_due). */
void proc_before_user_return(struct trapframe *tf);

/* System calls (Linux i386 numbers in kernel/syscall.c). */
long sys_exit(int code);
long sys_wait4(int pid, int *ustatus, int options, void *urusage);
long sys_waitpid(int pid, int *ustatus, int options);
long sys_getpid(void);
long sys_getppid(void);

#endif
