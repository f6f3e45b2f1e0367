#!/usr/bin/env python3
"""mkbaddyn.py DYN_ELF LIB OUTDIR LIBDIR: writes the broken dynamic programs
the dynfail test runs, made from a good dynamically linked program:
  OUTDIR/interp-missing  - PT_INTERP names /lib/ld-gone.so.2 (no such file)
  OUTDIR/interp-notelf   - PT_INTERP names /etc/motd (a text file)
and from a good shared library LIB:
  LIBDIR/libbad.so       - its first PT_LOAD's p_vaddr no longer congruent to
                           p_offset modulo the page size, which ld.so refuses"""
import struct
import sys

good, lib, outdir, libdir = sys.argv[1:5]


def phdrs(data):
    phoff, = struct.unpack_from("<I", data, 28)
    phentsize, phnum = struct.unpack_from("<HH", data, 42)
    return [phoff + i * phentsize for i in range(phnum)]


def with_interp(path):
    data = bytearray(open(good, "rb").read())
    for off in phdrs(data):
        p_type, p_offset, _, _, p_filesz = struct.unpack_from("<IIIII", data, off)
        if p_type == 3:                                 # PT_INTERP
            name = path.encode() + b"\0"
            assert len(name) <= p_filesz
            data[p_offset:p_offset + p_filesz] = name.ljust(p_filesz, b"\0")
    return data


open(f"{outdir}/interp-missing", "wb").write(with_interp("/lib/ld-gone.so.2"))
open(f"{outdir}/interp-notelf", "wb").write(with_interp("/etc/motd"))

data = bytearray(open(lib, "rb").read())
for off in phdrs(data):
    if struct.unpack_from("<I", data, off)[0] == 1:      # PT_LOAD
        vaddr, = struct.unpack_from("<I", data, off + 8)
        struct.pack_into("<II", data, off + 8, vaddr + 0x10, vaddr + 0x10)
        break
open(f"{libdir}/libbad.so", "wb").write(data)
