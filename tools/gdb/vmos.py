"""vmos.py: GDB commands that show vmos's virtual memory: kps (processes),
kvmas (regions, like /proc/PID/maps), kpte (one address's PDE and PTE),
kframes (physical frames), kswap (swap slots) and kcheck (the kernel names
they rely on). Loaded by .gdbinit after the kernel's symbols; what they read
and how is tools/gdb/kmem.py. `help kpte` and so on describe each."""

import importlib
import os
import sys

import gdb

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kmem  # noqa: E402

importlib.reload(kmem)      # `source` again picks up edits to kmem.py

MAPS_PAD_WIDTH = 25 + 4 * 6 - 1     # as kernel/fs/procfs_show.c pads maps lines


class VmosCommand(gdb.Command):
    """A command whose `run` may raise kmem.NotReady: said, not an error."""

    def __init__(self, name):
        super().__init__(name, gdb.COMMAND_DATA)
        self.name = name

    def invoke(self, arg, from_tty):
        try:
            self.run(gdb.string_to_argv(arg))
        except kmem.NotReady as e:
            print(f"{self.name}: {e}")
        except gdb.MemoryError as e:
            if kmem.paging_on():
                raise
            print(f"{self.name}: paging is off: the kernel has not reached the higher half "
                  f"yet (try `break kernel_main`, `continue`)")


def number(text):
    """The value of a GDB expression as a 32-bit address or number:
    `0x0804d000`, `&shared_value`, `main`, `$cr2`, `va`."""
    try:
        v = gdb.parse_and_eval(text)
    except gdb.error as e:
        raise gdb.GdbError(f"{text}: {e}")
    if v.type.strip_typedefs().code in (gdb.TYPE_CODE_FUNC, gdb.TYPE_CODE_ARRAY):
        v = v.address
    return int(v) & 0xFFFFFFFF


def pte_flags(e):
    """`P -W U A -D COW`: each flag of mm/pte.h, '-' before a clear one."""
    return " ".join(n if e & bit else "-" + n for n, bit in kmem.PTE_FLAG_NAMES)


def map_line(r):
    """One region as kernel/fs/procfs_show.c writes a line of /proc/PID/maps."""
    if r.file is not None:
        node = r.file.dereference()
        ino = int(node["ino"])
        dev = kmem.inode_dev(r.file)
        off = r.shm_pgoff * 4096 if r.shm else r.file_off
        line = f"{r.start:08x}-{r.end:08x} {r.perms()} {off:08x} {dev >> 8:02x}:{dev & 0xff:02x} {ino} "
        name = kmem.inode_path(r.file) + (" (deleted)" if int(node["nlink"]) == 0 else "")
    elif r.shm:
        line = f"{r.start:08x}-{r.end:08x} {r.perms()} {r.shm_pgoff * 4096:08x} 00:01 0 "
        name = (f"/SYSV{kmem.sysv_key(r.shm):08x} (deleted)" if r.flags & kmem.VM_SYSV
                else "/dev/zero (deleted)")
    else:
        line = f"{r.start:08x}-{r.end:08x} {r.perms()} 00000000 00:00 0 "
        name = ("[heap]" if r.flags & kmem.VM_HEAP else
                "[stack]" if r.flags & kmem.VM_GROWSDOWN else None)
    if name:
        line = line.ljust(MAPS_PAD_WIDTH) + " " + name
    return line


class KPs(VmosCommand):
    """List the processes of proc_table: kps

For each used slot: pid, parent's pid, state, name, the physical address
of its page directory (what CR3 holds while it runs: mm->pgdir_phys; `-`
for the idle process, which has no address space), and its resident and
swapped pages, counted over its regions' PTEs like mm_count_pages does.
`*` marks `current`."""

    def __init__(self):
        super().__init__("kps")

    def run(self, argv):
        ps = kmem.procs()
        if not ps:
            raise kmem.NotReady("no processes yet (before proc_init)")
        cur = kmem.value("current")
        cur = int(cur) if int(cur) else None
        print("  PID  PPID STATE     NAME             PGDIR         RSS   SWAP")
        for p in ps:
            if p.mm is None:
                pgdir, rss, swap = "-", "-", "-"
            else:
                pgdir = f"{p.pgdir_phys:#010x}"
                rss, swap = kmem.count_pages(p.mm)
            mark = "*" if p.addr == cur else " "
            print(f"{mark}{p.pid:4} {p.ppid:5} {p.state:9} {p.name:16} {pgdir:10} "
                  f"{rss:>6} {swap:>6}")


