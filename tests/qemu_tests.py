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
    """Boots straight into a test program (init=/bin/PROG) that prints
    `ok CASE` / `FAIL CASE` lines and `PROG: N passed, M failed`, and exits
    with the number of failures."""
    return Test(name, f"quiet init=/bin/{prog}" + (f" -- {args}" if args else ""), 0,
                must=[rf"^{prog}: \d+ passed, 0 failed$", r"^init exited with status 0$"] + list(must),
                must_not=[r"^FAIL ", r"^kernel panic", r"^kernel exception"],
                mem=mem, timeout=timeout)


TESTS = [
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
    Test("qemu-info-mem", NO_INIT, 5, qemu_monitor=True, check=check_info_mem,
         script=[(PROMPT, "\x01c"), (r"\(qemu\) ", "info mem\n"),
                 (r"\(qemu\) ", "\x01c"), ("", "poweroff 5\n")]),
    # User processes (issue: processes, exec, fork).
    program_test("user-layout", "t_layout", "a bc"),
    program_test("user-brk", "t_brk"),
    program_test("user-exec", "t_exec"),
    program_test("user-fork-cow", "t_fork"),
    program_test("user-sigsegv", "t_segv",
                 must=[r"^segfault: pid \d+ \(t_segv\) at 0x00000000, eip 0x0804[0-9a-f]{4}, read, not present$",
                       r"^segfault: pid \d+ \(t_segv\) at 0x0804[0-9a-f]{4}, eip 0x0804[0-9a-f]{4}, write, protection violation$",
                       r"^general protection fault: pid \d+ \(t_segv\) at eip 0x0804[0-9a-f]{4}"]),
    program_test("user-efault", "t_efault"),
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
    Test("proc-files-mem-4M", "quiet mem=4M init=/bin/t_procfs", 0,
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
    Test("gdb-break-kernel-main", "ktest=mm", 0,
         gdb=["break kernel_main", "continue", "bt", "info source", "next",
              "delete", "detach"],
         must=[r"Breakpoint 1 at 0xc01[0-9a-f]+: file kernel/main.c",
               r"Breakpoint 1, kernel_main \(magic=732803074",
               r"Current source file is kernel/main.c", r"^#0 +kernel_main",
               r"^ktest: mm passed"]),
]
