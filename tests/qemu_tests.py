"""qemu_tests.py: the table of QEMU tests. Each boots the kernel with its
own command line (or the GRUB ISO), may answer prompts on the serial line,
and passes only on its exact kernel exit status (QEMU exits 2*status+1)
and its log: every `must` pattern present, every `must_not` absent."""

import re
from dataclasses import dataclass, field
from typing import Callable, List, Optional, Tuple

PANIC = 113             # POWER_PANIC_STATUS in kernel/power.h
PROMPT = r"kmon> "
SHELL = r"\$ "
NO_INIT = "init=/nonexistent"      # the monitor takes over when init cannot run


@dataclass
class Disk:
    """A fresh raw image the runner makes for one test (never shared: tests
    run in parallel) at build/tests/NAME-hdX.img, on IDE position index
    (0-3: hda..hdd): size bytes of zeros, head written at offset 0, then
    mkswap if asked."""
    index: int
    size: int = 8 << 20
    head: bytes = b""
    mkswap: bool = False


ATATEST = b"ATATEST!"      # the scratch-disk marker of ktest=ata (kernel/dev/ata_test.c)


@dataclass
class Test:
    name: str
    cmdline: str = ""
    status: int = 0
    must: List[str] = field(default_factory=list)
    must_not: List[str] = field(default_factory=list)
    script: List[Tuple[str, str]] = field(default_factory=list)  # (wait for, send)
    mem: int = 128
    iso: bool = False
    qemu_monitor: bool = False   # serial muxed with QEMU's monitor (Ctrl-A c)
    qemu_extra: List[str] = field(default_factory=list)
    gdb: Optional[List[str]] = None
    check: Optional[Callable[[str], Optional[str]]] = None
    timeout: int = 60
    disks: List[Disk] = field(default_factory=list)
    # Called after the boot with {index: image path}; returns why it failed.
    check_disks: Optional[Callable[[dict], Optional[str]]] = None
    initrd: str = "initrd.cpio"  # under build/
    # A stock program and its arguments (path under build/): the runner runs
    # it on the host too, and its verdict lines must match the boot's.
    reference: Optional[List[str]] = None


def check_info_mem(log):
    """QEMU's `info mem`: the kernel half is mapped, supervisor-only, and no
    range at all is user-accessible."""
    ranges = [l.strip() for l in log.split("\n") if re.match(r"^(00000000)?[0-9a-f]{8}-[0-9a-f]{8,16} ", l)]
    if not any(re.match(r"^(00000000)?c0000000-", l) and l.endswith(" -rw") for l in ranges):
        return "info mem: no supervisor read/write range at c0000000"
    user = [l for l in ranges if l.split()[-1].startswith("u")]
    if user:
        return f"info mem: user-accessible ranges: {user}"
    return None


def exception_test(name, ktest, *must):
    """A kernel test that provokes an exception: the diagnosis is printed
    and the machine exits with the panic status, never a pass."""
    return Test(name, f"ktest={ktest}", PANIC,
                must=[r"^kernel exception: "] + list(must) + [r"^backtrace:", r"ktest_run\+0x"],
                must_not=[rf"ktest: {ktest} passed"])


def program_test(name, prog, args="", must=(), mem=128, timeout=120):
    """Boots straight into a test program (init=/tests/PROG) that prints
    `ok CASE` / `FAIL CASE` lines and `PROG: N passed, M failed`, and exits
    with the number of failures."""
    return Test(name, f"quiet init=/tests/{prog}" + (f" -- {args}" if args else ""), 0,
                must=[rf"^{prog}: \d+ passed, 0 failed$", r"^init exited with status 0$"] + list(must),
                must_not=[r"^FAIL ", r"^kernel panic", r"^kernel exception"],
                mem=mem, timeout=timeout)


def stock_test(name, prog, args="", must=(), mem=128, timeout=120, cmdline="quiet",
               reference=True, must_not=()):
    """Boots straight into a stock program (tests/stock/PROG.c, built with
    the distribution's gcc -m32 -static, /stock/PROG in initrd-stock.cpio).
    It prints `ok CASE` / `FAIL CASE: why` lines and `PROG: N passed, M
    failed`; those lines must be the same as the same binary prints on the
    host's Linux (reference=False where the host's answer cannot be the
    same, with the reason beside the test)."""
    summary = re.sub(r"-(dyn|pie)$", "", prog)     # NAME-dyn and NAME-pie print NAME's
    return Test(name, f"{cmdline} init=/stock/{prog}" + (f" -- {args}" if args else ""), 0,
                must=[rf"^{summary}: \d+ passed, 0 failed$", r"^init exited with status 0$"] + list(must),
                must_not=[r"^FAIL ", r"^kernel panic", r"^kernel exception"] + list(must_not),
                mem=mem, timeout=timeout, initrd="initrd-stock.cpio",
                reference=[f"stock/{prog}"] + args.split() if reference else None)


def check_interp_first_fetch(log):
    """With trace=exec,fault: the first fault of a dynamic program is the
    fetch of ld.so's first instruction, at the entry exec announced, in a
    page nothing has mapped yet."""
    m = re.search(r"^\[exec\] pid 1 exec \S+: interpreter at (0x[0-9a-f]{8}), entry (0x[0-9a-f]{8})$",
                  log, re.M)
    if not m:
        return "no [exec] line for the interpreter"
    first = re.search(r"^\[fault\] .*$", log[m.end():], re.M)
    want = rf"^\[fault\] pid 1 addr {m.group(2)} user read not present eip {m.group(2)} -> handled"
    if not first or not re.match(want, first.group(0)):
        return f"first fault {first and first.group(0)!r} is not ld.so's entry {m.group(2)}"
    return None


def sector(path, n, length=512):
    with open(path, "rb") as f:
        f.seek(n * 512)
        return f.read(length)


def check_ata_written(index):
    """After ktest=ata on a fresh marked disk at index: the marker is kept,
    and sectors 1 (polled) and 65, 129 (the two interrupt-driven threads)
    hold the pattern with seed 1: 32-bit words seed<<24 | sector<<8 | k."""
    def check(paths):
        p = paths[index]
        if sector(p, 0, 8) != ATATEST:
            return "disk: marker in sector 0 overwritten"
        for s in (1, 64, 65, 128, 129, 192):
            want = b"".join((1 << 24 | s << 8 | k).to_bytes(4, "little") for k in range(128))
            if sector(p, s) != want:
                return f"disk: sector {s} does not hold the test pattern"
        if sector(p, 193) != bytes(512):
            return "disk: sector 193 was written"
        return None
    return check


def check_untouched(*indexes):
    """The disks at indexes still hold what the runner made: their first
    page as it was (head, or mkswap's header), zeros after it."""
    def check(paths):
        for i in indexes:
            with open(paths[i], "rb") as f:
                data = f.read()
            if data[:4096] != DISK_HEADS[paths[i]] or any(data[4096:]):
                return f"disk {i}: written by the kernel"
        return None
    return check