class KVmas(VmosCommand):
    """List a process's regions (struct vma), like /proc/PID/maps: kvmas [PID]

Without PID: the current process. One line per region: start-end,
permissions (r w x, then p for private or s for shared), file offset,
device and inode, and a name: the file's path for a region backed by a
file, [heap], [stack]. The same format as /proc/PID/maps, so the two can
be compared line by line."""

    def __init__(self):
        super().__init__("kvmas")

    def run(self, argv):
        p = kmem.proc_arg(argv[0] if argv else "")
        if p.mm is None:
            print(f"pid {p.pid} ({p.name}) has no address space")
            return
        print(f"pid {p.pid} ({p.name}): page directory at phys {p.pgdir_phys:#010x}, "
              f"brk {int(p.mm['brk_start']):#010x}-{int(p.mm['brk']):#010x}")
        for r in kmem.regions(p.mm):
            print(map_line(r))


class KPte(VmosCommand):
    """Walk the page tables for one address: kpte ADDR [PID]

ADDR is any expression (0x0804d000, &shared_value, $cr2, va); quote it if
it has spaces. The walk starts at CR3 (or, given PID, at that process's
mm->pgdir_phys) and prints the PDE's index and value (a PDE without W
is a page table shared since fork: how many share it), then the PTE's index
and value with each flag of mm/pte.h decoded (P present, W writable,
U user, A accessed, D dirty, COW copy-on-write; `-W` means W is clear),
then what the PTE holds: a frame (its physical address and its struct
page: count, flags, and the PTEs that map it), a swap entry (its slot), or
nothing ("not mapped")."""

    def __init__(self):
        super().__init__("kpte")

    def run(self, argv):
        if not argv or len(argv) > 2:
            raise gdb.GdbError("usage: kpte ADDR [PID]")
        addr = number(argv[0])
        if len(argv) == 2:
            p = kmem.find_proc(number(argv[1]))
            if p.mm is None:
                raise gdb.GdbError(f"pid {p.pid} ({p.name}) has no address space")
            pgdir, where = p.pgdir_phys, "pid {} ({})".format(p.pid, p.name)
        else:
            pgdir, p = self.cr3()
            where = f"pid {p.pid} ({p.name})" if p else "the kernel's page directory"
        print(f"{addr:#010x} in {where}: page directory at phys {pgdir:#010x}")
        w = kmem.Walker(pgdir)
        pdx, ptx = addr >> 22, (addr >> 12) & 0x3FF
        pde = w.pde(addr)
        if not pde & kmem.PTE_PRESENT:
            print(f"  PDE[{pdx}] = {pde:#010x}  not present")
            print("  not mapped: no page table for these 4 MiB" + self.region(p, addr))
            return
        print(f"  PDE[{pdx}] = {pde:#010x}  {pte_flags(pde)}"
              + (" PS" if pde & kmem.PTE_HUGE else ""))
        if pde & kmem.PTE_HUGE:
            phys = (pde & 0xFFC00000) | (addr & 0x3FFFFF)
            print(f"  a 4 MiB page: {addr:#010x} is phys {phys:#010x}")
            return
        print(f"  page table at phys {pde & ~0xFFF:#010x}")
        if not pde & kmem.PTE_WRITE:
            self.shared_table(pde)
        pte = w.table(pdx)[ptx]
        if pte == 0:
            print(f"  PTE[{ptx}] = 0x00000000  not mapped: never touched" + self.region(p, addr))
        elif kmem.pte_is_swap(pte):
            print(f"  PTE[{ptx}] = {pte:#010x}  not present")
            self.swap(kmem.pte_swap_slot(pte))
        else:
            print(f"  PTE[{ptx}] = {pte:#010x}  {pte_flags(pte)}")
            self.frame(pte, pde)

    @staticmethod
    def cr3():
        """The page directory in CR3, and the process it belongs to (or None)."""
        try:
            pgdir = int(gdb.parse_and_eval("$cr3")) & ~0xFFF
        except gdb.error:
            cur = kmem.current_proc()
            if cur.mm is None:
                raise kmem.NotReady("no CR3 from this stub, and no current address space")
            return cur.pgdir_phys, cur
        if pgdir == 0 or not kmem.paging_on():
            raise kmem.NotReady("paging is off: no page directory in CR3 yet")
        try:
            return pgdir, next((p for p in kmem.procs() if p.pgdir_phys == pgdir), None)
        except kmem.NotReady:
            return pgdir, None

    @staticmethod
    def region(p, addr):
        if p is None or p.mm is None or addr >= kmem.KERNEL_BASE:
            return ""
        r = kmem.find_region(kmem.regions(p.mm), addr)
        if r is None:
            return "; in no region: a user access is SIGSEGV (unless it grows the stack)"
        return f"; its region {r.start:08x}-{r.end:08x} {r.perms()} says how to fill it"

    @staticmethod
    def shared_table(pde):
        """A PDE without W: its table was shared at fork (mm/pgtable_share.c)."""
        info = kmem.frame_info(pde >> 12)
        n = info[0] if info else 0
        if n > 1:
            print(f"  shared since fork by {n} address spaces, read-only to all of them: "
                  "the first change through one copies it")
        else:
            print("  shared at fork, now this address space's alone: "
                  "the first change makes it writable again")

    @staticmethod
    def frame(pte, pde=kmem.PTE_WRITE):
        phys = pte & ~0xFFF
        kind = ("writable" if pte & kmem.PTE_WRITE else
                "read-only, copy-on-write" if pte & kmem.PTE_COW else "read-only")
        if pte & kmem.PTE_WRITE and not pde & kmem.PTE_WRITE:
            kind = "writable, but read-only through the shared page table"
        print(f"  -> frame at phys {phys:#010x}, {kind}")
        info = kmem.frame_info(phys >> 12)
        if info is None:
            print(f"  frame {phys:#010x} is outside frame_table")
            return
        count, flags, _, mapcount = info
        bits = {n: b for b, n in kmem.enum_names("PG_FREE").items()}
        zero = flags & bits.get("PG_ZERO", 0)
        users = [] if zero else [f"pid {pid} at {va:#010x}" for pid, va in kmem.frame_mappers(phys)]
        shared = " (shared)" if count > 1 or mapcount > 1 else ""
        print(f"  struct page (pfn {phys >> 12}): count {count}, flags {flags:#06x} "
              f"[{kmem.page_flag_names(flags)}]{shared}")
        if zero:
            print(f"  the shared zero page: mapped read-only by {count - 1} PTEs in all "
                  "(not in any reverse map); a write gets a private zeroed frame")
            return
        print(f"  mapped by {mapcount} PTE{'s' if mapcount != 1 else ''}: "
              + (", ".join(users) or "none")
              + (" (through page tables they share)" if len(users) > mapcount else ""))

    @staticmethod
    def swap(slot):
        try:
            sm = kmem.SwapMap()
        except kmem.NotReady:
            print(f"  swap entry: slot {slot} (no swap map to look it up in)")
            return
        if slot >= sm.nslots:
            print(f"  swap entry: slot {slot}, beyond the {sm.nslots} slots: a corrupt PTE")
            return
        cached = sm.cache[slot]
        where = (f"cached in frame {kmem.page_pfn(cached) << 12:#010x}" if cached
                 else "not in the swap cache")
        n = sm.counts[slot]
        print(f"  swap entry: slot {slot}, held by {n} PTE{'' if n == 1 else 's'}, {where}")


