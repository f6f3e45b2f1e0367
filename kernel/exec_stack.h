/* exec_stack.h: the initial user stack of a new program (argc, argv, envp,
 * the auxiliary vector and the strings they point at), laid out as the
 * i386 System V ABI and Linux do. Building it in a kernel buffer is ours;
 * copying or mapping that buffer at the top of the user stack is exec's. */
#ifndef KERNEL_EXEC_STACK_H
#define KERNEL_EXEC_STACK_H

#include <stdint.h>

/* Auxiliary-vector keys (Linux's numbers, <elf.h>'s AT_* names). */
#define AT_NULL 0
#define AT_PHDR 3
#define AT_PHENT 4
#define AT_PHNUM 5
#define AT_PAGESZ 6
#define AT_BASE 7
#define AT_FLAGS 8
#define AT_ENTRY 9
#define AT_UID 11
#define AT_EUID 12
#define AT_GID 13
#define AT_EGID 14
#define AT_PLATFORM 15
#define AT_HWCAP 16
#define AT_CLKTCK 17
#define AT_SECURE 23
#define AT_RANDOM 25
#define AT_EXECFN 31

#define EXEC_AUXV_PAIRS 18      /* the keys above, AT_NULL included */

#define EXEC_PLATFORM "i686"    /* AT_PLATFORM's string, as Linux gives it */
#define EXEC_CLKTCK 100         /* AT_CLKTCK: times() ticks per second */

/* What the auxiliary vector tells the new program about itself. */
struct exec_auxv {
    uint32_t phdr;              /* AT_PHDR, from struct elf_image */
    uint32_t phent;             /* AT_PHENT */
    uint32_t phnum;             /* AT_PHNUM */
    uint32_t entry;             /* AT_ENTRY: the program's, not ld.so's */
    uint32_t base;              /* AT_BASE: where the dynamic linker was
                                   placed, 0 for a static program */
    uint32_t hwcap;             /* AT_HWCAP: the processor's features, CPUID
                                   leaf 1's EDX as on Linux i386 */
    uint8_t random[16];         /* copied to the stack for AT_RANDOM (the C
                                   library seeds its stack guard from it) */
    const char *execfn;         /* AT_EXECFN: the path given to execve, copied
                                   to the top of the stack; NULL: AT_EXECFN
                                   points at argv[0] (0 when argc is 0) */
};

/* Lays out a new program's stack in buf, which will become the top
 * buf_size bytes of the user stack, ending at user address top_va
 * (USER_TOP). From the top down:
 *
 *   top_va      4 zero bytes (Linux's end marker)
 *               the execfn string, if aux->execfn
 *               argv[0] .. argv[argc-1] strings, then envp[0] .. envp[envc-1]
 *                 strings, in increasing address order, each NUL-terminated
 *               the AT_PLATFORM string, "i686"
 *               the 16 AT_RANDOM bytes
 *               padding down to 16-byte alignment, and a gap so that...
 *   *sp_out ->  argc                       ...this is 16-byte aligned
 *               argv[0] .. argv[argc-1], NULL
 *               envp[0] .. envp[envc-1], NULL
 *               auxv pairs (key, value): AT_HWCAP, AT_PAGESZ, AT_CLKTCK,
 *                 AT_PHDR, AT_PHENT, AT_PHNUM, AT_BASE, AT_FLAGS (0),
 *                 AT_ENTRY .. AT_EXECFN, AT_PLATFORM, AT_NULL 0 (Linux's order)
 *
 * Every pointer stored is a user address (top_va - buf_size + offset in
 * buf). argv and envp (and their strings) are kernel memory; argv may be
 * NULL when argc is 0, envp when envc is 0. AT_UID, AT_EUID, AT_GID,
 * AT_EGID and AT_SECURE are 0; AT_PAGESZ is PAGE_SIZE, AT_CLKTCK 100.
 * Every byte from *sp to top_va is written (padding is zeroed); bytes of
 * buf below *sp are left as they were, so clear them before showing the
 * page they share with the tables to the user.
 * Returns 0 and the user stack pointer in *sp_out; -E2BIG if the layout
 * does not fit in buf_size bytes; -EINVAL if argc or envc is negative or
 * buf_size > top_va. On failure buf may have been partly written. */
int exec_stack_build(uint8_t *buf, uint32_t buf_size, uint32_t top_va,
                     const char *const *argv, int argc,
                     const char *const *envp, int envc,
                     const struct exec_auxv *aux, uint32_t *sp_out);

/* An upper bound on the bytes exec_stack_build uses for argc arguments and
 * envc environment strings whose lengths, each with its NUL (and the
 * execfn string's, if any), add up to string_bytes. Saturates at
 * UINT32_MAX instead of wrapping. */
uint32_t exec_stack_size_needed(int argc, uint32_t string_bytes, int envc);

#endif