DISK_HEADS = {}     # filled by the runner: image path -> its first page as made


# What ktest=ata must show when the disk goes by DMA (the bus master found,
# with the ports the kernel gave it, as qboot gives none; 7 polled
# commands, a read into an odd address by PIO, 12 interrupt-driven ones),
# and when there is no bus master (all of them by PIO).
ATA_BY_DMA = [r"^ata: IDE controller 00:01\.1, bus master at port 0xc000$",
              r"^ata: polled path: 7 commands by DMA in \d+ PRD entries, 1 by PIO$",
              r"^ata: interrupt path: 12 commands by DMA in \d+ PRD entries, 0 by PIO$"]
ATA_BY_PIO = [r"^ata: polled path: 0 commands by DMA in 0 PRD entries, 8 by PIO$",
              r"^ata: interrupt path: 0 commands by DMA in 0 PRD entries, 12 by PIO$"]


def ata_test(name, index, method="DMA", must=(), qemu_extra=()):
    hd = "hd" + "abcd"[index]
    return Test(name, "ktest=ata", 0, disks=[Disk(index, head=ATATEST)],
                check_disks=check_ata_written(index), qemu_extra=list(qemu_extra),
                must=[rf"^ata: {hd}: 16384 sectors \(8 MiB\), {method}$",
                      rf"^ata: selftest on {hd} \(16384 sectors\), seed 0x01$",
                      r"^ata: interrupt path: threads found asleep in the driver [1-9]\d* times$",
                      r"^ata: DMA commands failed and retried by PIO: 0$",
                      r"^ata: selftest passed$", r"^ktest: ata passed$"]
                + (ATA_BY_DMA if method == "DMA" else ATA_BY_PIO) + list(must),
                must_not=[r"FAILED", r"^ata: .*(error|timed out)"])


def swap_test(name, case, mem="8M", swap_mb=64, must=(), timeout=240):
    """Boots `t_swap CASE` with mem= small and a fresh swap disk made by
    mkswap at hdb; the program checks its data and that memory and swap
    come back to where they started."""
    return Test(name, f"quiet mem={mem} init=/tests/t_swap -- {case}", 0, timeout=timeout,
                disks=[Disk(1, size=swap_mb << 20, mkswap=True)],
                must=[rf"^t_swap {case.split()[0]}: ok$", r"^init exited with status 0$"] + list(must),
                must_not=[r"^FAIL", r"^kernel panic", r"^kernel exception"])


def fuzz_test(name, args, mem="", swap_mb=0, timeout=180):
    """Boots the fuzzer as init (init=/bin/fuzz -- ARGS), optionally with
    mem= and a fresh swap disk; its summary line must say PASS."""
    seed = re.search(r"seed=(\d+)", args).group(1)
    return Test(name, f"quiet{' mem=' + mem if mem else ''} init=/bin/fuzz -- {args}", 0,
                timeout=timeout,
                disks=[Disk(1, size=swap_mb << 20, mkswap=True)] if swap_mb else [],
                must=[rf"^fuzz: seed {seed} calls \d+ .* children-left 0 files-left 0 alive yes result PASS$",
                      r"^fuzz: memory free\+cached ([1-9]\d*) kB before, \1 kB after; "
                      r"swap free\+cached (\d+) kB before, \2 kB after$",
                      r"^init exited with status 0$"],
                must_not=[r"^kernel panic", r"^kernel exception"])