class KFrames(VmosCommand):
    """Count physical frames: kframes

Total, free and used frames (mm/frame.c's nr_total and nr_free, checked
against a scan of frame_table's PG_FREE flags), the used ones by kind
(from their PG_* flags; "user" is a mapped frame in no cache), and the
frames that are shared: mapped by more than one PTE (mapcount above one)
or holding more than one reference (count > 1)."""

    def __init__(self):
        super().__init__("kframes")

    def run(self, argv):
        f = kmem.Frames()
        total = int(kmem.static_value("mm/frame.c", "nr_total"))
        free = int(kmem.static_value("mm/frame.c", "nr_free"))
        bits = {n: b for b, n in kmem.enum_names("PG_FREE").items()}
        scan_free = sum(1 for fl in f.flags if fl & bits["PG_FREE"])
        print(f"frames: {total} total, {free} free, {total - free} used "
              f"(frame_table covers {f.n} pfns)")
        if scan_free != free:
            print(f"  warning: {scan_free} frames have PG_FREE, but nr_free is {free}")
        kinds = [("PG_PGTABLE", "page tables"), ("PG_SLAB", "slab"),
                 ("PG_KMALLOC_RUN", "kmalloc runs"), ("PG_FILECACHE", "page cache"),
                 ("PG_SWAPCACHE", "swap cache"), ("PG_SHM", "shared memory"),
                 ("PG_LOCKED", "under I/O"), ("PG_ZERO", "zero page")]
        parts = [f"{label} {sum(1 for fl in f.flags if fl & bits[name])}"
                 for name, label in kinds if name in bits]
        cached = sum(bits.get(n, 0) for n in ("PG_FILECACHE", "PG_SWAPCACHE", "PG_SHM"))
        user = sum(1 for fl, m in zip(f.flags, f.mapcount) if m and not fl & cached)
        print("  used by kind: " + ", ".join(parts + [f"user {user}"]))
        multi = sum(1 for m in f.mapcount if m > 1)
        counted = sum(1 for fl, c in zip(f.flags, f.count)
                      if c > 1 and not fl & bits["PG_FREE"])
        print(f"  shared: {multi} frames mapped by more than one PTE, "
              f"{counted} frames with count > 1")


