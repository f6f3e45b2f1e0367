/* test_elf.c: elf_check and elf_place, the gate in front of exec. A minimal
 * valid static executable built here in C is accepted with the right entry,
 * segments, AT_PHDR and heap start; the same image position-independent is
 * placed where exec puts a PIE; then each rule of elf.c's table has a case
 * that breaks exactly that rule in the valid image and expects Linux's
 * error for it, or, where Linux runs such a program, expects it accepted. */
#include "kernel/elf.h"
#include "kernel/errno.h"
#include "unit.h"

#define FILE_SIZE 0x3000u
#define PHNUM 6
#define PT_GNU_STACK 0x6474e551u

static uint8_t file[FILE_SIZE] __attribute__((aligned(4)));
static struct elf_image img;

static Elf32_Ehdr *eh(void) { return (Elf32_Ehdr *)file; }
static Elf32_Phdr *ph(int i) { return (Elf32_Phdr *)(file + eh()->e_phoff) + i; }

static void set_ph(int i, uint32_t type, uint32_t offset, uint32_t vaddr,
                   uint32_t filesz, uint32_t memsz, uint32_t flags)
{
    Elf32_Phdr p = { type, offset, vaddr, vaddr, filesz, memsz, flags, PAGE_SIZE };
    *ph(i) = p;
}

/* The shape of a stock `gcc -m32 -static` binary, small:
 *   0  PT_LOAD R   file 0x0000 -> 0x08048000, 0x100 bytes (headers)
 *   1  PT_LOAD R X file 0x1000 -> 0x08049000, 0x800 bytes (text)
 *   2  PT_LOAD RW  file 0x2010 -> 0x0804a010, 0x100 bytes + bss to 0x3000
 *   3  PT_NOTE, 4 PT_TLS, 5 PT_GNU_STACK: ignored */
static void make_valid(void)
{
    memset(file, 0, sizeof file);
    Elf32_Ehdr h = {
        .e_ident = { ELFMAG0, ELFMAG1, ELFMAG2, ELFMAG3, ELFCLASS32, ELFDATA2LSB,
                     EV_CURRENT },
        .e_type = ET_EXEC, .e_machine = EM_386, .e_version = EV_CURRENT,
        .e_entry = 0x08049010, .e_phoff = sizeof(Elf32_Ehdr),
        .e_ehsize = sizeof(Elf32_Ehdr), .e_phentsize = sizeof(Elf32_Phdr),
        .e_phnum = PHNUM,
    };
    *eh() = h;
    set_ph(0, PT_LOAD, 0, 0x08048000, 0x100, 0x100, PF_R);
    set_ph(1, PT_LOAD, 0x1000, 0x08049000, 0x800, 0x800, PF_R | PF_X);
    set_ph(2, PT_LOAD, 0x2010, 0x0804a010, 0x100, 0x3000, PF_R | PF_W);
    set_ph(3, PT_NOTE, 0xf4, 0x080480f4, 0x0c, 0x0c, PF_R);
    set_ph(4, PT_TLS, 0x2010, 0x0804a010, 0x10, 0x40, PF_R);
    set_ph(5, PT_GNU_STACK, 0, 0, 0, 0, PF_R | PF_W);
}

static int check(void) { return elf_check(file, FILE_SIZE, &img); }

/* ---- accepted ---- */

static void test_valid_image(void)
{
    make_valid();
    CHECK(check() == 0);
    CHECK(img.entry == 0x08049010);
    CHECK(img.phdr == 0x08048034);
    CHECK(img.phent == 32 && img.phnum == PHNUM);
    CHECK(img.nsegs == 3);
    CHECK(img.segs[0].vaddr == 0x08048000 && img.segs[0].offset == 0 &&
          img.segs[0].filesz == 0x100 && img.segs[0].memsz == 0x100 &&
          img.segs[0].flags == PF_R);
    CHECK(img.segs[1].vaddr == 0x08049000 && img.segs[1].flags == (PF_R | PF_X));
    CHECK(img.segs[2].vaddr == 0x0804a010 && img.segs[2].offset == 0x2010 &&
          img.segs[2].filesz == 0x100 && img.segs[2].memsz == 0x3000 &&
          img.segs[2].flags == (PF_R | PF_W));
    CHECK(img.end == 0x0804e000);           /* 0x0804d010 rounded up */
}

