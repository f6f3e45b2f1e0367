/* elf.c: elf_check and elf_place, the gate in front of exec. They read an
 * executable's file header and program headers and say yes, or which
 * error, before exec destroys the old image, so that every later step of
 * exec can only fail for want of memory. They map nothing themselves: exec
 * and the fault path do that from the struct elf_image they fill. Pure
 * logic: also a host unit test.
 *
 * Every rule, in the order it is checked, and the error for breaking it:
 * the one Linux's binfmt_elf (i386, mmap_min_addr 65536 as on Debian)
 * gives. Linux finds the header errors before it lets go of the old image,
 * and the segment errors (EINVAL, ENOMEM, EPERM) only while mapping, after
 * that: then the process is killed. Here every error comes back to the
 * caller of execve, whose image is intact. Where Linux runs a malformed
 * program, it runs here too.
 *
 * | what                  | rule                                            | else    | why                                        |
 * | --------------------- | ----------------------------------------------- | ------- | ------------------------------------------ |
 * | file size             | size >= sizeof(Elf32_Ehdr) (52)                 | ENOEXEC | the header must be there to read           |
 * | e_ident[0..3]         | 0x7f 'E' 'L' 'F'                                | ENOEXEC | not an ELF file at all                     |
 * | e_type                | ET_EXEC, or ET_DYN (placed by elf_place)        | ENOEXEC | a fixed-address program, or a PIE or       |
 * |                       |                                                 |         | shared object such as ld.so                |
 * | e_machine             | EM_386 or EM_486 (6)                            | ENOEXEC | our CPU (Linux takes both)                 |
 * | e_ident's class, data | not checked, as Linux: a 64-bit program has     |         | the header is read as ELF32 little-endian  |
 * |  and version bytes,   |   e_machine 62 and 56-byte program headers      |         | whatever they say                          |
 * |  e_version            |                                                 |         |                                            |
 * | e_phentsize           | 32 (sizeof(Elf32_Phdr))                         | ENOEXEC | we read them as Elf32_Phdr                 |
 * | e_phnum               | 1 .. ELF_MAX_PHNUM (128: a 4 KiB table, as      | ENOEXEC | bounded work                               |
 * |                       |   Linux reads at most one page of them)         |         |                                            |
 * | program header table  | [e_phoff, e_phoff + 32*e_phnum) inside the      | ENOEXEC | we read it from the file                   |
 * |                       |   file, no overflow                             |         |                                            |
 * | PT_INTERP (the first) | 2 <= p_filesz <= 256                            | ENOEXEC | exec opens the path it names (Linux's      |
 * |                       | [p_offset, p_offset + p_filesz) inside the file | EIO     | rules: its read of the path comes up       |
 * |                       | its last byte NUL                               | ENOEXEC | short)                                     |
 * | each PT_LOAD          | p_vaddr % 4096 == p_offset % 4096, when the     | EINVAL  | each page is filled from one file page     |
 * |                       |   segment has a file part (the bytes from its   |         | (Linux: mmap of an unaligned offset); a    |
 * |                       |   page's start to p_vaddr + p_filesz)           |         | page of bss alone reads nothing            |
 * |                       | p_filesz <= p_memsz                             | EINVAL  | the file part is a prefix of memory        |
 * |                       | p_vaddr + p_memsz, page-rounded up, does not    | EINVAL  | Linux's "set_brk can never work" check     |
 * |                       |   wrap past 4 GiB                               |         |                                            |
 * |                       | p_offset + p_filesz <= size, no overflow        | ENOEXEC | Linux maps it, and a touch of a page past  |
 * |                       |                                                 |         | the file's end is SIGBUS; here refused     |
 * |                       | p_memsz == 0: skipped (nothing to map)          |         | after the checks above                     |
 * | PT_LOAD count         | any (up to e_phnum), as Linux                   |         | stock binaries have 2 to 4                 |
 * | no PT_LOAD at all     | allowed, as Linux: nothing is mapped at the     |         | the program is killed by SIGSEGV on its    |
 * |                       |   entry; the heap starts at USER_BASE           |         | first instruction                          |
 * | overlapping PT_LOADs  | allowed, as Linux: a later segment replaces an  |         | Linux maps each one MAP_FIXED, in order    |
 * |                       |   earlier one on the pages they share (exec.c)  |         |                                            |
 * | an ET_DYN image as a  | its span, [lo, hi) + bias, does not wrap and    | ENOMEM  | Linux maps the whole span first: no room   |
 * |  whole, placed        |   ends at or below STACK_RESERVED               |         |                                            |
 * | each PT_LOAD, placed  | the file part below USER_TOP (0xC0000000)       | ENOMEM  | Linux's mmap of it finds no room there     |
 * |  (p_vaddr + bias;     | its first page at or above ELF_MIN_ADDR         | EPERM   | mmap_min_addr: the pages around a null     |
 * |  bias 0 for ET_EXEC)  |   (0x10000)                                     |         | pointer stay unmapped                      |
 * |                       | p_vaddr + p_memsz <= USER_TOP                   | EINVAL  | Linux's "set_brk can never work" check     |
 * |                       | p_vaddr + p_memsz <= USER_STACK_LIMIT           | ENOMEM  | the stack's 8 MiB and a 1 MiB guard stay   |
 * |                       |   (0xBF700000), for ET_DYN <= STACK_RESERVED    |         | clear (mmap's top for ET_DYN)              |
 * | e_entry, placed       | below USER_TOP, unless the program has a        | EINVAL  | Linux's BAD_ADDR check of where the        |
 * |                       |   PT_INTERP (it starts in its interpreter,      |         | process starts                             |
 * |                       |   whose entry is checked instead)               |         |                                            |
 * |                       | anywhere else, as Linux: outside every segment, |         | without NX (two-level paging) a readable   |
 * |                       |   the first instruction fetch faults (SIGSEGV)  |         | page is also executable                    |
 * | anything else         | PT_DYNAMIC, PT_NOTE, PT_TLS, PT_GNU_STACK,      |         | ld.so and the C library read PT_DYNAMIC    |
 * |                       |   PT_GNU_RELRO, PT_GNU_PROPERTY, PT_PHDR,       |         | and PT_TLS themselves through AT_PHDR;     |
 * |                       |   section headers: not checked, ignored         |         | the rest are hints                         |
 *
 * Exec applies the same rules to a dynamic program's interpreter; there
 * any error becomes ELIBBAD, and so does an interpreter without PT_LOAD.
 *
 * What real binaries look like (checked against gcc 12 / binutils 2.40,
 * `gcc -m32 -static`): four PT_LOADs, R (headers, notes) at 0x08048000,
 * R+X (text) at 0x08049000, R (rodata) and RW (data, bss) with a page-offset
 * like 0x080e9bec from file offset 0xa0bec. ld starts each segment on a new
 * virtual page (-z separate-code, and the data segment one page past rodata
 * even when they share a file page), so their segments never share a page;
 * nor do those of the older two-segment layout (-z noseparate-code).
 * PT_GNU_RELRO covers the start of the RW segment: we ignore it, so that
 * part simply stays writable.
 *
 * Position-independent images (ET_DYN): a PIE program (`gcc -m32`'s default
 * on Debian) is placed at ELF_ET_DYN_BASE, its dynamic linker wherever the
 * mmap area has room; the bias is page-aligned, so the page rules above
 * hold after placing exactly when they hold before.
 *
 * AT_PHDR: the program headers' user address is where the PT_LOAD that holds
 * the whole table in its file part maps it: p_vaddr + (e_phoff - p_offset).
 * With stock ld that is the first PT_LOAD (offset 0), giving 0x08048034.
 */
