; Multiboot v1 header and the kernel's first instructions.
; GRUB or `qemu -kernel` jumps to _start in 32-bit protected mode with paging off.
; We build a boot page directory that maps physical memory at 0xC0000000 with
; 4 MiB pages, turn paging on, jump to the higher half, drop the identity
; mapping and call kernel_main(magic, multiboot_info_phys).

KERNEL_BASE     equ 0xC0000000
PDE_PRESENT     equ 1 << 0
PDE_WRITE       equ 1 << 1
PDE_4M          equ 1 << 7
CR4_PSE         equ 1 << 4
CR0_PG          equ 1 << 31
CR0_WP          equ 1 << 16
BOOT_MAP_PDES   equ 192             ; 192 x 4 MiB = 768 MiB of the kernel half
IDENTITY_PDES   equ 4               ; the first 16 MiB, only until the jump

MB_MAGIC        equ 0x1BADB002
MB_FLAGS        equ (1 << 0) | (1 << 1)  ; modules page-aligned, memory map wanted

section .multiboot
align 4
        dd MB_MAGIC
        dd MB_FLAGS
        dd -(MB_MAGIC + MB_FLAGS)

section .bss
align 4096
global boot_page_directory
boot_page_directory:
        resb 4096
global boot_stack_top
boot_stack:
        resb 16384
boot_stack_top:

section .boot.text exec
global _start
_start:
        ; Still at physical addresses: every symbol is used minus KERNEL_BASE.
        mov esi, eax                        ; multiboot magic
        mov edi, ebx                        ; multiboot info (physical)

        mov edx, boot_page_directory - KERNEL_BASE
        ; identity entries 0..3 and kernel entries 768.. map the same frames
        xor ecx, ecx
.fill:
        mov eax, ecx
        shl eax, 22
        or eax, PDE_PRESENT | PDE_WRITE | PDE_4M
        mov [edx + 768*4 + ecx*4], eax
        cmp ecx, IDENTITY_PDES
        jae .skip_identity
        mov [edx + ecx*4], eax
.skip_identity:
        inc ecx
        cmp ecx, BOOT_MAP_PDES
        jb .fill

        mov eax, cr4
        or eax, CR4_PSE
        mov cr4, eax
        mov cr3, edx
        mov eax, cr0
        or eax, CR0_PG | CR0_WP
        mov cr0, eax
        lea eax, [higher_half]
        jmp eax

section .text
extern kernel_main
higher_half:
        ; Now running at the linked addresses: the identity map is not needed.
        mov ecx, boot_page_directory
        mov dword [ecx + 0], 0
        mov dword [ecx + 4], 0
        mov dword [ecx + 8], 0
        mov dword [ecx + 12], 0
        mov eax, cr3
        mov cr3, eax

        mov esp, boot_stack_top
        xor ebp, ebp                        ; ends the backtrace chain
        push edi
        push esi
        call kernel_main
.hang:
        cli
        hlt
        jmp .hang
