"""kmem.py: reading vmos's memory-management state from GDB: processes,
regions, page tables, struct page and the swap map. The commands that print
it are tools/gdb/vmos.py. Struct layouts come from the kernel's debug info;
only the macros below (which -g does not record) are copied from the
headers named beside them, and `kcheck` checks everything else exists."""

import struct

import gdb

# mm/layout.h: all of RAM is mapped at KERNEL_BASE + phys, up to KERNEL_MAP_MAX.
KERNEL_BASE = 0xC0000000
KERNEL_MAP_MAX = 768 << 20
PAGE_SIZE = 4096
PT_ENTRIES = 1024
PDE_SPAN = PAGE_SIZE * PT_ENTRIES

# mm/pte.h
PTE_PRESENT, PTE_WRITE, PTE_USER = 0x001, 0x002, 0x004
PTE_ACCESSED, PTE_DIRTY, PTE_HUGE, PTE_GLOBAL = 0x020, 0x040, 0x080, 0x100
PTE_COW = 0x200
PTE_FLAG_NAMES = [("P", PTE_PRESENT), ("W", PTE_WRITE), ("U", PTE_USER),
                  ("A", PTE_ACCESSED), ("D", PTE_DIRTY), ("COW", PTE_COW)]

# mm/vma.h
VM_READ, VM_WRITE, VM_EXEC = 0x1, 0x2, 0x4
VM_SHARED, VM_GROWSDOWN, VM_HEAP, VM_SYSV = 0x10, 0x20, 0x40, 0x80

# mm/swap_map.c
SLOT_RESERVED = 0xFFFF

# Every kernel name the helpers read: (what, name). `kcheck` looks each up.
DEPENDS = [
    ("symbol", "proc_table"), ("symbol", "current"), ("symbol", "frame_table"),
    ("symbol", "frame_max_pfn"), ("static", "mm/frame.c:nr_free"),
    ("static", "mm/frame.c:nr_total"), ("static", "mm/swap_map.c:counts"),
    ("static", "mm/swap_map.c:cache"), ("static", "mm/swap_map.c:nslots"),
    ("static", "mm/swap_map.c:nusable"), ("static", "mm/swap_map.c:nfree"),
    ("enum", "PROC_UNUSED"), ("enum", "PG_FREE"),
    ("field", "struct proc:pid"), ("field", "struct proc:state"),
    ("field", "struct proc:name"), ("field", "struct proc:parent"),
    ("field", "struct proc:mm"),
    ("field", "struct mm:pgdir"), ("field", "struct mm:pgdir_phys"),
    ("field", "struct mm:vmas"), ("field", "struct mm:brk_start"), ("field", "struct mm:brk"),
    ("field", "struct vma:start"), ("field", "struct vma:end"), ("field", "struct vma:flags"),
    ("field", "struct vma:file"), ("field", "struct vma:file_off"), ("field", "struct vma:next"),
    ("field", "struct inode:ino"), ("field", "struct inode:parent"),
    ("field", "struct inode:name"), ("field", "struct inode:nlink"),
    ("field", "struct inode:sb"), ("field", "struct tmpfs_sb:dev"),
    ("field", "struct page:count"), ("field", "struct page:flags"),
    ("field", "struct page:index"), ("field", "struct page:mapcount"),
    ("field", "struct page:va"),
    ("field", "struct vma:shm"), ("field", "struct vma:shm_pgoff"),
    ("static", "kernel/ipc_shm.c:segments"), ("field", "struct segment:key"),
    ("field", "struct segment:obj"), ("field", "struct segment:used"),
]


class NotReady(Exception):
    """The kernel has not set up what was asked for (yet)."""


def missing_symbol(name, why):
    return gdb.GdbError(f"kernel symbol {name} not found ({why}): was it renamed? "
                        "tools/gdb/kmem.py reads it; `kcheck` lists what it needs")


# --- raw memory -----------------------------------------------------------

def paging_on():
    """True unless CR0 says paging is off (QEMU shows CR0; other stubs may not)."""
    try:
        return bool(int(gdb.parse_and_eval("$cr0")) & 0x80000000)
    except gdb.error:
        return True


