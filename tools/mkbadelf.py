#!/usr/bin/env python3
"""mkbadelf.py GOOD_ELF OUTDIR: writes the broken programs the exec tests
try to run, made from a good static ELF32 executable:
  truncated  - the first 200 bytes (the program headers are cut off)
  kernelseg  - the last PT_LOAD moved into the kernel half (0xC0001000)"""
import struct
import sys

good, outdir = sys.argv[1], sys.argv[2]
data = bytearray(open(good, "rb").read())
open(f"{outdir}/truncated", "wb").write(data[:200])

phoff, = struct.unpack_from("<I", data, 28)
phentsize, phnum = struct.unpack_from("<HH", data, 42)
last_load = None
for i in range(phnum):
    off = phoff + i * phentsize
    if struct.unpack_from("<I", data, off)[0] == 1:      # PT_LOAD
        last_load = off
p_offset, = struct.unpack_from("<I", data, last_load + 4)
vaddr = 0xC0001000 + (p_offset & 0xFFF)
struct.pack_into("<II", data, last_load + 8, vaddr, vaddr)   # p_vaddr, p_paddr
open(f"{outdir}/kernelseg", "wb").write(data)
