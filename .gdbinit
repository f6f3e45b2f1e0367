# .gdbinit: attach to QEMU started by `make gdb` with the kernel's symbols.
set confirm off
set pagination off
file build/kernel.elf
target remote localhost:1234