def read(addr, n):
    """n bytes of kernel-virtual memory at addr."""
    if n == 0:
        return b""
    try:
        return bytes(gdb.selected_inferior().read_memory(addr, n))
    except gdb.MemoryError:
        if not paging_on():
            raise NotReady("paging is off: the kernel has not reached the higher half yet "
                           "(try `break kernel_main`, `continue`)")
        raise NotReady(f"cannot read kernel memory at {addr:#010x}")


def read_phys(phys, n):
    """n bytes of RAM at physical address phys, through the kernel's map."""
    if phys + n > KERNEL_MAP_MAX:
        raise gdb.GdbError(f"physical {phys:#010x} is beyond the kernel's map of RAM")
    return read(KERNEL_BASE + phys, n)


def words(data):
    return struct.unpack(f"<{len(data) // 4}I", data)


def u32(addr):
    return words(read(addr, 4))[0]


# --- symbols and types ----------------------------------------------------

def value(name):
    """A kernel global variable."""
    try:
        return gdb.parse_and_eval(name)
    except gdb.error as e:
        raise missing_symbol(name, e)


def static_value(path, name):
    """A file-static variable: `name` defined in the source file `path`."""
    for s in gdb.lookup_static_symbols(name):
        if s.symtab and s.symtab.filename.endswith(path):
            return s.value()
    raise missing_symbol(f"{path}:{name}", "no static of that name in that file")


def enum_value(name):
    try:
        return int(gdb.parse_and_eval(name))
    except gdb.error as e:
        raise missing_symbol(name, e)


def enum_names(member):
    """{value: name} for the enum that member belongs to (its debug info)."""
    t = gdb.parse_and_eval(member).type.strip_typedefs()
    return {f.enumval: f.name for f in t.fields()}


