/* elf.c: elf_check, the gate in front of exec. It reads an executable's
 * file header and program headers and says yes or no before exec destroys
 * the old image, so that every later step of exec can only fail for want
 * of memory. It maps nothing itself: exec and the fault path do that from
 * the struct elf_image it fills. Pure logic: also a host unit test.
 *
 * Every rule, in the order they are checked; breaking any gives -ENOEXEC.
 *
 * | what                     | rule                                             | why                                     |
 * | ------------------------ | ------------------------------------------------ | --------------------------------------- |
 * | file size                | size >= sizeof(Elf32_Ehdr) (52)                  | the header must be there to read        |
 * | e_ident[0..3]            | 0x7f 'E' 'L' 'F'                                 | not an ELF file at all                  |
 * | e_ident[EI_CLASS]        | ELFCLASS32                                       | 64-bit programs can't run here          |
 * | e_ident[EI_DATA]         | ELFDATA2LSB                                      | i386 is little-endian                   |
 * | e_ident[EI_VERSION]      | EV_CURRENT (1)                                   | the only version there is               |
 * | e_type                   | ET_EXEC, or ET_DYN (placed by elf_place)         | a fixed-address program, or a PIE or    |
 * |                          |                                                  | shared object such as ld.so             |
 * | e_machine                | EM_386                                           | our CPU                                 |
 * | e_version                | EV_CURRENT (1)                                   |                                         |
 * | e_phentsize              | 32 (sizeof(Elf32_Phdr))                          | we read them as Elf32_Phdr              |
 * | e_phnum                  | 1 .. ELF_MAX_PHNUM (16)                          | bounded work; stock binaries have <= 10 |
 * | program header table     | [e_phoff, e_phoff + 32*e_phnum) inside the file, | we read it from the file                |
 * |                          | no overflow                                      |                                         |
 * | PT_INTERP (the first)    | 2 <= p_filesz <= 256, inside the file, its last  | exec opens the path it names (Linux's   |
 * |                          | byte NUL                                         | rules and limits)                       |
 * | each PT_LOAD             | p_filesz <= p_memsz                              | the file part is a prefix of memory     |
 * |                          | p_offset + p_filesz <= size, no overflow         | the file part is in the file            |
 * |                          | p_vaddr + p_memsz does not wrap                  |                                         |
 * |                          | p_vaddr % 4096 == p_offset % 4096                | each page is filled from one file page  |
 * |                          | p_memsz == 0: skipped (nothing to map)           | after the checks above                  |
 * | each PT_LOAD, placed     | p_vaddr >= USER_BASE (0x08048000) for ET_EXEC,   | the null-pointer zone stays unmapped    |
 * |  (elf_place: p_vaddr +   |   >= ELF_DYN_MIN_ADDR (0x10000) for ET_DYN       |                                         |
 * |  bias; bias 0 for        | p_vaddr + p_memsz <= USER_STACK_LIMIT            | clear of the stack's 8 MiB, its 1 MiB   |
 * |  ET_EXEC)                |   (0xBF700000), no wrap; for ET_DYN, which goes  | guard, and the kernel half above        |
 * |                          |   where mmap would, <= STACK_RESERVED            |                                         |
 * | PT_LOAD count            | 1 .. ELF_MAX_SEGMENTS (8) non-empty ones         | stock binaries have 2 to 4              |
 * | PT_LOAD page ranges      | no two share a page (after rounding out to       | a page has one protection and one       |
 * |                          | page boundaries)                                 | source                                  |
 * | e_entry                  | inside [p_vaddr, p_vaddr + p_memsz) of a PT_LOAD | else the first instruction fetch faults |
 * |                          | with PF_X                                        |                                         |
 * | anything else            | PT_DYNAMIC, PT_NOTE, PT_TLS, PT_GNU_STACK,       | ld.so and the C library read PT_DYNAMIC |
 * |                          | PT_GNU_RELRO, PT_GNU_PROPERTY, PT_PHDR, section  | and PT_TLS themselves through AT_PHDR;  |
 * |                          | headers: not checked, ignored                    | the rest are hints                      |
 *
 * What real binaries look like (checked against gcc 12 / binutils 2.40,
 * `gcc -m32 -static`): four PT_LOADs, R (headers, notes) at 0x08048000,
 * R+X (text) at 0x08049000, R (rodata) and RW (data, bss) with a page-offset
 * like 0x080e9bec from file offset 0xa0bec. ld starts each segment on a new
 * virtual page (-z separate-code, and the data segment one page past rodata
 * even when they share a file page), so the one-page-one-segment rule holds
 * for them; so does it for the older two-segment layout (-z noseparate-code).
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

/* Is the header's identification, type and shape ours? */
static int header_ok(const Elf32_Ehdr *eh, uint32_t size)
{
    const unsigned char *id = eh->e_ident;

    if (id[EI_MAG0] != ELFMAG0 || id[EI_MAG0 + 1] != ELFMAG1 ||
        id[EI_MAG0 + 2] != ELFMAG2 || id[EI_MAG0 + 3] != ELFMAG3)
        return 0;
    if (id[EI_CLASS] != ELFCLASS32 || id[EI_DATA] != ELFDATA2LSB ||
        id[EI_VERSION] != EV_CURRENT)
        return 0;
    if ((eh->e_type != ET_EXEC && eh->e_type != ET_DYN) || eh->e_machine != EM_386 ||
        eh->e_version != EV_CURRENT)
        return 0;
    if (eh->e_phentsize != sizeof(Elf32_Phdr) || eh->e_phnum == 0 ||
        eh->e_phnum > ELF_MAX_PHNUM)
        return 0;
    /* the table must lie in the file: phnum*32 <= 512 cannot overflow */
    uint32_t table = (uint32_t)eh->e_phnum * sizeof(Elf32_Phdr);
    return eh->e_phoff <= size && table <= size - eh->e_phoff;
}

