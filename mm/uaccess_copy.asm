; uaccess_copy.asm: the two loops through which the kernel touches user
; memory. A page fault on one of the marked instructions is first decided
; like the process's own fault (the page may need filling, or a
; copy-on-write); if the access is not allowed, fault.c resumes at the
; matching fix-up, which returns -EFAULT (-14) instead of panicking.

section .text

; int uaccess_copy(void *dst, const void *src, uint32_t n): 0 or -EFAULT
global uaccess_copy, uaccess_copy_insn, uaccess_copy_fixup
uaccess_copy:
        push edi
        push esi
        mov edi, [esp + 12]
        mov esi, [esp + 16]
        mov ecx, [esp + 20]
uaccess_copy_insn:
        rep movsb
        xor eax, eax
        pop esi
        pop edi
        ret
uaccess_copy_fixup:
        mov eax, -14
        pop esi
        pop edi
        ret

; long uaccess_strncpy(char *dst, const char *usrc, uint32_t max):
; copies up to max bytes, stopping after a NUL; returns the string's
; length, max if no NUL came, or -EFAULT.
global uaccess_strncpy, uaccess_strncpy_insn, uaccess_strncpy_fixup
uaccess_strncpy:
        push edi
        push esi
        mov edi, [esp + 12]
        mov esi, [esp + 16]
        mov ecx, [esp + 20]
        xor eax, eax
strncpy_next:
        cmp eax, ecx
        je strncpy_done
uaccess_strncpy_insn:
        mov dl, [esi + eax]
        mov [edi + eax], dl
        test dl, dl
        jz strncpy_done
        inc eax
        jmp strncpy_next
strncpy_done:
        pop esi
        pop edi
        ret
uaccess_strncpy_fixup:
        mov eax, -14
        pop esi
        pop edi
        ret
