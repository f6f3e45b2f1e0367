; trap_entry.asm: the entry stubs of every interrupt vector we use (the 32
; CPU exceptions, the 16 IRQs, int 0x80). Each pushes an error code (a zero
; when the CPU did not) and its vector number, then trap_common saves the
; registers as a struct trapframe (kernel/x86/trap.h) and calls trap_dispatch.

section .text
extern trap_dispatch

%macro TRAP_NOERR 1
trap_stub_%1:
        push dword 0
        push dword %1
        jmp trap_common
%endmacro

%macro TRAP_ERR 1
trap_stub_%1:
        push dword %1
        jmp trap_common
%endmacro

; Vectors 8, 10-14, 17, 21, 29 and 30 come with an error code from the CPU.
%assign v 0
%rep 48
%if v == 8 || (v >= 10 && v <= 14) || v == 17 || v == 21 || v == 29 || v == 30
        TRAP_ERR v
%else
        TRAP_NOERR v
%endif
%assign v v + 1
%endrep
        TRAP_NOERR 128

trap_common:
        cld                             ; the C code assumes the direction flag
                                        ; clear; a user program may have set it
        pusha
        push ds
        push es
        push fs
        push gs
        mov ax, 0x10                    ; kernel data segment
        mov ds, ax
        mov es, ax
        mov fs, ax
        mov gs, ax
        push esp                        ; struct trapframe *
        call trap_dispatch
        add esp, 4
global trap_return
trap_return:                            ; also where a new process starts
        pop gs
        pop fs
        pop es
        pop ds
        popa
        add esp, 8                      ; vector and error code
        iret

section .rodata
global trap_stubs
trap_stubs:                             ; entry addresses, indexed 0..48
%assign v 0
%rep 48
        dd trap_stub_ %+ v
%assign v v + 1
%endrep
        dd trap_stub_128
