#!/usr/bin/env python3
"""mkbadelf.py OUTDIR: writes the broken programs the exec tests
(user/tests/t_exec.c) try to run. Each is made from one small good static
ELF32 i386 program built here (a few hundred bytes: the initrd lives in RAM,
which tests squeeze with mem=), which writes a word to its data segment and
exits with status 7 (so that an exec wrongly let through, in a test case's
child, does not pass for the case ending well):
  0  PT_LOAD R X  file 0x000 -> 0x08048000, the headers and the code
  1  PT_LOAD RW   file 0x200 -> 0x08049200, 16 bytes, 0x100 in memory
  2  PT_NOTE      empty (a spare program header for the variants)
by changing one thing. Linux's error for each is in t_exec.c.
  good            - nothing (status 7)
  low             - the whole program linked at 0x10000 (status 7)
  manyphdrs       - 128 program headers, the table at 0x1000: the two
                    PT_LOADs, then 126 more of one page of bss each
                    from 0x0804A000 up (status 7)
  truncated       - the first 64 bytes (the program headers are cut off)
  hugephnum       - e_phnum 65535
  kernelseg       - the data segment moved into the kernel half (0xC0001200)
  stackseg        - the data segment moved into the stack's reserve
  lowseg          - the data segment moved below 0x10000 (0xF200)
  wrapseg         - the data segment's p_memsz wraps past 4 GiB
  bsskernel       - the data segment's bss reaches into the kernel half
  fileszbig       - the data segment's p_filesz above its p_memsz
  offsetpast      - the data segment's p_offset past the end of the file
  misaligned      - the data segment's p_offset not congruent to p_vaddr
  noload          - both PT_LOADs turned into PT_NULL
  entryout        - e_entry at 0x1000, outside every segment
  entrykernel     - e_entry in the kernel half (0xC0100000)
  overlapsame     - the spare header a copy of the data PT_LOAD
  overlapro       - the same copy, read-only: it replaces the data page, and
                    the program's write to it faults
  interppast      - a PT_INTERP whose path lies past the end of the file
  interp-NAME     - good, with a PT_INTERP naming /tests/NAME (for NAME in
                    good, noload, entrykernel, kernelseg, fileszbig)
  interpgone-fileszbig - fileszbig, with a PT_INTERP naming a missing file"""
import struct
import sys

outdir = sys.argv[1]
PT_NULL, PT_LOAD, PT_INTERP, PT_NOTE = 0, 1, 3, 4
PF_X, PF_W, PF_R = 1, 2, 4
TEXT, DATA, DATA_OFF, ENTRY_OFF, INTERP_OFF = 0x08048000, 0x08049200, 0x200, 0x100, 0x180
PHOFF = 52
FIELDS = ["type", "offset", "vaddr", "paddr", "filesz", "memsz", "flags", "align"]


def code(data):
    """mov dword [data], 1; exit(7) through int 0x80."""
    return (b"\xc7\x05" + struct.pack("<II", data, 1)
            + b"\xb8\x01\x00\x00\x00"                  # mov eax, 1 (exit)
            + b"\xbb\x07\x00\x00\x00"                  # mov ebx, 7
            + b"\xcd\x80")                             # int 0x80


def phdrs(text=TEXT, data=DATA):
    n = ENTRY_OFF + len(code(data))
    return [[PT_LOAD, 0, text, text, n, n, PF_R | PF_X, 0x1000],
            [PT_LOAD, DATA_OFF, data, data, 16, 0x100, PF_R | PF_W, 0x1000],
            [PT_NOTE, 0, 0, 0, 0, 0, PF_R, 4]]


def build(text=TEXT, data=DATA, changes=(), entry=None, phnum=None, phoff=PHOFF, size=None,
          interp=None):
    """The program linked at text and data, with changes (index, field,
    value) to its program headers (an index past them adds PT_NULLs) and e_entry, e_phnum, e_phoff and the
    file size changed if given; interp: a path for a PT_INTERP in the spare
    header."""
    ph = [list(p) for p in phdrs(text, data)]
    if interp is not None:
        name = interp.encode() + b"\0"
        ph[2] = [PT_INTERP, INTERP_OFF, 0, 0, len(name), len(name), PF_R, 1]
    for i, field, value in changes:
        while len(ph) <= i:
            ph.append([PT_NULL] + [0] * 7)
        ph[i][FIELDS.index(field)] = value
    size = size or DATA_OFF + 16
    entry = text + ENTRY_OFF if entry is None else entry
    ident = b"\x7fELF" + bytes([1, 1, 1]) + bytes(9)
    eh = ident + struct.pack("<HHIIIIIHHHHHH", 2, 3, 1, entry, phoff, 0, 0, 52, 32,
                             len(ph) if phnum is None else phnum, 0, 0, 0)
    buf = bytearray(size)
    buf[0:52] = eh
    for i, p in enumerate(ph):
        buf[phoff + 32 * i:phoff + 32 * (i + 1)] = struct.pack("<8I", *p)
    c = code(data)
    buf[ENTRY_OFF:ENTRY_OFF + len(c)] = c
    if interp is not None:
        buf[INTERP_OFF:INTERP_OFF + len(name)] = name
    return bytes(buf)


def write(name, image):
    with open(f"{outdir}/{name}", "wb") as f:
        f.write(image)


def data_at(vaddr):
    return [(1, "vaddr", vaddr), (1, "paddr", vaddr)]


data_copy = [(2, f, v) for f, v in zip(FIELDS, phdrs()[1])]
BROKEN = {
    "noload": dict(changes=[(0, "type", PT_NULL), (1, "type", PT_NULL)]),
    "entrykernel": dict(entry=0xC0100000),
    "kernelseg": dict(changes=data_at(0xC0001200)),
    "fileszbig": dict(changes=[(1, "filesz", 0x101)]),
}
write("good", build())
write("low", build(text=0x10000, data=0x11200))
bss_pages = [(3 + i, f, v) for i in range(125)
             for f, v in zip(FIELDS, [PT_LOAD, 0, 0x0804A000 + 0x1000 * i, 0, 0, 0x1000, PF_R | PF_W, 0x1000])]
write("manyphdrs", build(phnum=128, phoff=0x1000, size=0x2000,
                         changes=[(2, "type", PT_LOAD), (2, "vaddr", 0x0804A000 + 0x1000 * 125),
                                  (2, "memsz", 0x1000), (2, "flags", PF_R | PF_W)] + bss_pages))
write("truncated", build()[:64])
write("hugephnum", build(phnum=0xFFFF))
for name, args in BROKEN.items():
    write(name, build(**args))
write("stackseg", build(changes=data_at(0xBF800200)))
write("lowseg", build(changes=data_at(0xF200)))
write("wrapseg", build(changes=[(1, "memsz", 0xFFFFF000)]))
write("bsskernel", build(changes=[(1, "memsz", 0xC0000000 - DATA + 0x1000)]))
write("offsetpast", build(changes=[(1, "offset", 0x2200)]))
write("misaligned", build(changes=[(1, "offset", DATA_OFF + 4)]))
write("entryout", build(entry=0x1000))
write("overlapsame", build(changes=data_copy))
write("overlapro", build(changes=data_copy + [(2, "flags", PF_R)]))
write("interppast", build(interp="/tests/good", changes=[(2, "offset", 0x2000)]))
for name in ["good"] + list(BROKEN):
    write(f"interp-{name}", build(interp=f"/tests/{name}"))
write("interpgone-fileszbig", build(interp="/tests/gone", changes=BROKEN["fileszbig"]["changes"]))