TESTS = [
    # Demand paging and swap (issue: swap).
    swap_test("swap-heap-48M-in-8M", "heap 48",
              must=[r"^t_swap heap: 48 MiB, 0 \+ 0 bad pages, pswpout \+[1-9]\d*, pswpin \+[1-9]\d*$"]),
    swap_test("swap-fork-halves", "fork 24",
              must=[r"^t_swap fork: 24 MiB, children failed 0, parent bad pages 0"]),
    swap_test("swap-four-procs", "procs 4 16", must=[r"^t_swap procs: 4 x 16 MiB, 0 failed"]),
    swap_test("swap-readahead-maps-nothing", "ra",
              must=[r"^t_swap ra: \d+ of 2048 pages in swap; swap_ra \+[1-9]\d*, swap_ra_hit \+[1-9]\d*; "
                    r"mapped or moved by readahead: 0 here, 0 in the other region, 0 in the child; "
                    r"bad pages 0, child ok$"]),
    swap_test("swap-fork-mixed", "forkmix 16",
              must=[r"^t_swap forkmix: 16 MiB, generations failed 0, parent bad pages 0, pswpout \+[1-9]\d*$"]),
    swap_test("swap-syscall-io", "io 16",
              must=[r"^t_swap io: read into untouched heap ok, write from swapped page ok$"]),
    swap_test("stack-grows-2M", "stack 2048", must=[r"^t_swap stack: grew by \d+ KiB$"]),
    program_test("demand-paging-counts", "t_demand"),
    # The shared zero page (mm/zero_page.c), and never to swap with it.
    program_test("zero-page", "t_zeropage"),
    Test("zero-page-never-swapped", "quiet mem=8M init=/tests/t_zeropage -- swap", 0, timeout=240,
         disks=[Disk(1, size=64 << 20, mkswap=True)],
         must=[r"^t_zeropage swap: pswpout \+[1-9]\d*, 0 zero-page PTEs swapped, 0 changed, 0 bad$",
               r"^t_zeropage swap: ok$", r"^init exited with status 0$"],
         must_not=[r"^kernel panic", r"^kernel exception"]),
    # mmap, munmap, mprotect, System V shared memory (issue: mmap).
    program_test("mmap-all-cases", "t_mmap",
                 must=[r"^  60000000-60002000 rw-p 00000000 00:00 0 $",
                       r"^  [0-9a-f]{8}-[0-9a-f]{8} rw-s 00000000 00:01 0 +/dev/zero \(deleted\)$",
                       r"^  [0-9a-f]{8}-[0-9a-f]{8} rw-s 00000000 00:01 0 +/SYSV00001234 \(deleted\)$",
                       r"^  60003000-60004000 r--p 00000000 00:00 0 $"]),
    # The range rule: user ranges that used to panic the kernel (issue: no
    # system call can panic the kernel).
    program_test("mem-ranges-no-panic", "t_ranges"),
    # mlock, mremap and madvise against page replacement (issue: stock C
    # programs run unmodified).
    program_test("sysv-semaphores", "t_sem"),
    Test("mlock-never-evicted", "quiet mem=8M init=/tests/t_memcalls -- lock 16", 0, timeout=240,
         disks=[Disk(1, size=64 << 20, mkswap=True)],
         must=[r"^t_memcalls lock: Mlocked (\d+) kB -> \d+ kB, [1-9]\d* pages to swap, 256 of 256 locked pages resident$",
               r"^t_memcalls lock: ok$"], must_not=[r"^kernel panic", r"check failed"]),
    Test("mremap-moves-swapped-pages", "quiet mem=8M init=/tests/t_memcalls -- move 16", 0,
         timeout=240, disks=[Disk(1, size=64 << 20, mkswap=True)],
         must=[r"^t_memcalls move: 16 MiB, [1-9]\d* pages out before the move, [1-9]\d* still out after it$",
               r"^t_memcalls move: ok$"], must_not=[r"^kernel panic", r"check failed"]),
    Test("madvise-dontneed-frees-swap", "quiet mem=8M init=/tests/t_memcalls -- free 16", 0,
         timeout=240, disks=[Disk(1, size=64 << 20, mkswap=True)],
         must=[r"^t_memcalls free: SwapFree \d+ kB, \d+ kB with 16 MiB written, \d+ kB after MADV_DONTNEED$",
               r"^t_memcalls free: ok$"], must_not=[r"^kernel panic", r"check failed"]),
    Test("mmap-shared-through-swap", "quiet mem=8M init=/tests/t_mmap -- swap", 0, timeout=240,
         disks=[Disk(1, size=64 << 20, mkswap=True)],
         must=[r"^t_mmap swap: [1-9]\d* of 256 shared pages were out before fork, 0 wrong",
               r"^t_mmap swap: SwapFree (\d+) kB before, \1 kB after 6 rounds of 12 MiB$",
               r"^t_mmap swap: ok$"], must_not=[r"^kernel panic"]),
    Test("trace-fault-and-swap", "quiet mem=8M trace=fault,swap init=/tests/t_swap -- heap 12", 0,
         timeout=240, disks=[Disk(1, size=32 << 20, mkswap=True)],
         must=[r"^\[fault\] pid \d+ addr 0x[0-9a-f]{8} user write not present eip 0x[0-9a-f]{8} -> handled \(zero-fill\)$",
               r"^\[fault\] pid \d+ addr 0x[0-9a-f]{8} user read not present eip 0x[0-9a-f]{8} -> handled \(swap in\)$",
               r"^\[swap\] pid \d+ write frame 0x[0-9a-f]{8} to slot \d+$",
               r"^\[swap\] pid \d+ read slot \d+ into frame 0x[0-9a-f]{8}$", r"^t_swap heap: ok$"],
         must_not=[r"^\[(cow|exec|fork|syscall)\]"]),
    Test("swap-full-kills-largest", "quiet mem=8M init=/tests/t_swap -- full 4 3", 0, timeout=240,
         disks=[Disk(1, size=8 << 20, mkswap=True)],
         must=[r"^out of memory: killed pid \d+ \(t_swap\)", r"^t_swap full: 2 finished intact, largest killed: yes$",
               r"^t_swap full: ok$"],
         must_not=[r"^kernel panic", r"^FAIL"]),
    Test("no-swap-disk", "mem=8M init=/tests/t_swap -- heap 2", 1,
         must=[r"^swap: no disk with a swap signature; running without swap$"],
         must_not=[r"^kernel panic"]),
    Test("disk-without-signature-untouched", "mem=8M init=/tests/t_swap -- full 2 2", 0, timeout=120,
         disks=[Disk(1, size=8 << 20, head=bytes(range(256)) * 16)], check_disks=check_untouched(1),
         must=[r"^ata: hdb: 16384 sectors", r"^swap: no disk with a swap signature; running without swap$",
               r"^out of memory: killed pid \d+ \(t_swap\)", r"^t_swap full: ok$"]),
    Test("swap-off-leaves-disk-alone", "swap=off mem=8M init=/tests/t_swap -- procs 2 1", 0,
         disks=[Disk(1, size=8 << 20, mkswap=True)], check_disks=check_untouched(1),
         must=[r"^swap: off \(swap=off\)$", r"^t_swap procs: ok$"]),
    # The ATA driver (issue: disk). Each test gets fresh images of its own.
    ata_test("ata-selftest-hdb", 1),
    ata_test("ata-selftest-hda", 0),
    ata_test("ata-selftest-hdc", 2),
    ata_test("ata-selftest-hdd", 3),
    # -- PIO when there is no bus master (kernel/dev/ata_dma.c): the ISA PC has no
    # PCI; the same self-test then goes all by PIO. --
    ata_test("ata-pio-without-pci", 1, method="PIO", qemu_extra=["-machine", "isapc", "-cpu", "pentium3"],
             must=[r"^ata: no PCI IDE controller; disks use PIO$"]),
    # -- end --
    Test("ata-picks-marked-disk", "ktest=ata", 0,
         disks=[Disk(0, head=b"ATATEST?"), Disk(2, 16 << 20, mkswap=True), Disk(3, head=ATATEST)],
         check_disks=lambda p: check_untouched(0, 2)(p) or check_ata_written(3)(p),
         must=[r"^ata: hda: 16384 sectors \(8 MiB\), DMA$", r"^ata: hdc: 32768 sectors \(16 MiB\), DMA$",
               r"^ata: hdd: 16384 sectors", r"^ata: selftest on hdd ", r"^ktest: ata passed$"],
         must_not=[r"FAILED"]),
    Test("ata-no-marked-disk", "ktest=ata", 1,
         disks=[Disk(1, 16 << 20, mkswap=True), Disk(2, head=b"ATATEST?")],
         check_disks=check_untouched(1, 2),
         must=[r'^ata: selftest FAILED: no disk whose sector 0 starts with "ATATEST!"$',
               r"^ktest: ata FAILED$"]),
    Test("ata-no-disk", "ktest=ata", 1,
         must=[r'^ata: selftest FAILED: no disk whose sector 0 starts with "ATATEST!"$'],
         must_not=[r"^ata: hd"]),
    Test("ata-iso-cdrom-skipped", "", 3, iso=True, timeout=90,
         disks=[Disk(1, 16 << 20, mkswap=True), Disk(3, head=ATATEST)],
         check_disks=check_untouched(1),
         must=[r"^ata: hdb: 32768 sectors \(16 MiB\), DMA$", r"^ata: hdc: ATAPI device \(CD-ROM\), skipped$",
               r"^ata: hdd: 16384 sectors \(8 MiB\), DMA$", r"^init exited with status 3$"],
         script=[(SHELL, "exit 3\n")]),

    Test("boot-monitor", NO_INIT, 7,
         must=[r"^vmos: a teaching kernel for virtual memory",
               r"^cannot run init /nonexistent: error -2; starting the kernel monitor",
               r"^RAM: \d+ KiB usable", r"^Memory: \d+ KiB total, \d+ KiB free",
               r"^  mem +RAM, free frames", r"^frames: \d+ total, \d+ free",
               r"^  \[0x[0-9a-f]+\] monitor_run\+0x", r"unknown command 'frobnicate'",
               r"^powering off \(status 7\)"],
         script=[(PROMPT, "help\n"), (PROMPT, "mem\n"), (PROMPT, "backtrace\n"),
                 (PROMPT, "frobnicate\n"), (PROMPT, "poweroff 7\n")]),
    Test("iso-grub-boot", "", 3, iso=True, timeout=90,
         must=[r"vmos: a teaching kernel", r"module 0: \S*initrd.cpio",
               r"init: /bin/sh started as pid 1", r"^init exited with status 3"],
         script=[(SHELL, "exit 3\n")]),
    Test("cmdline-options", "foo=bar trace=fault,bogus quiet ktest=mm -- -x y", 0,
         must=[r"^cmdline: unknown option 'foo=bar' ignored",
               r"^cmdline: unknown trace class 'bogus' ignored", r"^ktest: mm passed"],
         must_not=[r"^command line:", r"^RAM: "]),
    Test("mem-4M", "mem=4M ktest=mm", 0,
         must=[r"^RAM: 4096 KiB usable \(mem= limit; \d+ KiB found\)", r"^ktest: mm passed"]),
    Test("mem-16M", "mem=16M ktest=mm", 0,
         must=[r"^RAM: 16384 KiB usable \(mem= limit", r"^ktest: mm passed"]),
    Test("qemu-m-512", "ktest=mm", 0, mem=512, timeout=120,
         must=[r"^RAM: 5239\d\d KiB usable", r"direct map of 512 MiB",
               r"^selftest: allocate every free frame +ok", r"^ktest: mm passed"]),
    Test("mm-selftest", "ktest=mm", 0,
         must=[r"^selftest: passed \(0 failed\)", r"^ktest: mm passed"],
         must_not=[r"FAILED"]),
    Test("ktest-unknown", "ktest=nosuchtest", 2, must=[r"^ktest: no test named 'nosuchtest'"]),
    exception_test("exception-pagefault", "pagefault", r"page fault \(vector 14\), error code 0x2",
                   r"^  cr2 0xf0001000", r"write of 0xf0001000 by the kernel, not present; pde 0x00000000",
                   r"in ktest_page_fault\+0x"),
    exception_test("exception-null", "null", r"page fault \(vector 14\), error code 0x0",
                   r"read of 0x00000000 by the kernel, not present", r"in ktest_null_read\+0x"),
    exception_test("exception-invalid-opcode", "ud", r"invalid opcode \(vector 6\)",
                   r"in ktest_invalid_opcode\+0x"),
    exception_test("exception-divide", "divide", r"divide error \(vector 0\)",
                   r"in ktest_divide\+0x"),
    Test("panic", "ktest=panic", PANIC,
         must=[r"^kernel panic: ktest: deliberate panic", r"^  \[0x[0-9a-f]+\] ktest_run\+0x"]),
    Test("trace-fault-on", "trace=fault ktest=pagefault", PANIC,
         must=[r"^\[fault\] addr 0xf0001000 kernel write not present eip 0x[0-9a-f]+ \(ktest_page_fault\)"]),
    Test("trace-fault-off", "ktest=pagefault", PANIC, must_not=[r"^\[fault\]"]),
    Test("keyboard-and-vga", "", 6, qemu_monitor=True, iso=True, timeout=90,
         script=[(SHELL, "\x01c"), (r"\(qemu\) ", "xp /4hx 0xb8000\n"),
                 (r"\(qemu\) ", "".join(f"sendkey {k}\n" for k in
                                           ["e", "x", "i", "t", "spc", "6", "ret"])),
                 (r"sendkey ret", "\x01c")],
         must=[r"b8000: 0x0776 0x076d 0x076f 0x0773", r"^init exited with status 6$"]),
    Test("keyboard-without-bios", "", 6, qemu_monitor=True,
         script=[(SHELL, "\x01c"),
                 (r"\(qemu\) ", "".join(f"sendkey {k}\n" for k in
                                           ["e", "x", "i", "t", "spc", "6", "ret"])),
                 (r"sendkey ret", "\x01c")],
         must=[r"^init exited with status 6$"]),
    Test("qemu-info-mem", NO_INIT, 5, qemu_monitor=True, check=check_info_mem,
         script=[(PROMPT, "\x01c"), (r"\(qemu\) ", "info mem\n"),
                 (r"\(qemu\) ", "\x01c"), ("", "poweroff 5\n")]),
    # User processes (issue: processes, exec, fork).
    program_test("user-layout", "t_layout", "a bc"),
    program_test("user-brk", "t_brk"),
    program_test("user-exec", "t_exec"),
    program_test("user-fork-cow", "t_fork", must=[r"^  orphan: parent is now pid 1$"]),
    Test("trace-syscall-unknown", "quiet trace=syscall init=/tests/t_efault", 0,
         must=[r"^\[syscall\] pid \d+ unknown system call 999 = -ENOSYS$",
               r"^\[syscall\] pid \d+ write\(0x1, 0x0+, 0x40\) = -14$", r"^t_efault: \d+ passed, 0 failed$"]),
    program_test("user-sigsegv", "t_segv",
                 must=[r"^segfault: pid \d+ \(t_segv\) at 0x00000000, eip 0x0804[0-9a-f]{4}, read, not present$",
                       r"^segfault: pid \d+ \(t_segv\) at 0x0804[0-9a-f]{4}, eip 0x0804[0-9a-f]{4}, write, protection violation$",
                       r"^general protection fault: pid \d+ \(t_segv\) at eip 0x0804[0-9a-f]{4}"]),
    program_test("user-efault", "t_efault"),
    # userfault: demand paging in user space, every first touch a SIGSEGV
    # the program handles; its count must equal the kernel's.
    Test("userfault-counts", "quiet init=/bin/userfault -- 32", 0,
         must=[r"^userfault: our handler: 32 faults, each a SIGSEGV with SEGV_ACCERR at its page: yes$",
               r"^userfault: every page filled once: yes; 64 words checked, 0 wrong$",
               r"^userfault: kernel: fault_signal \+32, zero_fill \+3[2-9], pgfault \+\d+$",
               r"^userfault: ok: 32 faults handled in user space, 32 signalled by the kernel$",
               r"^init exited with status 0$"],
         must_not=[r"^segfault: "]),
    # The tour's last words: the same, typed at the shell, and /proc/vmstat.
    Test("userfault-from-shell", "quiet", 0, timeout=90,
         script=[(SHELL, "userfault 4\n"), (SHELL, "cat /proc/vmstat\n"), (SHELL, "exit\n")],
         must=[r"^userfault: our handler: 4 faults, each a SIGSEGV with SEGV_ACCERR at its page: yes$",
               r"^userfault: every page filled once: yes; 8 words checked, 0 wrong$",
               r"^userfault: kernel: fault_signal \+4, zero_fill \+\d+, pgfault \+\d+$",
               r"^userfault: ok: 4 faults handled in user space, 4 signalled by the kernel$",
               r"^fault_signal 4$"]),
    program_test("user-no-leaks", "t_leak"),
    Test("shell-runs-programs", "quiet", 4, timeout=90,
         script=[(SHELL, "echo hello   world\n"), (SHELL, "ls /bin\n"), (SHELL, "cat /etc/motd\n"),
                 (SHELL, "segv\n"), (SHELL, "cowdemo\n"), (SHELL, "size /bin/echo\n"),
                 (SHELL, "nosuchprogram\n"), (SHELL, 'sh -c "exit 5"\n'), (SHELL, "exit 4\n")],
         must=[r"^hello world$", r"^forkbench$", r"^vmos initrd$", r"^\[signal 11: SIGSEGV\]$",
               r"^parent: +child done; shared_value = 1", r"^ +text\t +data\t +bss\t +dec\t +hex\tfilename$",
               r"^sh: nosuchprogram: No such file or directory", r"^\[exit 127\]$", r"^\[exit 5\]$",
               r"^init exited with status 4$"]),
    program_test("proc-files", "t_procfs"),
    program_test("process-attributes", "t_calls"),
    Test("shell-cd", "quiet", 0,
         must=[r"^/proc\n", r"^sh: cd: nowhere: No such file or directory$", r"^/proc/1\n",
               r"^-r--r--r-- +\d+ maps$", r"^/\n"],
         script=[(SHELL, "cd /proc\n"), (SHELL, "pwd\n"), (SHELL, "cd nowhere\n"),
                 (SHELL, "cd self\n"), (SHELL, "pwd\n"), (SHELL, "ls -l\n"), (SHELL, "cd\n"),
                 (SHELL, "pwd\n"), (SHELL, "exit\n")]),
    Test("proc-files-mem-4M", "quiet mem=4M init=/tests/t_procfs", 0,
         must=[r"^t_procfs: \d+ passed, 0 failed$"], must_not=[r"^FAIL "]),
    Test("proc-from-shell", "quiet", 0, timeout=90,
         script=[(SHELL, "cat /proc/meminfo\n"), (SHELL, "cat /proc/vmstat\n"),
                 (SHELL, "cat /proc/self/maps\n"), (SHELL, "cat /proc/1/status\n"),
                 (SHELL, "ps\n"), (SHELL, "free\n"), (SHELL, "pagemap 0x00001000\n"),
                 (SHELL, "cat /proc/999/status\n"), (SHELL, "exit\n")],
         must=[r"^MemTotal: +\d+ kB$", r"^MemFree: +\d+ kB$", r"^SwapTotal: +\d+ kB$",
               r"^pgfault \d+$", r"^cow_reuse \d+$", r"^zero_fill \d+$", r"^file_fill \d+$",
               r"^(?=.{49}/bin/cat$)08048000-[0-9a-f]{8} r--p 00000000 00:01 \d+ +/bin/cat$",
               r"^[0-9a-f]{8}-[0-9a-f]{8} r-xp [0-9a-f]{8} 00:01 \d+ +/bin/cat$",
               r"^[0-9a-f]{8}-c0000000 rw-p 00000000 00:00 0 +\[stack\]$",
               r"^Name:\tsh$", r"^Pid:\t1$", r"^VmRSS:\t[ \d]{8} kB$",
               r"^  PID  PPID S    RSS   SWAP NAME$", r"^ +1 +0 S +\d+ +0 sh$",
               r"^Mem: +\d+ +\d+ +\d+ +0 +\d+ +\d+$",
               r"^0x00001000: not mapped entry 0x0{16}$",
               r"cat: /proc/999/status: No such file or directory"]),
    # Running out of descriptors and tmpfs space in 4 MiB with 1 MiB of swap,
    # and of process slots (user/tests/t_exhaust.c).
    Test("exhaust-4M-tiny-swap", "quiet mem=4M init=/tests/t_exhaust -- descriptors tmpfs_full regions", 0,
         timeout=300, disks=[Disk(1, size=1 << 20, mkswap=True)],
         must=[r"^t_exhaust: 3 passed, 0 failed$", r"^init exited with status 0$"],
         must_not=[r"^FAIL ", r"^kernel panic", r"^kernel exception"]),
    # Page tables run memory out (they never go to swap): with room in swap
    # the toucher once thrashed forever, its code and data taking turns in
    # the last frame; now page tables may hold at most half of RAM.
    Test("exhaust-4M-page-tables-and-swap", "quiet mem=4M init=/tests/t_exhaust -- page_tables memory_and_swap", 0,
         timeout=300, disks=[Disk(1, size=4 << 20, mkswap=True)],
         must=[r"^t_exhaust: 2 passed, 0 failed$", r"^init exited with status 0$"],
         must_not=[r"^FAIL ", r"^kernel panic", r"^kernel exception"]),
    # With swap full, the last two pages page replacement could take were
    # the two one instruction needs (code and data): each fault evicted
    # the other, forever, until page_alloc_user stopped counting on
    # eviction once a sweep found almost nothing to evict. And out of
    # memory in clone's store of the child's tid, the caller once ended
    # there, mid-call, leaving the child never runnable nor reaped.
    Test("exhaust-8M-memory-and-swap", "quiet mem=8M init=/tests/t_exhaust -- memory_and_swap swap_full_two_pages clone_out_of_memory", 0,
         timeout=300, disks=[Disk(1, size=1 << 20, mkswap=True)],
         must=[r"^t_exhaust: 3 passed, 0 failed$", r"^init exited with status 0$"],
         must_not=[r"^FAIL ", r"^kernel panic", r"^kernel exception"]),
    program_test("exhaust-process-table", "t_exhaust", args="processes"),
    # Out of memory while a vfork child borrows its parent's space: both
    # die (the fuzzer's seed 106 at mem=8M hung here).
    Test("vfork-oom-8M", "quiet mem=8M init=/tests/t_vfork_oom", 0, timeout=120,
         disks=[Disk(1, size=16 << 20, mkswap=True)],
         must=[r"^ok vfork_child_runs_out: status 0x9$", r"^init exited with status 0$"],
         must_not=[r"^FAIL", r"^kernel panic", r"^kernel exception"]),
    # ... and with a vfork child that has its own copy (clone CLONE_VFORK
    # without CLONE_VM): the killer chose the waiting parent, which waited
    # on for the child, which waited for the parent's memory (fuzz seed
    # 8508 at mem=8M without swap).
    Test("vfork-own-copy-oom-8M", "quiet mem=8M init=/tests/t_vfork_oom -- own", 0, timeout=120,
         must=[r"^ok own_copy_child_runs_out: status 0x9$", r"^init exited with status 0$"],
         must_not=[r"^FAIL", r"^kernel panic", r"^kernel exception"]),
    # The system-call fuzzer (user/bin/fuzz.c) as init: a short seeded
    # campaign must end alive, every child reaped, memory and swap as they
    # were; `make fuzz` runs long ones.
    fuzz_test("fuzz-seed1-3000", "seed=1 calls=3000"),
    fuzz_test("fuzz-seed2-2000-8M-swap", "seed=2 calls=2000", mem="8M", swap_mb=16),
    Test("gdb-break-kernel-main", "ktest=mm", 0,
         gdb=["break kernel_main", "continue", "bt", "info source", "next",
              "delete", "detach"],
         must=[r"Breakpoint 1 at 0xc01[0-9a-f]+: file kernel/main.c",
               r"Breakpoint 1, kernel_main \(magic=732803074",
               r"Current source file is kernel/main.c", r"^#0 +kernel_main",
               r"^ktest: mm passed"]),
]