/* Checks one PT_LOAD against the file (the "each PT_LOAD" rows of the
 * table; where it lands is elf_place's). Returns 1 if it is fine. */
static int load_ok(const Elf32_Phdr *ph, uint32_t size)
{
    if (ph->p_filesz > ph->p_memsz)
        return 0;
    if (ph->p_offset > size || ph->p_filesz > size - ph->p_offset)
        return 0;
    if (ph->p_vaddr + ph->p_memsz < ph->p_vaddr || ph->p_vaddr + ph->p_memsz > PAGE_MASK)
        return 0;
    return (ph->p_vaddr - ph->p_offset) % PAGE_SIZE == 0;
}

/* The PT_INTERP rows: a NUL-terminated path of sane length in the file. */
static int interp_ok(const uint8_t *file, uint32_t size, const Elf32_Phdr *ph)
{
    if (ph->p_filesz < 2 || ph->p_filesz > ELF_INTERP_MAX)
        return 0;
    if (ph->p_offset > size || ph->p_filesz > size - ph->p_offset)
        return 0;
    return file[ph->p_offset + ph->p_filesz - 1] == 0;
}

/* Do two segments touch a common page? Both end at or below PAGE_MASK, so
 * rounding their ends up cannot wrap. */
static int pages_overlap(const struct elf_segment *a, const struct elf_segment *b)
{
    uint32_t a_lo = PAGE_ROUND_DOWN(a->vaddr);
    uint32_t a_hi = PAGE_ROUND_UP(a->vaddr + a->memsz);
    uint32_t b_lo = PAGE_ROUND_DOWN(b->vaddr);
    uint32_t b_hi = PAGE_ROUND_UP(b->vaddr + b->memsz);
    return a_lo < b_hi && b_lo < a_hi;
}

/* The rules on the segments as a set, before placing: no shared pages.
 * Also computes the span out->lo .. out->hi. Returns 1 if they hold. */
static int segments_ok(struct elf_image *out)
{
    out->lo = PAGE_MASK;
    out->hi = 0;
    for (int i = 0; i < out->nsegs; i++) {
        const struct elf_segment *s = &out->segs[i];
        for (int j = i + 1; j < out->nsegs; j++)
            if (pages_overlap(s, &out->segs[j]))
                return 0;
        if (PAGE_ROUND_DOWN(s->vaddr) < out->lo)
            out->lo = PAGE_ROUND_DOWN(s->vaddr);
        if (PAGE_ROUND_UP(s->vaddr + s->memsz) > out->hi)
            out->hi = PAGE_ROUND_UP(s->vaddr + s->memsz);
    }
    return 1;
}

/* Is the (placed) entry point inside an executable segment? */
static int entry_ok(const struct elf_image *img)
{
    for (int i = 0; i < img->nsegs; i++) {
        const struct elf_segment *s = &img->segs[i];
        if ((s->flags & PF_X) && img->entry >= s->vaddr && img->entry - s->vaddr < s->memsz)
            return 1;
    }
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

    for (uint32_t i = 0; i < eh.e_phnum; i++) {
        Elf32_Phdr ph;
        memcpy(&ph, file + eh.e_phoff + i * sizeof ph, sizeof ph);
        if (ph.p_type == PT_INTERP && !out->interp_len) {
            if (!interp_ok(file, size, &ph))
                return -ENOEXEC;
            out->interp_off = ph.p_offset;
            out->interp_len = ph.p_filesz;
        }
        if (ph.p_type != PT_LOAD)
            continue;
        if (!load_ok(&ph, size))
            return -ENOEXEC;
        if (ph.p_memsz == 0)
            continue;
        if (out->nsegs == ELF_MAX_SEGMENTS)
            return -ENOEXEC;
        struct elf_segment *s = &out->segs[out->nsegs++];
        s->vaddr = ph.p_vaddr;
        s->memsz = ph.p_memsz;
        s->offset = ph.p_offset;
        s->filesz = ph.p_filesz;
        s->flags = ph.p_flags & (PF_R | PF_W | PF_X);
    }
    if (out->nsegs == 0 || !segments_ok(out))
        return -ENOEXEC;

    out->type = eh.e_type;
    out->entry = eh.e_entry;
    out->phoff = eh.e_phoff;
    out->phent = sizeof(Elf32_Phdr);
    out->phnum = eh.e_phnum;
    return out->type == ET_EXEC ? elf_place(out, 0) : 0;
}

int elf_place(struct elf_image *img, uint32_t bias)
{
    uint32_t min = img->type == ET_EXEC ? USER_BASE : ELF_DYN_MIN_ADDR;
    uint32_t max = img->type == ET_EXEC ? USER_STACK_LIMIT : STACK_RESERVED;

    if ((img->type == ET_EXEC && bias) || (bias & ~PAGE_MASK))
        return -ENOEXEC;
    if (img->lo + bias < img->lo || img->lo + bias < min ||
        img->hi + bias < img->hi || img->hi + bias > max)
        return -ENOEXEC;
    for (int i = 0; i < img->nsegs; i++)
        img->segs[i].vaddr += bias;
    img->lo += bias;
    img->hi += bias;
    img->entry += bias;
    img->end = img->hi;
    if (!entry_ok(img))
        return -ENOEXEC;
    img->phdr = phdr_address(img, img->phoff, img->phnum * sizeof(Elf32_Phdr));
    return 0;
}