static void test_flags_keep_only_rwx(void)
{
    make_valid();
    ph(1)->p_flags |= 0xf0000000;           /* PF_MASKPROC bits */
    CHECK(check() == 0);
    CHECK(img.segs[1].flags == (PF_R | PF_X));
}

static void test_phdr_from_the_segment_holding_it(void)
{
    make_valid();
    memcpy(file + 0x1100, ph(0), PHNUM * sizeof(Elf32_Phdr));
    eh()->e_phoff = 0x1100;                 /* inside the text's file part */
    CHECK(check() == 0);
    CHECK(img.phdr == 0x08049100);
}

static void test_phdr_zero_when_not_loaded(void)
{
    make_valid();
    ph(0)->p_filesz = ph(0)->p_memsz = 0x40;  /* cuts the table short */
    CHECK(check() == 0);
    CHECK(img.phdr == 0);
}

static void test_empty_pt_load_skipped(void)
{
    make_valid();
    set_ph(3, PT_LOAD, 0, 0x08049000, 0, 0, PF_R);  /* would overlap text */
    CHECK(check() == 0);
    CHECK(img.nsegs == 3);
}

static void test_end_exactly_at_stack_limit(void)
{
    make_valid();
    ph(2)->p_vaddr = USER_STACK_LIMIT - 0x2000 + 0x10;
    ph(2)->p_memsz = 0x2000 - 0x10;
    CHECK(check() == 0);
    CHECK(img.end == USER_STACK_LIMIT);
}

static void test_entry_last_byte_of_text(void)
{
    make_valid();
    eh()->e_entry = 0x080497ff;
    CHECK(check() == 0);
}

/* ---- the header ---- */

