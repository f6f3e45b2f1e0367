/* elf.h: the ELF32 structures and constants exec needs (the names of the
 * System V ABI's gABI and its i386 supplement), and elf_check/elf_place,
 * which decide whether a file is an i386 executable (or the dynamic linker
 * it names) that this kernel can map, before exec touches the old image.
 * Mapping the segments is exec's job. */
#ifndef KERNEL_ELF_H
#define KERNEL_ELF_H

#include <stdint.h>
#include "mm/layout.h"

typedef uint32_t Elf32_Addr;
typedef uint32_t Elf32_Off;
typedef uint32_t Elf32_Word;
typedef uint16_t Elf32_Half;

/* e_ident[] */
#define EI_NIDENT 16
#define EI_MAG0 0               /* 0x7f 'E' 'L' 'F' */
#define EI_CLASS 4
#define EI_DATA 5
#define EI_VERSION 6
#define ELFMAG0 0x7f
#define ELFMAG1 'E'
#define ELFMAG2 'L'
#define ELFMAG3 'F'
#define ELFCLASS32 1
#define ELFDATA2LSB 1
#define EV_CURRENT 1

#define ET_EXEC 2               /* e_type: fixed-address executable */
#define ET_DYN 3                /* e_type: position-independent: a PIE
                                   program, or a shared object like ld.so */
#define EM_386 3                /* e_machine */
#define EM_486 6                /* e_machine: an old name for the same, as
                                   Linux still accepts */

typedef struct {
    unsigned char e_ident[EI_NIDENT];
    Elf32_Half e_type;
    Elf32_Half e_machine;
    Elf32_Word e_version;
    Elf32_Addr e_entry;
    Elf32_Off e_phoff;
    Elf32_Off e_shoff;
    Elf32_Word e_flags;
    Elf32_Half e_ehsize;
    Elf32_Half e_phentsize;
    Elf32_Half e_phnum;
    Elf32_Half e_shentsize;
    Elf32_Half e_shnum;
    Elf32_Half e_shstrndx;
} Elf32_Ehdr;

typedef struct {
    Elf32_Word p_type;
    Elf32_Off p_offset;
    Elf32_Addr p_vaddr;
    Elf32_Addr p_paddr;
    Elf32_Word p_filesz;
    Elf32_Word p_memsz;
    Elf32_Word p_flags;
    Elf32_Word p_align;
} Elf32_Phdr;

/* p_type */
#define PT_NULL 0
#define PT_LOAD 1
#define PT_DYNAMIC 2
#define PT_INTERP 3
#define PT_NOTE 4
#define PT_PHDR 6
#define PT_TLS 7

/* p_flags */
#define PF_X 0x1
#define PF_W 0x2
#define PF_R 0x4

/* The stack's reserved area: STACK_MAX (mm/layout.h) below USER_TOP, and a guard
 * gap below that. No segment may reach into either. */
#define USER_STACK_GUARD (1u << 20)
#define USER_STACK_LIMIT (STACK_RESERVED - USER_STACK_GUARD)

#define ELF_MAX_PHNUM 128       /* program headers: a 4 KiB table, as many
                                   as Linux reads */
#define ELF_INTERP_MAX 256      /* PT_INTERP path, its NUL included */

/* Where a position-independent main program is placed: Linux i386's
 * ELF_ET_DYN_BASE (without address-space randomisation). Its dynamic
 * linker goes into the mmap area, like any mapping. */
#define ELF_ET_DYN_BASE 0x00400000u
/* The lowest address a segment may use: Linux's mmap_min_addr (65536, as
 * Debian sets it), so page 0 and its neighbours stay unmapped. A segment
 * below gives -EPERM, as it does on Linux. */
#define ELF_MIN_ADDR MMAP_MIN_ADDR
#define ELF_MAX_SEGMENTS ELF_MAX_PHNUM   /* PT_LOADs of one image: any
                                           number of them, as Linux */

/* One PT_LOAD: memory [vaddr, vaddr + memsz) whose first filesz bytes come
 * from the file at offset, the rest zero. vaddr and offset are congruent
 * modulo PAGE_SIZE, neither need be page-aligned. */
struct elf_segment {
    uint32_t vaddr;
    uint32_t memsz;
    uint32_t offset;
    uint32_t filesz;
    uint32_t flags;             /* PF_R | PF_W | PF_X, nothing else */
};

/* What exec needs from a checked image. */
struct elf_image {
    uint32_t type;              /* ET_EXEC, or ET_DYN (addresses below are
                                   relative until elf_place gives a bias) */
    uint32_t interp_off;        /* PT_INTERP: file offset of the path (a
                                   NUL-terminated string in the file) */
    uint32_t interp_len;        /* its length with the NUL, 0: no PT_INTERP */
    uint32_t lo, hi;            /* the segments' span, page-rounded out
                                   (0, 0 without segments) */
    uint32_t phoff;             /* e_phoff, for AT_PHDR once placed */
    uint32_t entry;             /* e_entry, wherever it points */
    uint32_t phdr;              /* AT_PHDR: user address of the program
                                   headers, 0 if no PT_LOAD maps them */
    uint32_t phent;             /* AT_PHENT: sizeof(Elf32_Phdr) */
    uint32_t phnum;             /* AT_PHNUM: e_phnum */
    uint32_t end;               /* highest segment end, page-rounded up
                                   (USER_BASE without segments): where
                                   the heap (brk) starts */
    int nsegs;                  /* 0 .. ELF_MAX_SEGMENTS */
    struct elf_segment segs[ELF_MAX_SEGMENTS];  /* in program-header order */
};

/* Checks that file[0 .. size) is an ELF32 i386 executable or shared object
 * that can be mapped page by page into the user half below the stack (the
 * rules are tabled at the top of elf.c), and fills *out. Reads only the
 * file header and the program headers; touches no memory but *out.
 * An ET_EXEC image is placed (elf_place with bias 0) here; an ET_DYN one
 * is checked only as far as its addresses relative to each other, and
 * needs elf_place before it is mapped.
 * Returns 0, or the error Linux gives for the rule broken (-ENOEXEC, -EIO,
 * -EINVAL, -ENOMEM, -EPERM); then *out is unspecified, except that
 * interp_off and interp_len are set if the error came after PT_INTERP. */
int elf_check(const uint8_t *file, uint32_t size, struct elf_image *out);

/* Moves a checked ET_DYN image by bias (page-aligned; an ET_EXEC one only
 * by 0, else -EINVAL) and checks where it lands: every segment at or above
 * ELF_MIN_ADDR and below the stack's reserve, the entry point below the
 * kernel half. Sets entry, phdr and end. Returns 0 or the error (-ENOMEM,
 * -EPERM, -EINVAL); then *img is unspecified. */
int elf_place(struct elf_image *img, uint32_t bias);

#endif
