/* sysinfo.c: the machine: uname(2), sysinfo(2) and the CPUs a process may
 * run on (sched_getaffinity, sched_setaffinity), with Linux i386's
 * structures. */
#include "kernel/sysinfo.h"
#include "kernel/errno.h"
#include "kernel/identity.h"
#include "kernel/proc.h"
#include "kernel/string.h"
#include "kernel/x86/timer.h"
#include "kernel/x86/x86.h"
#include "mm/frame.h"
#include "mm/swap.h"
#include "mm/uaccess.h"

struct new_utsname {
    char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
};

long sys_uname(void *ubuf)
{
    struct new_utsname u;
    memset(&u, 0, sizeof u);
    strlcpy(u.sysname, "vmos", sizeof u.sysname);
    strlcpy(u.nodename, "vmos", sizeof u.nodename);
    strlcpy(u.release, "0.1", sizeof u.release);
    strlcpy(u.version, "a teaching kernel for virtual memory", sizeof u.version);
    strlcpy(u.machine, "i686", sizeof u.machine);
    strlcpy(u.domainname, "(none)", sizeof u.domainname);
    return copy_to_user(ubuf, &u, sizeof u);
}

/* Linux i386 struct sysinfo: 64 bytes. */
struct linux_sysinfo {
    int32_t uptime;
    uint32_t loads[3];
    uint32_t totalram, freeram, sharedram, bufferram, totalswap, freeswap;
    uint16_t procs, pad;
    uint32_t totalhigh, freehigh;
    uint32_t mem_unit;
    char reserved[8];
};

long sys_sysinfo(void *ubuf)
{
    struct linux_sysinfo si;
    memset(&si, 0, sizeof si);
    si.uptime = (int32_t)(jiffies / TIMER_HZ);
    si.totalram = frame_total_count();
    si.freeram = frame_free_count();
    swap_get_stats(&si.totalswap, &si.freeswap);
    for (int i = 0; i < NPROC; i++)
        if (proc_table[i].state != PROC_UNUSED)
            si.procs++;
    si.mem_unit = PAGE_SIZE;
    return copy_to_user(ubuf, &si, sizeof si);
}

/* One CPU: CPU 0. The mask is one 32-bit word, as Linux's cpumask_size()
 * with at most 32 CPUs; the call returns the bytes it wrote. */
long sys_sched_getaffinity(int pid, uint32_t len, void *umask)
{
    uint32_t mask = 1;
    if (len < sizeof mask || (len & (sizeof mask - 1)))
        return -EINVAL;
    if (pid < 0 || (pid > 0 && !proc_find(pid)))
        return -ESRCH;
    return copy_to_user(umask, &mask, sizeof mask) < 0 ? -EFAULT : (long)sizeof mask;
}

/* Any mask that holds CPU 0 is accepted (and changes nothing). */
long sys_sched_setaffinity(int pid, uint32_t len, const void *umask)
{
    uint8_t first = 0;
    if (pid < 0 || (pid > 0 && !proc_find(pid)))
        return -ESRCH;
    if (len > 0 && copy_from_user(&first, umask, 1) < 0)
        return -EFAULT;
    return (first & 1) ? 0 : -EINVAL;
}
