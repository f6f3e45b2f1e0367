; crt0.asm: the program entry point. The kernel starts a process at _start with
; esp pointing at argc, followed by the argv pointers and a NULL, the envp pointers
; and a NULL, then the auxiliary vector (the Linux i386 start-up stack).
; _start passes argc, argv and envp to __libc_start (lib/start.c), which never returns.

section .text
global _start
extern __libc_start

_start:
	xor ebp, ebp                ; no caller frame: debuggers stop the backtrace here
	mov eax, esp                ; eax -> argc
	mov ecx, [eax]              ; ecx = argc
	lea edx, [eax + 4]          ; edx = argv
	lea eax, [edx + ecx*4 + 4]  ; eax = envp, just past argv's terminating NULL
	and esp, -16                ; the ABI wants esp 16-byte aligned at every call:
	sub esp, 4                  ; 4 + 3 pushes of 4 bytes keeps it so
	push eax                    ; envp
	push edx                    ; argv
	push ecx                    ; argc
	call __libc_start
	hlt                         ; not reached; a privileged instruction faults if it is

section .note.GNU-stack noalloc noexec nowrite progbits