#include "kernel/elf.h"
#include "kernel/errno.h"
#include "kernel/string.h"

/* Is the header one Linux would read (the header rows of the table)? */
static int header_ok(const Elf32_Ehdr *eh, uint32_t size)
{
    const unsigned char *id = eh->e_ident;

    if (id[EI_MAG0] != ELFMAG0 || id[EI_MAG0 + 1] != ELFMAG1 ||
        id[EI_MAG0 + 2] != ELFMAG2 || id[EI_MAG0 + 3] != ELFMAG3)
        return 0;
    if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
        return 0;
    if (eh->e_machine != EM_386 && eh->e_machine != EM_486)
        return 0;
    if (eh->e_phentsize != sizeof(Elf32_Phdr) || eh->e_phnum == 0 ||
        eh->e_phnum > ELF_MAX_PHNUM)
        return 0;
    /* the table must lie in the file: phnum*32 <= 4096 cannot overflow */
    uint32_t table = (uint32_t)eh->e_phnum * sizeof(Elf32_Phdr);
    return eh->e_phoff <= size && table <= size - eh->e_phoff;
}

/* Program header i of the file (whose table header_ok has seen). */
static Elf32_Phdr phdr_read(const uint8_t *file, const Elf32_Ehdr *eh, uint32_t i)
{
    Elf32_Phdr ph;
    memcpy(&ph, file + eh->e_phoff + i * sizeof ph, sizeof ph);   /* maybe unaligned */
    return ph;
}

