# .gdbinit: attach to QEMU started by `make gdb` with the kernel's symbols,
# and load the vmos commands (tools/gdb/vmos.py): kps, kvmas, kpte, kframes,
# kswap, kcheck; `help kpte` and so on describe them. `make gdb PROG=NAME`
# adds a user program's symbols after this file.
set confirm off
set pagination off
file build/kernel.elf
source tools/gdb/vmos.py
target remote localhost:1234