def field_offsets(type_name, *names):
    """The size of type_name and the byte offsets of the named fields
    (looked for in anonymous unions too)."""
    t = gdb.lookup_type(type_name).strip_typedefs()
    found = {}

    def scan(ty, base):
        for f in ty.fields():
            if f.name in names:
                found[f.name] = base + f.bitpos // 8
            elif f.name is None and f.type.strip_typedefs().code in (
                    gdb.TYPE_CODE_UNION, gdb.TYPE_CODE_STRUCT):
                scan(f.type.strip_typedefs(), base + f.bitpos // 8)
    scan(t, 0)
    for n in names:
        if n not in found:
            raise missing_symbol(f"{type_name}.{n}", "no such field")
    return t.sizeof, found


def has_field(type_name, name):
    try:
        return any(f.name == name for f in gdb.lookup_type(type_name).strip_typedefs().fields())
    except gdb.error:
        return False


def check_depends():
    """Returns the list of DEPENDS entries this kernel's debug info lacks."""
    bad = []
    for what, name in DEPENDS:
        try:
            if what == "symbol":
                gdb.lookup_global_symbol(name) or gdb.parse_and_eval(f"&{name}")
            elif what == "static":
                path, var = name.split(":")
                static_value(path, var)
            elif what == "enum":
                gdb.parse_and_eval(name)
            else:
                type_name, fld = name.split(":")
                field_offsets(type_name, fld)
        except (gdb.error, gdb.GdbError):
            bad.append(f"{what} {name}")
    return bad


# --- processes and regions ------------------------------------------------

class Proc:
    """One used slot of proc_table, copied out."""

    def __init__(self, v, state_names):
        self.pid = int(v["pid"])
        self.state = state_names.get(int(v["state"]), str(int(v["state"])))
        self.state = self.state.lower().replace("proc_", "")
        self.name = v["name"].string(errors="replace")
        parent = v["parent"]
        self.ppid = int(parent.dereference()["pid"]) if int(parent) else 0
        self.mm = v["mm"] if int(v["mm"]) else None
        self.addr = int(v.address)

    @property
    def pgdir_phys(self):
        return int(self.mm["pgdir_phys"]) if self.mm is not None else None


def procs():
    """The used slots of proc_table, in table order."""
    table = value("proc_table")
    unused = enum_value("PROC_UNUSED")
    names = enum_names("PROC_UNUSED")
    read(int(table.address), table.type.sizeof)     # fails cleanly before paging
    out = []
    for i in range(table.type.range()[1] + 1):
        p = table[i]
        if int(p["state"]) != unused:
            out.append(Proc(p, names))
    return out


def current_proc():
    cur = value("current")
    if int(cur) == 0:
        raise NotReady("no current process yet (before proc_init)")
    read(int(cur), 4)
    return Proc(cur.dereference(), enum_names("PROC_UNUSED"))


def find_proc(pid):
    for p in procs():
        if p.pid == pid:
            return p
    raise gdb.GdbError(f"no process with pid {pid}")


def proc_arg(text):
    """The process a command names (a pid expression), or the current one."""
    return find_proc(int(gdb.parse_and_eval(text))) if text else current_proc()


class Region:
    def __init__(self, v):
        self.start, self.end = int(v["start"]), int(v["end"])
        self.flags = int(v["flags"])
        self.file = v["file"] if int(v["file"]) else None
        self.file_off = int(v["file_off"])
        self.shm = int(v["shm"]) if has_field("struct vma", "shm") else 0
        self.shm_pgoff = int(v["shm_pgoff"]) if self.shm else 0

    def perms(self):
        f = self.flags
        return "".join([("r" if f & VM_READ else "-"), ("w" if f & VM_WRITE else "-"),
                        ("x" if f & VM_EXEC else "-"), ("s" if f & VM_SHARED else "p")])


def regions(mm):
    """The regions of a struct mm (a gdb.Value pointer), in list order."""
    out = []
    v = mm["vmas"]
    while int(v) and len(out) < 100000:
        out.append(Region(v.dereference()))
        v = v.dereference()["next"]
    return out


def find_region(regs, va):
    for r in regs:
        if r.start <= va < r.end:
            return r
    return None


def inode_path(ip):
    """The absolute path of an inode, walking up its parents like
    kernel/fs/procfs_show.c does."""
    parts = []
    while len(parts) < 64:
        node = ip.dereference()
        if int(node["parent"]) == int(ip):
            break
        parts.append(node["name"].address.cast(gdb.lookup_type("char").pointer()).string())
        ip = node["parent"]
    return "/" + "/".join(reversed(parts))


def inode_dev(ip):
    """st_dev of an inode as kernel/fs/tmpfs.c's inode_dev gives it: its
    tmpfs's number, or 00:01 for the read-only root."""
    node = ip.dereference()
    if has_field("struct inode", "sb") and int(node["sb"]):
        return int(node["sb"].dereference()["dev"])
    return 1


# --- page tables ----------------------------------------------------------

def pte_is_swap(e):
    return e != 0 and not e & PTE_PRESENT


def pte_swap_slot(e):
    return e >> 1


class Walker:
    """One address space's page directory, and its page tables as they are
    asked for; each is read from RAM once."""

    def __init__(self, pgdir_phys):
        self.pgdir_phys = pgdir_phys
        self.pgdir = words(read_phys(pgdir_phys, PAGE_SIZE))
        self.tables = {}

    def pde(self, va):
        return self.pgdir[va >> 22]

    def table(self, pdx):
        """The 1024 PTEs under PDE pdx, or None (not present, or a 4 MiB page)."""
        e = self.pgdir[pdx]
        if not e & PTE_PRESENT or e & PTE_HUGE:
            return None
        if pdx not in self.tables:
            self.tables[pdx] = words(read_phys(e & ~0xFFF, PAGE_SIZE))
        return self.tables[pdx]

    def ptes(self, start, end):
        """(va, pte) for each page in [start, end) that has a page table."""
        va = start
        while start <= va < end:
            t = self.table(va >> 22)
            if t is None:
                va = (va & ~(PDE_SPAN - 1)) + PDE_SPAN
                continue
            yield va, t[(va >> 12) & 0x3FF]
            va += PAGE_SIZE


def count_pages(mm):
    """(resident, swapped) pages of mm's regions, as mm_count_pages counts."""
    w = Walker(int(mm["pgdir_phys"]))
    rss = swap = 0
    for r in regions(mm):
        for _, e in w.ptes(r.start, r.end):
            rss += bool(e & PTE_PRESENT)
            swap += pte_is_swap(e)
    return rss, swap


# --- frames ---------------------------------------------------------------

class Frames:
    """frame_table, copied out in one read: per pfn, count, flags, mapcount."""

    def __init__(self):
        base = int(value("frame_table"))
        self.n = int(value("frame_max_pfn"))
        if base == 0 or self.n == 0:
            raise NotReady("the frame table is not built yet (before frame_init)")
        size, off = field_offsets("struct page", "count", "flags", "mapcount", "index")
        data = read(base, self.n * size)
        self.base, self.size = base, size
        self.count = [struct.unpack_from("<I", data, i * size + off["count"])[0]
                      for i in range(self.n)]
        self.flags = [struct.unpack_from("<H", data, i * size + off["flags"])[0]
                      for i in range(self.n)]
        self.mapcount = [struct.unpack_from("<I", data, i * size + off["mapcount"])[0]
                         for i in range(self.n)]


def page_flag_names(flags):
    names = [name for bit, name in sorted(enum_names("PG_FREE").items()) if flags & bit]
    return " ".join(n.replace("PG_", "").lower() for n in names)


def frame_info(pfn):
    """(count, flags, index, mapcount) of frame_table[pfn]."""
    base = int(value("frame_table"))
    if base == 0 or pfn >= int(value("frame_max_pfn")):
        return None
    size, off = field_offsets("struct page", "count", "flags", "mapcount", "index")
    data = read(base + pfn * size, size)
    return (struct.unpack_from("<I", data, off["count"])[0],
            struct.unpack_from("<H", data, off["flags"])[0],
            struct.unpack_from("<I", data, off["index"])[0],
            struct.unpack_from("<I", data, off["mapcount"])[0])


def frame_mappers(phys):
    """[(pid, va)]: the present PTEs of every process's regions that map the
    frame at phys (the kernel counts them in mapcount, and finds them the
    same way: mm/rmap.c)."""
    out = []
    for p in procs():
        if p.mm is None:
            continue
        w = Walker(p.pgdir_phys)
        for r in regions(p.mm):
            for va, e in w.ptes(r.start, r.end):
                if e & PTE_PRESENT and e & ~0xFFF == phys:
                    out.append((p.pid, va))
    return out


def pid_by_pgdir():
    """{page directory kernel-virtual address: pid} for every process."""
    return {int(p.mm["pgdir"]): p.pid for p in procs() if p.mm is not None}


# --- swap -----------------------------------------------------------------

class SwapMap:
    """mm/swap_map.c's arrays, copied out: PTE count and cached frame per slot."""

    def __init__(self):
        counts = static_value("mm/swap_map.c", "counts")
        cache = static_value("mm/swap_map.c", "cache")
        self.nslots = int(static_value("mm/swap_map.c", "nslots"))
        self.nusable = int(static_value("mm/swap_map.c", "nusable"))
        self.nfree = int(static_value("mm/swap_map.c", "nfree"))
        if int(counts) == 0 or self.nslots == 0:
            raise NotReady("no swap area (swap=off, no disk with a swap signature, "
                           "or swap_init has not run yet)")
        self.counts = struct.unpack(f"<{self.nslots}H", read(int(counts), 2 * self.nslots))
        self.cache = words(read(int(cache), 4 * self.nslots))

    def used(self):
        """Slots in use: held by a PTE or caching a frame (not reserved)."""
        return [s for s in range(1, self.nslots)
                if self.counts[s] != SLOT_RESERVED and (self.counts[s] or self.cache[s])]


def page_pfn(page_ptr):
    """The pfn of a struct page pointer (kernel-virtual)."""
    size, _ = field_offsets("struct page", "count")
    return (page_ptr - int(value("frame_table"))) // size


def swap_holders(slots):
    """{slot: [(pid, va)]}: the PTEs of every process holding one of slots."""
    want = set(slots)
    out = {s: [] for s in want}
    for p in procs():
        if p.mm is None:
            continue
        w = Walker(p.pgdir_phys)
        for r in regions(p.mm):
            for va, e in w.ptes(r.start, r.end):
                if pte_is_swap(e) and pte_swap_slot(e) in want:
                    out[pte_swap_slot(e)].append((p.pid, va))
    return out


def sysv_key(shm):
    """The System V key of the segment whose object is shm (kernel/ipc_shm.c's
    table), or 0 when it was removed: what /proc maps shows as /SYSV<key>."""
    segs = static_value("kernel/ipc_shm.c", "segments")
    for i in range(segs.type.range()[1] + 1):
        s = segs[i]
        if int(s["used"]) and int(s["obj"]) == shm:
            return int(s["key"]) & 0xFFFFFFFF
    return 0