# --- GDB helpers (issue: seeing inside): tools/gdb/vmos.py's commands run by
# GDB against a halted boot; the commands and checks are tools/gdb/gdb_checks.py,
# and the gdb-tour-N tests replay docs/tour.md's sessions.
import os as _os, sys as _sys  # noqa: E401,E402
_sys.path.append(_os.path.join(_os.path.dirname(_os.path.abspath(__file__)), "..", "tools", "gdb"))
import gdb_checks as _gdb  # noqa: E402

TESTS += [
    Test("gdb-kpte-cow", "quiet init=/bin/cowdemo", 0, gdb=_gdb.COW_GDB, check=_gdb.check_cow,
         must_not=_gdb.PYTHON_ERRORS),
    Test("gdb-kpte-zero-page", "quiet init=/tests/t_zeropage", 0, gdb=_gdb.ZERO_GDB,
         check=_gdb.check_zero, must_not=_gdb.PYTHON_ERRORS),
    Test("gdb-kvmas-matches-maps", _gdb.PROC_CMDLINE, 0, gdb=_gdb.PROC_GDB,
         check=_gdb.check_kvmas, must_not=_gdb.PYTHON_ERRORS),
    Test("gdb-kvmas-tmpfs", _gdb.TMPFS_CMDLINE, 0, gdb=_gdb.TMPFS_GDB,
         check=_gdb.check_kvmas_tmpfs, timeout=180, must_not=_gdb.PYTHON_ERRORS),
    Test("gdb-kps-kframes-kswap", _gdb.PROC_CMDLINE, 0, gdb=_gdb.PROC_GDB, check=_gdb.check_kps,
         disks=[Disk(1, size=64 << 20, mkswap=True)], must_not=_gdb.PYTHON_ERRORS),
    Test("gdb-helpers-before-boot", "ktest=mm", 0, gdb=_gdb.EARLY_GDB, check=_gdb.check_early,
         must=[r"^kcheck: all \d+ kernel names the helpers read are present$", r"^ktest: mm passed"],
         must_not=_gdb.PYTHON_ERRORS),
] + _gdb.tour_tests(Test, Disk)

