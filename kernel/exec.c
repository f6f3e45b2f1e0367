/* exec.c: execve. The program is checked (kernel/elf.c), a new address
 * space is built with one region per PT_LOAD segment, an empty heap after
 * the last one and a stack holding argc, argv, envp and the auxiliary
 * vector (kernel/exec_stack.c); only then does the process switch to it
 * and drop its old image. No page of the program is loaded here: the
 * fault handler reads each from the file on first touch.
 *
 * A dynamically linked program names its dynamic linker in PT_INTERP
 * (/lib/ld-linux.so.2). Then exec maps that too, as Linux does: the
 * program at its own addresses (a PIE at ELF_ET_DYN_BASE), ld.so wherever
 * the mmap area has room, and starts the process at ld.so's entry point
 * with AT_BASE saying where ld.so is and AT_ENTRY/AT_PHDR where the
 * program is. Loading the libraries is ld.so's work, through mmap. */
#include "kernel/exec.h"
#include "kernel/elf.h"
#include "kernel/errno.h"
#include "kernel/exec_stack.h"
#include "kernel/fork.h"
#include "kernel/fs/fs.h"
#include "kernel/x86/fpu.h"
#include "kernel/fs/path.h"
#include "kernel/x86/gdt.h"
#include "kernel/printk.h"
#include "kernel/proc.h"
#include "kernel/signal.h"
#include "kernel/string.h"
#include "kernel/x86/trap.h"
#include "kernel/x86/x86.h"
#include "mm/frame.h"
#include "mm/kmalloc.h"
#include "mm/mm.h"
#include "mm/mmap.h"
#include "mm/page_data.h"
#include "mm/pgtable.h"
#include "mm/reclaim.h"
#include "mm/uaccess.h"
#include "mm/vma.h"

#define STACK_BUILD_SIZE (EXEC_ARG_MAX + 2 * PAGE_SIZE)     /* strings, pointers, auxv */
#define MODE_TYPE 0170000
#define MODE_REG  0100000
#define MODE_DIR  0040000

/* One region per segment, protections from its flags, backed by the file.
 * Segments are mapped in order, and a later one replaces an earlier one on
 * the pages they share, as Linux's MAP_FIXED mappings of them do. Returns
 * 0 or -ENOMEM (mm is then destroyed by the caller). */
static int map_segments(struct mm *mm, struct inode *ip, const struct elf_image *img)
{
    for (int i = 0; i < img->nsegs; i++) {
        const struct elf_segment *s = &img->segs[i];
        uint32_t start = PAGE_ROUND_DOWN(s->vaddr);
        uint32_t end = PAGE_ROUND_UP(s->vaddr + s->memsz);
        uint32_t lead = s->vaddr - start;
        uint32_t flags = ((s->flags & PF_R) ? VM_READ : 0) |
                         ((s->flags & PF_W) ? VM_WRITE : 0) |
                         ((s->flags & PF_X) ? VM_EXEC : 0);
        if (vma_unmap(mm, start, end) < 0 ||
            !vma_add(mm, start, end, flags, ip, s->offset - lead, s->filesz + lead))
            return -ENOMEM;
    }
    return 0;
}

/* Builds the initial stack in kernel memory and maps its pages (the only
 * pages exec fills in itself) at the top of mm. Stores the user esp. */
static int map_stack(struct mm *mm, const struct elf_image *img, uint32_t interp_base,
                     const char *path, const char *const *argv, int argc,
                     const char *const *envp, int envc, uint32_t *sp)
{
    uint32_t eax, ebx, ecx, hwcap;
    cpuid(1, &eax, &ebx, &ecx, &hwcap);
    struct exec_auxv aux = { img->phdr, img->phent, img->phnum, img->entry, interp_base,
                             hwcap, { 0 }, path };
    uint64_t t = rdtsc();
    for (int i = 0; i < 16; i++) {
        t = t * 6364136223846793005ull + 1442695040888963407ull;
        aux.random[i] = (uint8_t)(t >> 56);
    }
    uint8_t *buf = kmalloc_wait(STACK_BUILD_SIZE);
    if (!buf)
        return -ENOMEM;
    int err = exec_stack_build(buf, STACK_BUILD_SIZE, USER_TOP, argv, argc, envp, envc,
                               &aux, sp);
    uint32_t base = USER_TOP - STACK_BUILD_SIZE;
    if (!err)       /* the first page's bytes below sp must not leak kernel data */
        memset(buf + (PAGE_ROUND_DOWN(*sp) - base), 0, *sp - PAGE_ROUND_DOWN(*sp));
    for (uint32_t va = PAGE_ROUND_DOWN(*sp); !err && va < USER_TOP; va += PAGE_SIZE) {
        struct page *pg = page_alloc_user();
        if (!pg) {
            err = -ENOMEM;
            break;
        }
        page_copy(page_to_virt(pg), buf + (va - base));
        err = pgtable_map(mm->pgdir, va, page_to_phys(pg), PTE_USER | PTE_WRITE);
        if (err)
            frame_free(pg);
    }
    kfree(buf);
    if (!err && !vma_add(mm, PAGE_ROUND_DOWN(*sp), USER_TOP,
                         VM_READ | VM_WRITE | VM_GROWSDOWN, 0, 0, 0))
        err = -ENOMEM;
    return err;
}

