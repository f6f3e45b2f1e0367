/* sys_tls.c: set_thread_area(2) and get_thread_area(2), Linux i386's calls
 * for a process's thread-local storage segments. The descriptors
 * themselves (checks, encoding) are in kernel/x86/tls.c; here they are
 * copied from and to user memory, kept in struct proc, and put in the GDT
 * (kernel/x86/gdt.c) for the running process. */
#include "kernel/x86/sys_tls.h"
#include "kernel/errno.h"
#include "kernel/printk.h"
#include "kernel/proc.h"
#include "kernel/x86/gdt.h"
#include "kernel/x86/tls.h"
#include "kernel/x86/trap.h"
#include "mm/uaccess.h"

/* Replaces, in the current process's saved user registers, a data segment
 * selector whose descriptor has gone (its TLS entry was just emptied) by
 * the null selector, as Linux does: otherwise trap_return's load of that
 * register would fault in the kernel. The process sees a null %gs, and its
 * next access through it is its own general-protection fault. */
static void fix_user_segments(struct trapframe *tf, const struct tls_state *t)
{
    uint32_t *regs[] = { &tf->ds, &tf->es, &tf->fs, &tf->gs };
    for (unsigned i = 0; i < sizeof regs / sizeof regs[0]; i++)
        if (!tls_selector_usable(t, *regs[i]))
            *regs[i] = 0;
}

/* The stack segment has no null to fall back on: a process whose %ss was
 * the entry it just emptied could not be returned to (iret would fault in
 * the kernel). Linux kills it with SIGILL ("iret exception"); so do we,
 * on its way out of this system call. */
static void check_user_stack_segment(struct trapframe *tf, const struct tls_state *t)
{
    if (tls_selector_usable(t, tf->user_ss))
        return;
    printk("set_thread_area: pid %d (%s) emptied the segment in %%ss: killed by signal %d\n",
           current->pid, current->name, SIGILL);
    signal_force(SIGILL, ILL_BADSTK, 0, 0, 0, 0);   /* even if blocked or ignored */
}

long sys_set_thread_area(struct user_desc *uinfo)
{
    struct user_desc info;
    if (copy_from_user(&info, uinfo, sizeof info) < 0)
        return -EFAULT;
    int entry = tls_choose_entry(&current->tls, &info);
    if (entry < 0)
        return entry;
    if (info.entry_number == (uint32_t)-1) {    /* tell the caller which one */
        uint32_t chosen = (uint32_t)entry;
        if (copy_to_user(&uinfo->entry_number, &chosen, sizeof chosen) < 0)
            return -EFAULT;
    }
    tls_install(&current->tls, entry, &info);
    gdt_load_tls(&current->tls);
    fix_user_segments(current->tf, &current->tls);
    check_user_stack_segment(current->tf, &current->tls);
    return 0;
}

long sys_get_thread_area(struct user_desc *uinfo)
{
    uint32_t entry;
    if (copy_from_user(&entry, &uinfo->entry_number, sizeof entry) < 0)
        return -EFAULT;
    if (entry < GDT_ENTRY_TLS_MIN || entry > GDT_ENTRY_TLS_MAX)
        return -EINVAL;
    struct user_desc info;
    tls_desc_decode(current->tls.desc[entry - GDT_ENTRY_TLS_MIN], entry, &info);
    if (copy_to_user(uinfo, &info, sizeof info) < 0)
        return -EFAULT;
    return 0;
}
