; switch.asm: sched_switch(uint32_t *save_esp, uint32_t new_esp), the
; context switch between two kernel stacks. It saves the callee-saved
; registers on the old stack, stores the old esp in *save_esp, loads
; new_esp and pops the new process's registers: it returns into whatever
; that process was doing when it switched away (or into trap_return, for a
; process that has never run: see proc_alloc in kernel/proc.c).

section .text
global sched_switch
sched_switch:
        mov eax, [esp + 4]
        mov edx, [esp + 8]
        push ebp
        push ebx
        push esi
        push edi
        mov [eax], esp
        mov esp, edx
        pop edi
        pop esi
        pop ebx
        pop ebp
        ret