static void set_name(struct proc *p, const char *path)
{
    const char *base = path;
    for (const char *c = path; *c; c++)
        if (*c == '/' && c[1])
            base = c + 1;
    strlcpy(p->name, base, PROC_NAME_LEN);
}

/* The program and its dynamic linker, checked but not yet mapped. */
struct exec_files {
    struct inode *prog, *interp;        /* interp NULL: a static program */
    struct elf_image img, interp_img;
};

/* Looks up and checks the dynamic linker named by f->img's PT_INTERP (its
 * path checked by elf_check). Returns 0, ENOENT, EACCES, or ELIBBAD for any
 * rule of elf.c it breaks, and for one without PT_LOAD (Linux will not
 * map an interpreter of size 0). */
static int interp_open(struct exec_files *f)
{
    char interp[ELF_INTERP_MAX];        /* elf_check saw its NUL */
    memcpy(interp, f->prog->data + f->img.interp_off, f->img.interp_len);
    int err = fs_lookup_err(interp, &f->interp);
    if (err < 0) {
        f->interp = 0;
        return err;
    }
    if ((f->interp->mode & MODE_TYPE) != MODE_REG || !f->interp->data)
        return -EACCES;
    if (elf_check(f->interp->data, f->interp->size, &f->interp_img) < 0 ||
        f->interp_img.nsegs == 0)
        return -ELIBBAD;
    return 0;
}

/* Looks up and checks the program at path, and the dynamic linker it
 * names, before anything is built. Errors as Linux's: ENOENT (either file
 * missing), EACCES (not a regular file), the program's own error from
 * elf_check (ENOEXEC for a header; EINVAL, ENOMEM, EPERM for a segment),
 * ELIBBAD (the dynamic linker is not a usable i386 ELF). In Linux's order:
 * the interpreter is looked for before the program's segments count. */
static int exec_open(const char *path, struct exec_files *f)
{
    int err = fs_lookup_err(path, &f->prog);
    if (err < 0)
        return err;
    if ((f->prog->mode & MODE_TYPE) != MODE_REG)
        return -EACCES;
    /* Exec reads programs from the initrd's image in memory. A tmpfs file
     * has none: tmpfs is mounted noexec, and Linux gives EACCES there. */
    if (!f->prog->data)
        return -EACCES;
    f->interp = 0;
    int bad = elf_check(f->prog->data, f->prog->size, &f->img);
    if (bad < 0 && !f->img.interp_len)
        return bad;
    if (f->img.interp_len) {
        err = interp_open(f);
        if (err < 0)
            return err;
    }
    if (bad < 0)
        return bad;
    /* A PIE goes with its lowest page at ELF_ET_DYN_BASE; one without a
     * PT_LOAD stays where it is, as Linux leaves it. */
    if (f->img.type == ET_DYN)
        return elf_place(&f->img, f->img.nsegs ? ELF_ET_DYN_BASE - f->img.lo : 0);
    return 0;
}

/* Maps the dynamic linker into the mmap area of mm (an ET_EXEC one at its
 * own addresses) and stores its base (AT_BASE) in *base. Returns 0,
 * -ENOMEM when out of room, or -ELIBBAD if it cannot go where the room is
 * (its entry point then lands in the kernel half). */
static int map_interp(struct mm *mm, struct exec_files *f, uint32_t *base)
{
    struct elf_image *ii = &f->interp_img;
    if (ii->type == ET_DYN) {
        uint32_t at = mmap_find_room(mm, 0, ii->hi - ii->lo);
        if (!at)
            return -ENOMEM;
        if (elf_place(ii, at - ii->lo) < 0)
            return -ELIBBAD;
    }
    *base = ii->lo;
    return map_segments(mm, f->interp, ii);
}

