/* rlimit.c: resource limits (see rlimit.h). Each process keeps Linux's
 * 64-bit form; the old 32-bit calls convert, as Linux i386 does:
 * ugetrlimit (191) shows an infinite or too large limit as 0xFFFFFFFF,
 * the older getrlimit (76) as 0x7FFFFFFF, and setrlimit (75) reads
 * 0xFFFFFFFF as infinity. Applied: RLIMIT_NOFILE (new descriptors),
 * RLIMIT_STACK (stack growth, mm/fault.c), RLIMIT_AS and RLIMIT_DATA
 * (brk and mmap, through rlimit_vm_ok). The others are kept and reported. */
#include "kernel/rlimit.h"
#include "kernel/errno.h"
#include "kernel/identity.h"
#include "kernel/proc.h"
#include "mm/mm.h"
#include "mm/uaccess.h"
#include "mm/vma.h"

#define INF RLIM64_INFINITY
#define MiB (1024ull * 1024)

void rlimit_init(struct rlimit64 *rlim)
{
    for (int i = 0; i < RLIM_NLIMITS; i++)
        rlim[i] = (struct rlimit64){ INF, INF };
    rlim[RLIMIT_STACK].rlim_cur = 8 * MiB;
    rlim[RLIMIT_CORE].rlim_cur = 0;
    rlim[RLIMIT_NPROC] = (struct rlimit64){ NPROC, NPROC };
    rlim[RLIMIT_NOFILE] = (struct rlimit64){ NOFILE, NOFILE };
    rlim[RLIMIT_MEMLOCK] = (struct rlimit64){ 8 * MiB, 8 * MiB };
    rlim[RLIMIT_SIGPENDING] = (struct rlimit64){ 1024, 1024 };
    rlim[RLIMIT_MSGQUEUE] = (struct rlimit64){ 819200, 819200 };
    rlim[RLIMIT_NICE] = rlim[RLIMIT_RTPRIO] = (struct rlimit64){ 0, 0 };
}

int rlimit_fd_limit(void)
{
    uint64_t n = current->attrs.rlim[RLIMIT_NOFILE].rlim_cur;
    return n < NOFILE ? (int)n : NOFILE;
}

uint32_t rlimit_stack_max(void)
{
    uint64_t n = current->attrs.rlim[RLIMIT_STACK].rlim_cur;
    return n < 0xFFFFFFFFull ? (uint32_t)n : 0xFFFFFFFFu;
}

/* Linux's data_vm: private, writable, not the stack. */
static int is_data(uint32_t vm_flags)
{
    return (vm_flags & (VM_WRITE | VM_SHARED | VM_GROWSDOWN)) == VM_WRITE;
}

int rlimit_vm_ok(struct mm *mm, uint32_t grow, uint32_t vm_flags)
{
    uint64_t total = grow, data = grow;
    for (struct vma *v = mm->vmas; v; v = v->next) {
        total += v->end - v->start;
        if (is_data(v->flags))
            data += v->end - v->start;
    }
    const struct rlimit64 *rlim = current->attrs.rlim;
    if (total > rlim[RLIMIT_AS].rlim_cur)
        return 0;
    return !is_data(vm_flags) || data <= rlim[RLIMIT_DATA].rlim_cur;
}

/* Reads (old, may be NULL) and then sets (new, may be NULL) resource of p.
 * Kernel pointers. 0, -EINVAL (soft above hard) or -EPERM (more
 * descriptors than the table has). Everyone is root, so a hard limit may
 * be raised. */
static int rlimit_swap(struct proc *p, int resource, const struct rlimit64 *new,
                       struct rlimit64 *old)
{
    struct rlimit64 *r = &p->attrs.rlim[resource];
    if (old)
        *old = *r;
    if (!new)
        return 0;
    if (new->rlim_cur > new->rlim_max)
        return -EINVAL;
    if (resource == RLIMIT_NOFILE && new->rlim_max > NOFILE)
        return -EPERM;
    *r = *new;
    return 0;
}

long sys_prlimit64(int pid, int resource, const struct rlimit64 *unew, struct rlimit64 *uold)
{
    struct rlimit64 new, old;
    if (resource < 0 || resource >= RLIM_NLIMITS)
        return -EINVAL;
    if (unew && copy_from_user(&new, unew, sizeof new) < 0)
        return -EFAULT;
    struct proc *p = pid == 0 ? current : proc_find(pid);
    if (!p || p->state == PROC_ZOMBIE)
        return -ESRCH;
    int err = rlimit_swap(p, resource, unew ? &new : 0, &old);
    if (err < 0)
        return err;
    if (uold && copy_to_user(uold, &old, sizeof old) < 0)
        return -EFAULT;
    return 0;
}

/* The 32-bit getrlimits: values above max are shown as max. */
static long getrlimit32(int resource, uint32_t *urlim, uint32_t max)
{
    if (resource < 0 || resource >= RLIM_NLIMITS)
        return -EINVAL;
    const struct rlimit64 *r = &current->attrs.rlim[resource];
    uint32_t v[2] = { r->rlim_cur > max ? max : (uint32_t)r->rlim_cur,
                      r->rlim_max > max ? max : (uint32_t)r->rlim_max };
    return copy_to_user(urlim, v, sizeof v) < 0 ? -EFAULT : 0;
}

long sys_ugetrlimit(int resource, uint32_t *urlim)
{
    return getrlimit32(resource, urlim, 0xFFFFFFFFu);
}

long sys_getrlimit_old(int resource, uint32_t *urlim)
{
    return getrlimit32(resource, urlim, 0x7FFFFFFFu);
}

long sys_setrlimit(int resource, const uint32_t *urlim)
{
    uint32_t v[2];
    if (resource < 0 || resource >= RLIM_NLIMITS)
        return -EINVAL;
    if (copy_from_user(v, urlim, sizeof v) < 0)
        return -EFAULT;
    struct rlimit64 new = { v[0] == 0xFFFFFFFFu ? INF : v[0], v[1] == 0xFFFFFFFFu ? INF : v[1] };
    return rlimit_swap(current, resource, &new, 0);
}