import shell_tour as _shell_tour  # noqa: E402
TESTS += _shell_tour.shell_tour_tests(Test, Disk, _gdb.TOUR)

# --- Tracing and vmmap (issue: seeing inside): each trace class prints its
# lines (pid first, then what was decided) when on and nothing when off, at
# boot (trace=) and at run time (/proc/trace, the `trace` program); vmmap's
# drawing against the maps lines it read. The checks: tests/inside_checks.py.
import inside_checks as _inside  # noqa: E402

_SWAP_DISK = Disk(1, size=32 << 20, mkswap=True)
TESTS += [
    Test(f"trace-{_c}-alone", f"quiet trace={_c} init=/bin/sh -- -c cowdemo", 0,
         must=_inside.EXPECTED[_c] + [_inside.COWDEMO_DONE, r"^init exited with status 0$"],
         must_not=[_inside.other_classes(_c), _inside.without_pid(_c)])
    for _c in ["fault", "cow", "exec", "fork", "syscall"]
] + [
    Test("trace-swap-alone", "quiet mem=8M trace=swap init=/tests/t_swap -- heap 12", 0,
         timeout=240, disks=[_SWAP_DISK],
         must=_inside.EXPECTED["swap"] + [r"^t_swap heap: ok$"],
         must_not=[_inside.other_classes("swap"), _inside.without_pid("swap")]),
    # t_swap heap 12 as init: exec, fork, cow, faults, swap and system calls.
    Test("trace-off-prints-nothing", "quiet mem=8M init=/tests/t_swap -- heap 12", 0,
         timeout=240, disks=[_SWAP_DISK],
         must=[r"^t_swap heap: 12 MiB, 0 \+ 0 bad pages, pswpout \+[1-9]\d*, pswpin \+[1-9]\d*$",
               r"^t_swap heap: ok$"],
         must_not=[_inside.ANY_TRACE, r"^\[[a-z]+\] "]),
    Test("trace-switched-at-run-time", "quiet trace=exec", 0, timeout=90,
         check=_inside.check_runtime_switch,
         script=[(SHELL, "trace\n"), (SHELL, "trace cow\n"), (SHELL, "cowdemo\n"),
                 (SHELL, "trace none\n"), (SHELL, "cowdemo\n"), (SHELL, "trace\n"),
                 (SHELL, "exit\n")]),
    Test("trace-proc-file-commands", "quiet", 0, timeout=90, check=_inside.check_proc_commands,
         must=[r"^-rw-r--r-- +0 trace$"],
         script=[(SHELL, c + "\n") for c in [
             "cat /proc/trace", "trace fault,cow", "trace", "trace +swap,exec -fault", "trace",
             "trace bogus", "trace", "trace all -syscall", "trace", "trace none",
             "cat /proc/trace", "ls -l /proc", "exit"]]),
    Test("vmmap-draws-itself", "quiet init=/bin/vmmap -- -r", 0,
         check=lambda log: _inside.check_vmmap(
             log, True, False, r"^vmmap: pid 1 \(vmmap\) running /bin/vmmap$")),
    # Pid 1, a shell waiting for a second shell, is pushed to swap by t_swap
    # (whose own check then fails: pid 1's pages are still out), then drawn.
    Test("vmmap-draws-another-with-swap", "quiet mem=8M", 0, timeout=240, disks=[_SWAP_DISK],
         check=lambda log: _inside.check_vmmap(log, False, True, r"^vmmap: pid 1 \(sh\) running /bin/sh$"),
         must=[r"^t_swap heap: 12 MiB, 0 \+ 0 bad pages"],
         script=[(SHELL, "sh\n"), (SHELL, "/tests/t_swap heap 12\n"), (SHELL, "vmmap -r 1\n"),
                 (SHELL, "exit\n"), (SHELL, "exit\n")]),

    # Files in memory (issue: tmpfs): /dev/null, /dev/zero, /dev/urandom, pipes,
    # tmpfs files and directories at /tmp and /dev/shm, their mappings.
    program_test("tmpfs-files-pipes-devices", "t_tmpfs", timeout=240,
                 must=[r"^  [0-9a-f]{8}-[0-9a-f]{8} rw-s 00000000 00:14 \d+ +/tmp/t_named$",
                       r"^  [0-9a-f]{8}-[0-9a-f]{8} rw-s 00000000 00:14 \d+ +/tmp/t_named \(deleted\)$",
                       r"^bus error: pid \d+ \(t_tmpfs\) at 0x[0-9a-f]{8}"]),
    Test("tmpfs-size-limit", "quiet tmpfs_size=1M init=/tests/t_tmpfs -- enospc", 0,
         must=[r"^t_tmpfs enospc: 1024 KiB written, then ENOSPC; 0 of 256 blocks free$",
               r"^t_tmpfs enospc: ok$", r"^init exited with status 0$"]),
    Test("tmpfs-through-swap", "quiet mem=8M tmpfs_size=64M init=/tests/t_tmpfs -- swap 24", 0, timeout=400,
         disks=[Disk(1, size=128 << 20, mkswap=True)],
         must=[r"^t_tmpfs swap: 24 MiB file and 24 MiB mapping written, pswpout \+[1-9]\d*",
               r"^t_tmpfs swap: read back, 0 bad words, pswpin \+[1-9]\d*$",
               r"^t_tmpfs swap: SwapFree (\d+) -> \1 kB, MemFree (\d+) -> \2 kB$",
               r"^t_tmpfs swap: ok$", r"^init exited with status 0$"],
         must_not=[r"^kernel panic", r"^FAIL"]),

    Test("shell-pipelines-and-redirections", "quiet", 0, timeout=120,
         script=[(SHELL, c + "\n") for c in [
             "cat /proc/self/maps | grep stack | wc -l",
             "cat /proc/self/maps | grep -v stack | grep -c /bin/cat",
             "echo one two three > /tmp/f; echo four >> /tmp/f; cat < /tmp/f",
             "wc /tmp/f",
             "ls /bin | head -n 3 | tail -n 1",
             "grep -n four /tmp/f && echo found",
             "grep five /tmp/f && echo not-printed",
             "cat /nonexistent 2>&1 | wc -l",
             "cat /nonexistent 2> /tmp/err; cat /tmp/err",
             "cp /tmp/f /tmp/g; mkdir /tmp/d; touch /tmp/d/e; ls /tmp/d",
             "rm /tmp/g /tmp/d/e; rm -d /tmp/d; ls /tmp",
             "df /tmp",
             "cat /proc/meminfo | grep Shmem",
             "echo x > /bin/x",
             "exit"]],
         must=[r"^1$", r"^[2-5]$", r"^one two three$", r"^four$",
               r"^ +2 +4 +19 /tmp/f$", r"^cp$", r"^2:four$", r"^found$",
               r"^cat: /nonexistent: No such file or directory$", r"^e$", r"^f\nerr$",
               r"^tmpfs +\d+ +\d+ +\d+ +\d+% /tmp$", r"^Shmem: +\d+ kB$",
               r"^sh: /bin/x: Read-only file system$", r"^init exited with status 0$"],
         must_not=[r"^not-printed$", r"^kernel panic"]),
    # docs/tour.md's last section: a file's pages go to swap and come back.
    Test("tmpfs-swap-from-shell", "quiet mem=8M tmpfs_size=32M", 0, timeout=300,
         disks=[Disk(1, size=64 << 20, mkswap=True)],
         script=[(SHELL, c + "\n") for c in [
             "head -c 16777216 /dev/zero > /tmp/big", "ls -l /tmp", "free",
             "vmstat | grep pswp", "wc -c /tmp/big", "vmstat | grep pswp", "rm /tmp/big",
             "free", "exit"]],
         must=[r"^-rw-r--r-- +16777216 big$", r"^Swap: +\d+ +[1-9]\d* +\d+$",
               r"^pswpout +[1-9]\d*$", r"^pswpin +[1-9]\d*$", r"^16777216 /tmp/big$",
               r"^Mem: +\d+ +\d+ +\d+ +\d+ +\d+ +\d+$", r"^init exited with status 0$"],
         must_not=[r"^kernel panic", r"^out of memory"]),

    # -- stock programs (tests/stock/), built by the distribution's toolchain --
    stock_test("stock-hello", "hello"),

    # -- dynamically linked programs: the distribution's ld.so and libc in /lib --
    stock_test("dyn-hello", "hello-dyn"),
    stock_test("pie-hello", "hello-pie"),
    # Every call glibc's start-up and stdio make, static and dynamic, is known.
    stock_test("stock-hello-no-unknown-call", "hello", cmdline="quiet trace=syscall",
               must=[r"^\[syscall\] pid 1 set_thread_area\("], must_not=[r"unknown system call"]),
    stock_test("pie-dynlink-no-unknown-call", "dynlink-pie", cmdline="quiet trace=syscall",
               must=[r"^\[syscall\] pid 1 openat\("], must_not=[r"unknown system call"]),
    stock_test("dyn-auxv-and-dlopen", "dynlink-dyn"),
    stock_test("pie-auxv-and-dlopen", "dynlink-pie"),
    # The frame numbers come from vmos's pagemap: no host reference.
    stock_test("dyn-one-libc-text", "sharelibc-dyn", reference=False),
    stock_test("pie-one-libc-text", "sharelibc-pie", reference=False),
    # The broken files are only in the stock initrd: no host reference.
    stock_test("dyn-broken-interpreter-and-library", "dynfail", reference=False,
               must=[r"needbad-dyn: error while loading shared libraries: libbad\.so: "
                     r"ELF load command address/offset not page-aligned"]),
    Test("dyn-library-paged-on-first-touch", "quiet trace=exec,fault init=/stock/hello-dyn", 0,
         initrd="initrd-stock.cpio", check=check_interp_first_fetch,
         must=[r"^\[exec\] pid 1 exec /stock/hello-dyn: entry 0x0804[0-9a-f]{4}, ",
               r"^hello: 3 passed, 0 failed$"]),
    Test("dyn-hello-at-the-shell", "quiet", 0, initrd="initrd-stock.cpio",
         script=[(SHELL, "hello\n"), (SHELL, "shlibs\n"), (SHELL, "exit\n")],
         must=[r"^hello, world$", r"^hello: 3 passed, 0 failed$",
               r"^LIBRARY +PERM +OFFSET +PROCS +PAGES +RESIDENT +SHARED +MOST$"],
         must_not=[r"^FAIL ", r"^kernel panic"]),
    # Four dynamic programs of 2 MiB each at once in 8 MiB of RAM, with
    # ld.so and libc from the page cache, which reclaim may drop meanwhile.
    Test("dyn-four-at-once-in-8M", "quiet mem=8M init=/stock/runmany-pie -- 4 /stock/dynpressure-pie 2",
         0, initrd="initrd-dyn.cpio", disks=[Disk(1, size=32 << 20, mkswap=True)], timeout=300,
         must=[r"^runmany: 2 passed, 0 failed$", r"^init exited with status 0$"],
         must_not=[r"^FAIL ", r"^kernel panic", r"^out of memory"]),
    # Files in memory (issue: tmpfs).
    stock_test("stock-tmpfs-files", "tmpfs_files"),
    stock_test("stock-tmpfs-map", "tmpfs_map"),
    stock_test("stock-pipes", "pipes", timeout=180),
    # Not compared with the host: its root is writable, its /tmp has another
    # size, and its MemFree moves with everything else it runs.
    stock_test("stock-tmpfs-limits", "tmpfs_limits", cmdline="quiet tmpfs_size=2M",
               reference=False, timeout=180),
    stock_test("stock-fork", "fork", must=[r"^  abort: wait status 0x86$",
                                           r"^  raise\(SIGTERM\): wait status 0xf$"]),
    # qemu-user, the reference on hosts without i386 support, runs vfork and
    # CLONE_VM|CLONE_VFORK as a plain fork and cannot exec an i386 program.
    stock_test("stock-spawn", "spawn", reference=False),
    stock_test("stock-fpstress", "fpstress", timeout=240),
    stock_test("stock-printf", "printf"),
    stock_test("stock-malloc", "malloc"),
    stock_test("stock-auxv", "auxv", args="one two"),
    stock_test("stock-libc", "libc"),
    # qemu-user's set_thread_area keeps older rules than Linux's (no ESRCH;
    # code, 16-bit and not-present descriptors accepted).
    stock_test("stock-tls", "tls", reference=False),
    # The segment registers a program loads come back as they were after a
    # system call, a fault, a signal and a context switch. Not compared:
    # qemu-user trips its own assertions on sigreturn's unusable selectors,
    # and keeps a stale %fs descriptor after set_thread_area re-points the
    # entry %fs holds (Linux reloads the register on the way back).
    stock_test("stock-segregs", "segregs", reference=False),
    # every system call musl's start-up makes is known (the trace says so)
    stock_test("stock-musl-start", "musl_start", cmdline="quiet trace=syscall",
               must=[r"^  %fs 0 %gs 0 at start$",
                     r"^\[syscall\] pid 1 set_thread_area\(.*\) = 0$",
                     r"^\[syscall\] pid 1 set_tid_address\(.*\) = 1$"],
               must_not=[r"unknown system call"]),
    # qemu-user does not turn unmasked x87/SSE exceptions into SIGFPE.
    stock_test("stock-fpstress-sigfpe", "fpstress", args="sigfpe", reference=False,
               must=[r"^x87 floating-point error: pid \d+ .*killed by signal 8$"]),
    # Linux starts a handler with a fresh FPU (MXCSR 0x1f80); qemu-user keeps
    # the interrupted program's, so that line is checked here, not compared.
    stock_test("stock-sigfault", "sigfault", must=[r"^# handler mxcsr 0x1f80$"]),
    stock_test("stock-sighandler", "sighandler", must=[r"^# SigIgn 0000000000000201$"]),
    # Forged sigreturn frames: kernel selectors, IOPL, a kernel EIP, bad
    # MXCSR bits. qemu-user emulates segments and sigreturn differently (it
    # trips its own assertions), so the verdict is not compared: the kernel
    # must refuse each forgery (the status lines) and never panic.
    # The core bit (Linux sets it only when a core file is written, and
    # qemu-user writes none) and exec (qemu-user cannot exec an i386
    # program) are checked here, not compared.
    stock_test("stock-sigproc", "sigproc", timeout=180,
               must=[r"^# SIGTERM core 0$", r"^# SIGQUIT core 1$",
                     r"^# exec: SIG_IGN and mask kept, handler reset: yes$"]),
    # A read of the console, which nobody types into, interrupted by alarms:
    # on the host the terminal (or /dev/null) would answer the read.
    stock_test("stock-sigtty", "sigtty", reference=False),
    stock_test("stock-sigforge", "sigforge", reference=False,
               must=[r"^# CS 0x08: status 0x84$", r"^# SS 0x10: status 0x84$"]),
    stock_test("stock-clocks", "clocks"),
    # qemu-user 7.2's /proc/self/maps names no [heap] and merges the text
    # segment's lines: no host reference.
    stock_test("stock-maps", "maps", reference=False,
               must=[r"^[0-9a-f]{8}-[0-9a-f]{8} rw-p 00000000 00:00 0 +\[heap\]$"]),
    stock_test("stock-files", "files"),
    stock_test("stock-poll", "poll"),
    stock_test("stock-ids", "ids"),
    # qemu-user accepts RLIMIT_AS, RLIMIT_DATA and RLIMIT_STACK but applies
    # none of them (they would limit the emulator itself): no host reference.
    stock_test("stock-rlimits", "rlimits", reference=False),
    stock_test("stock-rusage", "rusage"),
    # The reference would run through qemu-i386, which cannot execve an i386
    # program on a host without a binfmt handler for it: no host reference.
    stock_test("stock-cloexec", "cloexec", reference=False),
    # Memory calls (issue: stock C programs run unmodified).
    stock_test("stock-mmap", "mmap"),
    # mremap moves a 48 MiB mapping, much of it in swap (mem=40M, of which the
    # stock initrd takes a good part): every page comes along, swapped or not.
    Test("stock-mremap-through-swap", "quiet mem=40M init=/stock/mmap -- 48", 0, timeout=400,
         disks=[Disk(1, size=96 << 20, mkswap=True)], initrd="initrd-stock.cpio",
         must=[r"^mmap: \d+ passed, 0 failed$", r"^init exited with status 0$",
               r"^mmap big: 48 MiB moved, pswpout [1-9]\d* before the move, pswpin \+[1-9]\d* after it$"],
         must_not=[r"^FAIL ", r"^kernel panic", r"^kernel exception"],
         reference=["stock/mmap", "48"]),
    stock_test("stock-madvise", "madvise"),
    # qemu-user, the reference, answers these memory calls itself and not as
    # Linux does (MAP_FIXED_NOREPLACE, mprotect of length 0 or over a hole,
    # mremap of unmapped ranges, madvise/msync/mlock over holes, unknown
    # advice, mlock2, mlockall, the host's Mlocked): checked against Linux's
    # documented answers only.
    stock_test("stock-mem-edges", "mem_edges", reference=False),
    stock_test("stock-sysv", "sysv"),
]