/* Kept out of line: one place for `break exec_start` (docs/tour.md). */
__attribute__((noinline))
int exec_start(struct proc *p, const char *path, const char *const *argv, int argc,
               const char *const *envp, int envc)
{
    static struct exec_files files;     /* the kernel runs one exec at a time */
    struct exec_files *f = &files;
    int err = exec_open(path, f);
    if (err < 0)
        return err;

    struct mm *mm = mm_create();
    if (!mm)
        return -ENOMEM;
    uint32_t sp = 0, base = 0;
    err = map_segments(mm, f->prog, &f->img);
    if (!err && f->interp)
        err = map_interp(mm, f, &base);
    if (!err)
        err = map_stack(mm, &f->img, base, path, argv, argc, envp, envc, &sp);
    if (err) {
        mm_destroy(mm);
        return err;
    }
    mm->brk_start = mm->brk = f->img.end;

    /* The point of no return: drop the old image. */
    struct mm *old = p->mm;
    if (old && p == current)
        fork_clear_child_tid(p);
    p->mm = mm;
    if (p == current)
        mm_switch(mm);
    if (old)
        fork_mm_put(p, old);            /* a vfork child gives the mm back */
    set_name(p, path);
    path_set_exe(p, f->prog);           /* /proc/PID/exe */
    fdtable_close_on_exec(&p->files);   /* O_CLOEXEC, FD_CLOEXEC */
    struct trapframe *tf = p->tf;
    memset(tf, 0, sizeof *tf);
    tf->cs = SEG_UCODE;
    tf->ds = tf->es = tf->user_ss = SEG_UDATA;
    tf->fs = tf->gs = 0;                /* no TLS segment until the program asks */
    memset(&p->tls, 0, sizeof p->tls);
    fpu_state_init(&p->fpu);            /* fninit, MXCSR 0x1F80 */
    signal_exec(&p->sig);               /* handlers back to default; mask kept */
    if (p == current) {
        gdt_load_tls(&p->tls);
        fpu_restore(&p->fpu);
    }
    tf->eflags = EFLAGS_IF;
    tf->eip = f->interp ? f->interp_img.entry : f->img.entry;
    tf->user_esp = sp;
    trace(TRACE_EXEC, "pid %d exec %s: entry %p, brk %p, sp %p, %d args", p->pid, path,
          (void *)f->img.entry, (void *)f->img.end, (void *)sp, argc);
    if (f->interp)
        trace(TRACE_EXEC, "pid %d exec %s: interpreter at %p, entry %p", p->pid, path,
              (void *)base, (void *)f->interp_img.entry);
    return 0;
}

/* Copies a user NULL-terminated array of strings into strings (advancing
 * *used within EXEC_ARG_MAX, 4 bytes per pointer counted too) and ptrs
 * (at most max entries). Returns the count or -EFAULT / -E2BIG. */
static int copy_strings(const char *const *uarr, char *strings, uint32_t *used,
                        const char **ptrs, int max)
{
    int n = 0;
    if (!uarr)
        return 0;
    for (;; n++) {
        const char *ustr;
        if (copy_from_user(&ustr, &uarr[n], sizeof ustr) < 0)
            return -EFAULT;
        if (!ustr)
            return n;
        if (n == max || *used + 4 >= EXEC_ARG_MAX)
            return -E2BIG;
        *used += 4;
        long len = strncpy_from_user(strings + *used, ustr, EXEC_ARG_MAX - *used);
        if (len == -ENAMETOOLONG)
            return -E2BIG;
        if (len < 0)
            return (int)len;
        ptrs[n] = strings + *used;
        *used += (uint32_t)len + 1;
    }
}

#define EXEC_MAX_ARGS 4096

long sys_execve(const char *upath, const char *const *uargv, const char *const *uenvp)
{
    char path[FS_PATH_MAX];
    struct inode *ip;                   /* relative to the working directory, */
    long len = path_lookup_at(AT_FDCWD, upath, PATH_FOLLOW, &ip, 0);    /* links followed */
    if (len >= 0)
        len = path_of_inode(ip, path, sizeof path);
    if (len < 0)
        return len;
    char *strings = kmalloc_wait(EXEC_ARG_MAX);
    const char **argv = kmalloc(2 * EXEC_MAX_ARGS * sizeof(char *));
    int err = (!strings || !argv) ? -ENOMEM : 0;
    uint32_t used = 0;
    int argc = 0, envc = 0;
    if (!err)
        err = argc = copy_strings(uargv, strings, &used, argv, EXEC_MAX_ARGS);
    if (err >= 0)
        err = envc = copy_strings(uenvp, strings, &used, argv + EXEC_MAX_ARGS, EXEC_MAX_ARGS);
    if (err >= 0)
        err = exec_start(current, path, argv, argc, argv + EXEC_MAX_ARGS, envc);
    if (err < 0)
        trace(TRACE_EXEC, "pid %d exec %s: refused, error %d", current->pid, path, err);
    kfree(strings);
    kfree(argv);
    return err;
}