/* The PT_INTERP rows: finds the first PT_INTERP and checks that it names a
 * NUL-terminated path of sane length in the file. Returns 0 or the error. */
static int interp_find(const uint8_t *file, uint32_t size, const Elf32_Ehdr *eh,
                       struct elf_image *out)
{
    for (uint32_t i = 0; i < eh->e_phnum; i++) {
        Elf32_Phdr ph = phdr_read(file, eh, i);
        if (ph.p_type != PT_INTERP)
            continue;
        if (ph.p_filesz < 2 || ph.p_filesz > ELF_INTERP_MAX)
            return -ENOEXEC;
        if (ph.p_offset > size || ph.p_filesz > size - ph.p_offset)
            return -EIO;
        if (file[ph.p_offset + ph.p_filesz - 1] != 0)
            return -ENOEXEC;
        out->interp_off = ph.p_offset;
        out->interp_len = ph.p_filesz;
        return 0;
    }
    return 0;
}

/* Checks one PT_LOAD against the file and itself (the "each PT_LOAD" rows
 * of the table; where it lands is elf_place's). Returns 0 or the error. */
static int load_check(const Elf32_Phdr *ph, uint32_t size)
{
    uint32_t lead = ph->p_vaddr & ~PAGE_MASK;   /* bytes before it on its page */

    if ((lead || ph->p_filesz) && (ph->p_vaddr - ph->p_offset) % PAGE_SIZE != 0)
        return -EINVAL;
    if (ph->p_filesz > ph->p_memsz)
        return -EINVAL;
    if (ph->p_vaddr > PAGE_MASK || ph->p_memsz > PAGE_MASK - ph->p_vaddr)
        return -EINVAL;                 /* its end, rounded up, passes 4 GiB */
    if (ph->p_offset > size || ph->p_filesz > size - ph->p_offset)
        return -ENOEXEC;
    return 0;
}

/* The "each PT_LOAD" rows for every segment, in program-header order;
 * keeps the non-empty ones in out->segs (room for e_phnum of them).
 * Returns 0 or the error. */
static int loads_collect(const uint8_t *file, uint32_t size, const Elf32_Ehdr *eh,
                         struct elf_image *out)
{
    for (uint32_t i = 0; i < eh->e_phnum; i++) {
        Elf32_Phdr ph = phdr_read(file, eh, i);
        if (ph.p_type != PT_LOAD)
            continue;
        int err = load_check(&ph, size);
        if (err)
            return err;
        if (ph.p_memsz == 0)
            continue;
        struct elf_segment *s = &out->segs[out->nsegs++];
        s->vaddr = ph.p_vaddr;
        s->memsz = ph.p_memsz;
        s->offset = ph.p_offset;
        s->filesz = ph.p_filesz;
        s->flags = ph.p_flags & (PF_R | PF_W | PF_X);
    }
    return 0;
}

/* The segments' span out->lo .. out->hi, page-rounded out (0 .. 0 when
 * there is none). load_check keeps the rounded ends from wrapping. */