static void test_truncated(void)
{
    static const uint32_t sizes[] = {
        0, 4, sizeof(Elf32_Ehdr) - 1,       /* no whole header */
        sizeof(Elf32_Ehdr),                 /* header, no program headers */
        sizeof(Elf32_Ehdr) + PHNUM * 32 - 1,  /* last one cut */
        0x2010 + 0x100 - 1,                 /* data's file part cut */
    };
    make_valid();
    for (unsigned i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        CHECK(elf_check(file, sizes[i], &img) == -ENOEXEC);
}

static void test_bad_magic(void)
{
    for (int i = 0; i < 4; i++) {
        make_valid();
        file[i] ^= 0x20;
        CHECK(check() == -ENOEXEC);
    }
}

/* Linux reads neither e_ident's class, data and version bytes nor
 * e_version: the program runs whatever they say. */
static void test_ident_bytes_not_read(void)
{
    make_valid();
    file[EI_CLASS] = 2;                     /* ELFCLASS64 */
    file[EI_DATA] = 2;                      /* ELFDATA2MSB */
    file[EI_VERSION] = 0;
    eh()->e_version = 2;
    CHECK(check() == 0);
    CHECK(img.entry == 0x08049010 && img.nsegs == 3);
}

static void test_et_rel(void)
{
    make_valid();
    eh()->e_type = 1;                       /* ET_REL: an object file */
    CHECK(check() == -ENOEXEC);
    eh()->e_type = 4;                       /* ET_CORE */
    CHECK(check() == -ENOEXEC);
}

/* The valid image moved to address 0, as a PIE or ld.so is linked. */
static void make_dyn(void)
{
    make_valid();
    eh()->e_type = ET_DYN;
    eh()->e_entry -= 0x08048000;
    for (int i = 0; i < PHNUM; i++)
        if (ph(i)->p_type == PT_LOAD)
            ph(i)->p_vaddr -= 0x08048000;
}

static void test_et_dyn_placed(void)
{
    make_dyn();
    CHECK(check() == 0);
    CHECK(img.type == ET_DYN && img.lo == 0 && img.hi == 0x6000);
    CHECK(elf_place(&img, ELF_ET_DYN_BASE) == 0);
    CHECK(img.entry == ELF_ET_DYN_BASE + 0x1010);
    CHECK(img.segs[1].vaddr == ELF_ET_DYN_BASE + 0x1000);
    CHECK(img.segs[2].vaddr == ELF_ET_DYN_BASE + 0x2010);
    CHECK(img.phdr == ELF_ET_DYN_BASE + 0x34);
    CHECK(img.end == ELF_ET_DYN_BASE + 0x6000);
}

static void test_et_dyn_place_refused(void)
{
    make_dyn();
    CHECK(check() == 0);
    CHECK(elf_place(&img, 0) == -EPERM);                /* page 0: NULL zone */
    CHECK(check() == 0);
    CHECK(elf_place(&img, ELF_MIN_ADDR - PAGE_SIZE) == -EPERM);
    CHECK(check() == 0);
    CHECK(elf_place(&img, ELF_MIN_ADDR) == 0);          /* the lowest allowed */
    CHECK(check() == 0);
    CHECK(elf_place(&img, ELF_ET_DYN_BASE + 0x10) == -EINVAL);     /* unaligned */
    CHECK(check() == 0);
    CHECK(elf_place(&img, STACK_RESERVED - 0x5000) == -ENOMEM);    /* into the stack */
    CHECK(check() == 0);
    CHECK(elf_place(&img, STACK_RESERVED - 0x6000) == 0);      /* as high as mmap goes */
    CHECK(check() == 0);
    CHECK(elf_place(&img, 0xfffff000) == -ENOMEM);      /* wraps */
    make_valid();
    CHECK(check() == 0);
    CHECK(elf_place(&img, PAGE_SIZE) == -EINVAL);       /* ET_EXEC does not move */
}

static void test_wrong_machine(void)
{
    make_valid();
    eh()->e_machine = 62;                   /* EM_X86_64 */
    CHECK(check() == -ENOEXEC);
    eh()->e_machine = 7;                    /* EM_860 */
    CHECK(check() == -ENOEXEC);
    eh()->e_machine = EM_486;               /* Linux takes it for EM_386 */
    CHECK(check() == 0);
}

static void test_phentsize(void)
{
    make_valid();
    eh()->e_phentsize = 56;                 /* Elf64_Phdr */
    CHECK(check() == -ENOEXEC);
}

static void test_phnum_zero(void)
{
    make_valid();
    eh()->e_phnum = 0;
    CHECK(check() == -ENOEXEC);
}

static void test_phnum_too_many(void)
{
    make_valid();
    eh()->e_phnum = ELF_MAX_PHNUM + 1;      /* all in the file, PT_NULL */
    CHECK(check() == -ENOEXEC);
    eh()->e_phnum = ELF_MAX_PHNUM;
    CHECK(check() == 0);
    eh()->e_phnum = 128;                    /* Linux reads a 4 KiB table */
    CHECK(check() == 0);
    eh()->e_phnum = 129;
    CHECK(check() == -ENOEXEC);
    eh()->e_phnum = 0xffff;                 /* a huge table, past the file too */
    CHECK(check() == -ENOEXEC);
}

static void test_phdrs_outside_file(void)
{
    /* a good table at 0x2f00, but the file ends 4 bytes before its end
     * (the bytes are there in memory: only the size says no) */
    const uint32_t at = 0x2f00, table = PHNUM * sizeof(Elf32_Phdr);
    make_valid();
    memcpy(file + at, ph(0), table);
    eh()->e_phoff = at;
    CHECK(elf_check(file, at + table, &img) == 0);
    CHECK(elf_check(file, at + table - 4, &img) == -ENOEXEC);
    eh()->e_phoff = FILE_SIZE + 4;
    CHECK(check() == -ENOEXEC);
    eh()->e_phoff = 0xfffffff0;             /* phoff + table wraps */
    CHECK(check() == -ENOEXEC);
}

/* ---- dynamic programs ---- */

static void test_pt_interp(void)
{
    make_valid();
    memcpy(file + 0xf4, "/lib/ld-linux.so.2", 19);
    set_ph(5, PT_INTERP, 0xf4, 0x080480f4, 19, 19, PF_R);
    CHECK(check() == 0);
    CHECK(img.interp_off == 0xf4 && img.interp_len == 19);
    ph(5)->p_filesz = 18;                   /* no NUL at its end */
    CHECK(check() == -ENOEXEC);
    ph(5)->p_filesz = 1;                    /* too short to name anything */
    CHECK(check() == -ENOEXEC);
    ph(5)->p_filesz = ELF_INTERP_MAX + 1;
    CHECK(check() == -ENOEXEC);
    ph(5)->p_filesz = 19;
    ph(5)->p_offset = FILE_SIZE - 10;       /* past the file's end: */
    CHECK(check() == -EIO);                 /* Linux's read comes up short */
    ph(5)->p_offset = 0xfffffff8;           /* offset + size wraps */
    CHECK(check() == -EIO);
}

/* PT_INTERP is read before any PT_LOAD, wherever it is: its error comes
 * first, and once it is read a caller can still find the interpreter
 * behind a segment's error. */
static void test_pt_interp_before_segments(void)
{
    make_valid();
    memcpy(file + 0xf4, "/lib/ld-linux.so.2", 19);
    set_ph(5, PT_INTERP, 0xf4, 0x080480f4, 18, 18, PF_R);  /* no NUL */
    ph(2)->p_memsz = 0xff;                  /* and a broken segment before it */
    CHECK(check() == -ENOEXEC);
    ph(5)->p_filesz = 19;
    CHECK(check() == -EINVAL);
    CHECK(img.interp_off == 0xf4 && img.interp_len == 19);
}

static void test_pt_dynamic(void)
{
    make_valid();
    set_ph(5, PT_DYNAMIC, 0x2010, 0x0804a010, 0x80, 0x80, PF_R | PF_W);
    CHECK(check() == 0);                    /* ld.so's business */
}

/* ---- each PT_LOAD ---- */

static void test_filesz_over_memsz(void)
{
    make_valid();
    ph(2)->p_memsz = 0xff;
    CHECK(check() == -EINVAL);
}

static void test_offset_past_end(void)
{
    make_valid();
    ph(2)->p_offset = FILE_SIZE + 0x10;     /* congruent, but beyond */
    CHECK(check() == -ENOEXEC);
}

static void test_offset_filesz_wraps(void)
{
    make_valid();
    ph(2)->p_filesz = 0xfffffff0;           /* 0x2010 + this wraps to 0x2000 */
    ph(2)->p_memsz = 0xfffffff0;
    CHECK(check() == -EINVAL);              /* and so does its memory */
    make_valid();
    ph(2)->p_offset = 0xfffff010;           /* congruent, the offset alone wraps */
    CHECK(check() == -ENOEXEC);
}

static void test_vaddr_memsz_wraps(void)
{
    make_valid();
    ph(2)->p_memsz = 0xfffff000;            /* a bss past 4 GiB */
    CHECK(check() == -EINVAL);
    make_valid();
    ph(2)->p_vaddr = 0xfffff010;            /* the last page: rounded up, wraps */
    ph(2)->p_memsz = ph(2)->p_filesz = 0x10;
    CHECK(check() == -EINVAL);
}

static void test_misaligned_offset(void)
{
    make_valid();
    ph(2)->p_offset = 0x2014;               /* vaddr ends in 010 */
    CHECK(check() == -EINVAL);
    make_valid();
    ph(1)->p_vaddr = 0x08049200;            /* offset 0x1000 */
    eh()->e_entry = 0x08049210;
    CHECK(check() == -EINVAL);
    make_valid();
    ph(2)->p_offset = 0x2014;
    ph(2)->p_filesz = 0;                    /* bss only, but not from its */
    CHECK(check() == -EINVAL);              /* page's start: reads the file */
    make_valid();
    set_ph(3, PT_LOAD, 0x123, 0x08050000, 0, 0x1000, PF_R | PF_W);
    CHECK(check() == 0);                    /* whole pages of bss: no file part */
    CHECK(img.nsegs == 4 && img.segs[3].filesz == 0);
}

/* Linux's mmap_min_addr: 0x10000, below which nothing may be mapped. */
static void test_below_min_addr(void)
{
    make_valid();
    ph(0)->p_vaddr = ELF_MIN_ADDR - PAGE_SIZE;
    CHECK(check() == -EPERM);
    make_valid();
    ph(0)->p_vaddr = 0;                     /* a null page */
    CHECK(check() == -EPERM);
    make_valid();
    ph(2)->p_offset = 0x10;
    ph(2)->p_vaddr = 0x0000f010;            /* bss only, from 0xf000 */
    ph(2)->p_filesz = 0;
    CHECK(check() == -EPERM);
}

/* An ET_EXEC linked below 0x08048000 but above mmap_min_addr runs there,
 * as on Linux: here the whole valid image moved down to 0x10000. */
static void test_low_program(void)
{
    make_valid();
    for (int i = 0; i < 3; i++)
        ph(i)->p_vaddr -= 0x08048000 - ELF_MIN_ADDR;
    eh()->e_entry -= 0x08048000 - ELF_MIN_ADDR;
    CHECK(check() == 0);
    CHECK(img.segs[0].vaddr == ELF_MIN_ADDR && img.entry == ELF_MIN_ADDR + 0x1010);
    CHECK(img.end == ELF_MIN_ADDR + 0x6000);
}

static void test_kernel_half(void)
{
    make_valid();
    ph(2)->p_vaddr = KERNEL_BASE + 0x10;    /* mmap of its file part: no room */
    CHECK(check() == -ENOMEM);
    make_valid();
    ph(2)->p_vaddr = KERNEL_BASE - 0x10;    /* the file part crosses into it */
    ph(2)->p_offset = 0x1ff0;
    CHECK(check() == -ENOMEM);
    make_valid();
    ph(2)->p_memsz = KERNEL_BASE - 0x0804a010 + 0x1000;   /* its bss crosses */
    CHECK(check() == -EINVAL);
    make_valid();
    ph(2)->p_vaddr = KERNEL_BASE;           /* bss only, whole pages */
    ph(2)->p_offset = 0x2000;
    ph(2)->p_filesz = 0;
    CHECK(check() == -EINVAL);
}

static void test_reaches_stack_area(void)
{
    make_valid();
    ph(2)->p_vaddr = USER_STACK_LIMIT - 0x1000 + 0x10;
    ph(2)->p_memsz = 0x1000;                /* one byte: 0x10 past the limit */
    CHECK(check() == -ENOMEM);
    make_valid();
    ph(2)->p_memsz = USER_TOP - 0x0804a010 - 0x1000;  /* a huge bss into the stack */
    CHECK(check() == -ENOMEM);
    make_valid();
    ph(2)->p_vaddr = STACK_RESERVED + 0x10;     /* the file part in the reserve */
    CHECK(check() == -ENOMEM);
}

/* ---- the segments as a set ---- */

static void test_no_pt_load(void)
{
    make_valid();
    for (int i = 0; i < 3; i++)
        ph(i)->p_type = PT_NOTE;
    CHECK(check() == 0);                    /* Linux runs it: SIGSEGV at the entry */
    CHECK(img.nsegs == 0);
    CHECK(img.end == USER_BASE);            /* the heap stays out of the null zone */
    CHECK(img.phdr == 0 && img.entry == 0x08049010);
    make_dyn();
    for (int i = 0; i < 3; i++)
        ph(i)->p_type = PT_NOTE;
    CHECK(check() == 0 && img.lo == 0 && img.hi == 0);
    CHECK(elf_place(&img, 0) == 0 && img.end == USER_BASE);
}

/* One header segment, then n one-page bss-only segments, the first
 * executable (the entry), all on separate pages. */
static void make_many(int n)
{
    make_valid();
    eh()->e_phnum = 1 + n;
    eh()->e_entry = 0x08049000;
    set_ph(0, PT_LOAD, 0, 0x08048000, 0x200, 0x200, PF_R);
    for (int i = 0; i < n; i++)
        set_ph(1 + i, PT_LOAD, 0, 0x08049000 + i * 0x2000, 0, 0x100,
               i == 0 ? PF_R | PF_X : PF_R | PF_W);
}

/* As many PT_LOADs as there can be program headers, as Linux maps. */
static void test_many_pt_load(void)
{
    make_many(127);
    CHECK(check() == 0);
    CHECK(img.nsegs == 128);
    CHECK(img.segs[127].vaddr == 0x08049000 + 126 * 0x2000);
    CHECK(img.end == 0x08049000 + 126 * 0x2000 + 0x1000);
}

static void test_overlapping_pages(void)
{
    make_valid();
    ph(2)->p_vaddr = 0x08049810;            /* in text's page, past its end */
    ph(2)->p_offset = 0x2810;
    ph(2)->p_filesz = 0x10;
    CHECK(check() == 0);                    /* as Linux: exec maps data over it */
    CHECK(img.nsegs == 3);
    make_valid();
    ph(1)->p_memsz = 0x1011;                /* text's bss reaches data's page */
    CHECK(check() == 0);
    make_valid();
    ph(2)->p_vaddr = 0x08048010;            /* data over the headers' page */
    CHECK(check() == 0);
    CHECK(img.end == 0x0804c000);           /* the heap after the highest end */
    CHECK(img.lo == 0x08048000 && img.hi == 0x0804c000);
}

static void test_entry_anywhere_below_the_kernel(void)
{
    make_valid();
    /* Linux starts the program there; the fetch faults if nothing is */
    eh()->e_entry = 0x0804a020;             /* in data (RW) */
    CHECK(check() == 0 && img.entry == 0x0804a020);
    eh()->e_entry = 0x08048040;             /* in the headers (R) */
    CHECK(check() == 0 && img.entry == 0x08048040);
    eh()->e_entry = 0x08049800;             /* one past the text */
    CHECK(check() == 0 && img.entry == 0x08049800);
    eh()->e_entry = 0;
    CHECK(check() == 0 && img.entry == 0);
    eh()->e_entry = USER_TOP - 1;           /* the last user byte */
    CHECK(check() == 0 && img.entry == USER_TOP - 1);
    eh()->e_entry = KERNEL_BASE + 0x100000; /* the kernel's text: BAD_ADDR */
    CHECK(check() == -EINVAL);
    make_dyn();
    eh()->e_entry = USER_TOP - ELF_ET_DYN_BASE;     /* placed, it lands there */
    CHECK(check() == 0);
    CHECK(elf_place(&img, ELF_ET_DYN_BASE) == -EINVAL);
}

/* A dynamic program starts in its interpreter: its own entry is only
 * AT_ENTRY, which Linux does not check. */
static void test_entry_of_a_dynamic_program(void)
{
    make_valid();
    memcpy(file + 0xf4, "/lib/ld-linux.so.2", 19);
    set_ph(5, PT_INTERP, 0xf4, 0x080480f4, 19, 19, PF_R);
    eh()->e_entry = KERNEL_BASE + 0x100000;
    CHECK(check() == 0 && img.entry == KERNEL_BASE + 0x100000);
}

static const struct unit_case cases[] = {
    { "elf_valid_image", test_valid_image },
    { "elf_flags_keep_only_rwx", test_flags_keep_only_rwx },
    { "elf_phdr_from_the_segment_holding_it", test_phdr_from_the_segment_holding_it },
    { "elf_phdr_zero_when_not_loaded", test_phdr_zero_when_not_loaded },
    { "elf_empty_pt_load_skipped", test_empty_pt_load_skipped },
    { "elf_end_exactly_at_stack_limit", test_end_exactly_at_stack_limit },
    { "elf_entry_last_byte_of_text", test_entry_last_byte_of_text },
    { "elf_truncated", test_truncated },
    { "elf_bad_magic", test_bad_magic },
    { "elf_ident_bytes_not_read", test_ident_bytes_not_read },
    { "elf_et_rel_and_et_core", test_et_rel },
    { "elf_et_dyn_placed", test_et_dyn_placed },
    { "elf_et_dyn_place_refused", test_et_dyn_place_refused },
    { "elf_wrong_machine", test_wrong_machine },
    { "elf_phentsize", test_phentsize },
    { "elf_phnum_zero", test_phnum_zero },
    { "elf_phnum_too_many", test_phnum_too_many },
    { "elf_phdrs_outside_file", test_phdrs_outside_file },
    { "elf_pt_interp", test_pt_interp },
    { "elf_pt_interp_before_segments", test_pt_interp_before_segments },
    { "elf_pt_dynamic", test_pt_dynamic },
    { "elf_filesz_over_memsz", test_filesz_over_memsz },
    { "elf_offset_past_end", test_offset_past_end },
    { "elf_offset_filesz_wraps", test_offset_filesz_wraps },
    { "elf_vaddr_memsz_wraps", test_vaddr_memsz_wraps },
    { "elf_misaligned_offset", test_misaligned_offset },
    { "elf_below_min_addr", test_below_min_addr },
    { "elf_low_program", test_low_program },
    { "elf_kernel_half", test_kernel_half },
    { "elf_reaches_stack_area", test_reaches_stack_area },
    { "elf_no_pt_load", test_no_pt_load },
    { "elf_many_pt_load", test_many_pt_load },
    { "elf_overlapping_pages", test_overlapping_pages },
    { "elf_entry_anywhere_below_the_kernel", test_entry_anywhere_below_the_kernel },
    { "elf_entry_of_a_dynamic_program", test_entry_of_a_dynamic_program },
};

UNIT_SUITE(cases)