class KSwap(VmosCommand):
    """Show the swap slots in use: kswap [N]

The swap area's usable and free slot counts (mm/swap_map.c), then the
first N slots in use (default 16): how many PTEs hold each slot's swap
entry, the frame cached for it (the swap cache), and which processes'
PTEs hold it (found by walking every address space). Sets $kswap_slot,
$kswap_pid and $kswap_va to the first slot listed and its first holder,
for `kpte $kswap_va $kswap_pid`."""

    def __init__(self):
        super().__init__("kswap")

    def run(self, argv):
        limit = number(argv[0]) if argv else 16
        sm = kmem.SwapMap()
        used = sm.used()
        print(f"swap: {sm.nusable} usable slots, {len(used)} in use, {sm.nfree} free")
        if not used:
            return
        shown = used[:limit]
        holders = kmem.swap_holders(shown)
        print(" slot  PTEs  cached frame  held by")
        for s in shown:
            cached = f"{kmem.page_pfn(sm.cache[s]) << 12:#010x}" if sm.cache[s] else "-"
            who = ", ".join(f"pid {pid} at {va:#010x}" for pid, va in holders[s]) or "-"
            print(f"{s:5} {sm.counts[s]:5}  {cached:12}  {who}")
        if len(used) > limit:
            print(f"  ... and {len(used) - limit} more")
        gdb.set_convenience_variable("kswap_slot", shown[0])
        if holders[shown[0]]:
            pid, va = holders[shown[0]][0]
            gdb.set_convenience_variable("kswap_pid", pid)
            gdb.set_convenience_variable("kswap_va", va)


class KCheck(VmosCommand):
    """Check that the kernel has every symbol, type and field the vmos
helpers read: kcheck

Fails (an error, so a GDB script stops) naming each one that is missing,
e.g. after a rename in the kernel; tools/gdb/kmem.py's DEPENDS lists them."""

    def __init__(self):
        super().__init__("kcheck")

    def run(self, argv):
        bad = kmem.check_depends()
        if bad:
            raise gdb.GdbError("kcheck: missing from the kernel's debug info: "
                               + ", ".join(bad))
        print(f"kcheck: all {len(kmem.DEPENDS)} kernel names the helpers read are present")


for command in (KPs, KVmas, KPte, KFrames, KSwap, KCheck):
    command()