static void span_find(struct elf_image *out)
{
    out->lo = out->nsegs ? PAGE_MASK : 0;
    out->hi = 0;
    for (int i = 0; i < out->nsegs; i++) {
        const struct elf_segment *s = &out->segs[i];
        if (PAGE_ROUND_DOWN(s->vaddr) < out->lo)
            out->lo = PAGE_ROUND_DOWN(s->vaddr);
        if (PAGE_ROUND_UP(s->vaddr + s->memsz) > out->hi)
            out->hi = PAGE_ROUND_UP(s->vaddr + s->memsz);
    }
}

/* The "each PT_LOAD, placed" rows for one segment of an image of type:
 * returns 0 or the error. */
static int placed_check(uint32_t type, const struct elf_segment *s)
{
    uint32_t start = PAGE_ROUND_DOWN(s->vaddr);
    uint32_t max = type == ET_EXEC ? USER_STACK_LIMIT : STACK_RESERVED;

    if ((start < s->vaddr || s->filesz) &&
        (s->vaddr >= USER_TOP || s->filesz > USER_TOP - s->vaddr))
        return -ENOMEM;                 /* the file part reaches the kernel half */
    if (start < ELF_MIN_ADDR)
        return -EPERM;
    if (s->vaddr >= USER_TOP || s->memsz > USER_TOP - s->vaddr)
        return -EINVAL;                 /* the bss reaches the kernel half */
    if (s->vaddr + s->memsz > max)
        return -ENOMEM;                 /* into the stack's reserve */
    return 0;
}

/* The user address of the program-header table: where the PT_LOAD whose
 * file part holds all of [phoff, phoff + table) maps it; 0 if none does. */
static uint32_t phdr_address(const struct elf_image *img, uint32_t phoff, uint32_t table)
{
    for (int i = 0; i < img->nsegs; i++) {
        const struct elf_segment *s = &img->segs[i];
        if (phoff >= s->offset && phoff - s->offset <= s->filesz &&
            table <= s->filesz - (phoff - s->offset))
            return s->vaddr + (phoff - s->offset);
    }
    return 0;
}

int elf_check(const uint8_t *file, uint32_t size, struct elf_image *out)
{
    Elf32_Ehdr eh;

    memset(out, 0, sizeof *out);
    if (size < sizeof eh)
        return -ENOEXEC;
    memcpy(&eh, file, sizeof eh);   /* the file buffer need not be aligned */
    if (!header_ok(&eh, size))
        return -ENOEXEC;
    /* PT_INTERP first, whatever its place, as Linux reads it before any
     * segment: a caller that finds interp_len set after an error may
     * still look for the interpreter. */
    int err = interp_find(file, size, &eh, out);
    if (!err)
        err = loads_collect(file, size, &eh, out);
    if (err)
        return err;
    span_find(out);
    out->type = eh.e_type;
    out->entry = eh.e_entry;
    out->phoff = eh.e_phoff;
    out->phent = sizeof(Elf32_Phdr);
    out->phnum = eh.e_phnum;
    return out->type == ET_EXEC ? elf_place(out, 0) : 0;
}

int elf_place(struct elf_image *img, uint32_t bias)
{
    if ((img->type == ET_EXEC && bias) || (bias & ~PAGE_MASK))
        return -EINVAL;                 /* the caller's mistake */
    if (img->type == ET_DYN && img->nsegs &&
        (img->hi + bias < img->hi || img->hi + bias > STACK_RESERVED))
        return -ENOMEM;                 /* no room for the whole image */
    for (int i = 0; i < img->nsegs; i++) {
        img->segs[i].vaddr += bias;
        int err = placed_check(img->type, &img->segs[i]);
        if (err)
            return err;
    }
    img->lo += bias;
    img->hi += bias;
    img->entry += bias;
    if (!img->interp_len && img->entry >= USER_TOP)
        return -EINVAL;
    img->end = img->nsegs ? img->hi : USER_BASE;
    img->phdr = phdr_address(img, img->phoff, img->phnum * sizeof(Elf32_Phdr));
    return 0;
}
