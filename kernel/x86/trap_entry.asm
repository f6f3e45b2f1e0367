; trap_entry.asm: the entry stubs of every interrupt vector we use (the 32
; CPU exceptions, the 16 IRQs, int 0x80). Each pushes an error code (a zero
; when the CPU did not) and its vector number, then trap_common saves the
; registers as a struct trapframe (kernel/x86/trap.h) and calls
; trap_dispatch; trap_return restores them and irets.
;
; The segment registers, and why the kernel loads so few of them.
; Paging does all of the protection: every segment but the TLS ones is
; flat (base 0, limit 4 GiB; kernel/x86/gdt.c). On a trap from ring 3 the
; CPU itself loads %cs and %ss (the kernel's, from the IDT and the TSS);
; %ds, %es, %fs and %gs keep whatever the program had in them. Loading a
; segment register is not a plain move: the CPU reads the descriptor from
; the GDT and checks it (under QEMU's TCG, a helper call each time). So:
;   %ds, %es  the kernel runs with the *user* data segment in them
;             (SEG_UDATA, 0x23): it is flat, its DPL 3 does not stop ring
;             0 from using it, and it is what a program almost always has
;             there already, so entry and exit usually load nothing (Linux
;             i386 does the same with its __USER_DS). Only when a program
;             has something else there (null, a TLS segment, 0x20 with
;             another RPL) does entry load SEG_UDATA and exit load the
;             program's value back.
;   %fs, %gs  the kernel never uses them (no thread-local data in the
;             kernel; built with -fno-stack-protector, whose canary would
;             be at %gs:0x14). They are the program's TLS segments
;             (glibc's %gs), so they are saved in the frame as values
;             (reading a segment register costs nothing) and left loaded
;             all through the kernel. The way back to user mode loads them
;             only when the frame's value differs from the register: the
;             kernel changed it (exec, sigreturn, set_thread_area) or
;             the register was cleared because the GDT's TLS entries were
;             rewritten under it (gdt_load_tls, kernel/x86/gdt.c: a
;             segment register caches the descriptor it loaded, so a new
;             process's TLS selectors must be loaded afresh).
;   %ss       the kernel's own SEG_KDATA (0x10): a stack segment's DPL must
;             equal the CPL. The CPU switches it with %esp from the TSS.
; A user selector the kernel stores in a frame (sigreturn, exec,
; set_thread_area) is checked first (tls_selector_usable), so the loads
; here never fault; a kernel selector is never in %ds, %es, %fs or %gs,
; so none can leak back to a program.

section .text
extern trap_dispatch

SEG_UDATA       equ 0x23                ; kernel/x86/gdt.h
; Offsets in struct trapframe (kernel/x86/trap.h; trap.c checks them).
TF_GS           equ 0
TF_FS           equ 4
TF_ES           equ 8
TF_DS           equ 12
TF_CS           equ 60

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
        push ds                         ; the four data segment selectors, as
        push es                         ; values: reading them loads nothing
        push fs
        push gs
        mov eax, ds                     ; the kernel needs SEG_UDATA in %ds
        cmp ax, SEG_UDATA               ; and %es (see above): load it only
        jne .load_data                  ; where the program had something
        mov eax, es                     ; else
        cmp ax, SEG_UDATA
        je .data_ready
.load_data:
        mov eax, SEG_UDATA
        mov ds, eax
        mov es, eax
.data_ready:
        push esp                        ; struct trapframe *
        call trap_dispatch
        add esp, 4
global trap_return
trap_return:                            ; also where a new process starts
        test byte [esp + TF_CS], 3      ; back to the kernel: %fs and %gs
        jz .data_segments               ; were never changed, leave them
        mov eax, gs                     ; each register is loaded only if the
        cmp ax, [esp + TF_GS]           ; frame says otherwise (these reads
        je .gs_ready                    ; go through %ss: %ds may already be
        mov gs, [esp + TF_GS]           ; the program's)
.gs_ready:
        mov eax, fs
        cmp ax, [esp + TF_FS]
        je .data_segments
        mov fs, [esp + TF_FS]
.data_segments:
        mov eax, es
        cmp ax, [esp + TF_ES]
        je .es_ready
        mov es, [esp + TF_ES]
.es_ready:
        mov eax, ds
        cmp ax, [esp + TF_DS]
        je .ds_ready
        mov ds, [esp + TF_DS]
.ds_ready:
        add esp, 16                     ; the four selectors
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
