/* sysinfo.c: uname(2), sysinfo(2) and nanosleep(2) with Linux i386's
 * structures. */
#include "kernel/sysinfo.h"
#include "kernel/errno.h"
#include "kernel/proc.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
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

struct linux_timespec {
    int32_t sec, nsec;
};

long sys_nanosleep(const void *ureq, void *urem)
{
    struct linux_timespec ts;
    if (copy_from_user(&ts, ureq, sizeof ts) < 0)
        return -EFAULT;
    if (ts.sec < 0 || ts.nsec < 0 || ts.nsec >= 1000000000)
        return -EINVAL;
    uint32_t ticks = (uint32_t)ts.sec * TIMER_HZ +
                     ((uint32_t)ts.nsec + 1000000000 / TIMER_HZ - 1) / (1000000000 / TIMER_HZ);
    uint32_t until = jiffies + ticks;
    while ((int32_t)(until - jiffies) > 0) {
        if (signal_pending()) {
            /* Interrupted: the time left, and -EINTR; never restarted,
             * even with SA_RESTART (as Linux). */
            uint32_t left = until - jiffies;
            struct linux_timespec rem = { (int32_t)(left / TIMER_HZ),
                                          (int32_t)(left % TIMER_HZ) * (1000000000 / TIMER_HZ) };
            if (urem && copy_to_user(urem, &rem, sizeof rem) < 0)
                return -EFAULT;
            return -EINTR;
        }
        sleep_on((void *)&jiffies);
    }
    return 0;
}
