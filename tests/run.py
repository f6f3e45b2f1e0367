#!/usr/bin/env python3
"""run.py: the one test runner. Runs the host unit-test binaries given on
the command line (each prints `ok NAME` / `FAIL NAME: why` per case) and,
with them, the checks of docs/design.md against the code (doc_check.py), then
every QEMU test of tests/qemu_tests.py in parallel, one line per test, the
log tail of each failure, and ends with `N passed, N failed`."""

import argparse
import concurrent.futures
import os
import re
import socket
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import doc_check  # noqa: E402
import qemu_tests  # noqa: E402

QBOOT = "/usr/share/qemu/qboot.rom"
I386_RUNNER = []        # how this host runs i386 programs (i386_runner)
TAIL_LINES = 25


def i386_runner(build):
    """The command prefix that runs an i386 program on this host: nothing
    where the host's kernel runs them itself, else qemu-i386 (a host without
    IA-32 emulation, or not x86 at all). Decided once, by running the
    smallest i386 program (tests/unit/probe.c)."""
    probe = f"{build}/tests/unit/probe"
    try:
        if subprocess.run([probe], capture_output=True, timeout=30).returncode == 0:
            return []
    except OSError:
        pass
    return ["qemu-i386"]


def run_unit(binary, runner):
    """Runs one unit-test binary; returns a list of (name, passed, detail)."""
    suite = os.path.basename(binary)
    try:
        p = subprocess.run(runner + [binary], capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        return [(f"unit/{suite}", False, "timed out")]
    results = []
    for line in p.stdout.splitlines():
        m = re.match(r"^(ok|FAIL) (\S+)(?:: (.*))?$", line)
        if m:
            results.append((f"unit/{suite}/{m.group(2)}", m.group(1) == "ok",
                            m.group(3) or ""))
    if p.returncode != 0 or not results:
        results.append((f"unit/{suite}", False,
                        f"exit status {p.returncode}\n{p.stdout[-2000:]}{p.stderr[-2000:]}"))
    return results


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Boot:
    """One QEMU process: its serial output collected by a reader thread."""

    def __init__(self, args, log_path):
        self.log = bytearray()
        self.lock = threading.Lock()
        self.log_path = log_path
        self.proc = subprocess.Popen(args, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        while True:
            chunk = self.proc.stdout.read1(4096)
            if not chunk:
                break
            with self.lock:
                self.log += chunk

    def text(self):
        with self.lock:
            return self.log.decode("utf-8", "replace").replace("\r\n", "\n")

    def wait_for(self, pattern, start, deadline):
        """Waits until pattern appears in the output after offset start;
        returns the offset after the match, or None on timeout or exit."""
        rx = re.compile(pattern)
        while time.time() < deadline:
            m = rx.search(self.text(), start)
            if m:
                return m.end()
            if self.proc.poll() is not None:
                self.reader.join(1)
                m = rx.search(self.text(), start)
                return m.end() if m else None
            time.sleep(0.02)
        return None

    def send(self, data):
        try:
            self.proc.stdin.write(data.encode())
            self.proc.stdin.flush()
        except BrokenPipeError:
            pass

    def finish(self, deadline):
        """Waits for QEMU to exit by the deadline (killing it after);
        returns its exit status, or None if it had to be killed."""
        try:
            rc = self.proc.wait(max(0.1, deadline - time.time()))
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            rc = None
        self.reader.join(2)
        with open(self.log_path, "w") as f:
            f.write(self.text())
        return rc


def qemu_args(t, build):
    args = ["qemu-system-i386", "-accel", os.environ.get("ACCEL", "tcg"),
            "-m", str(t.mem), "-no-reboot", "-display", "none",
            "-serial", "mon:stdio" if t.qemu_monitor else "stdio",
            "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]
    if t.iso:
        args += ["-cdrom", f"{build}/os.iso", "-boot", "d"]
    else:
        args += ["-nodefaults", "-bios", QBOOT,
                 "-kernel", f"{build}/kernel.elf", "-initrd", f"{build}/{t.initrd}",
                 "-append", t.cmdline]
    for d in t.disks:
        args += ["-drive", f"file={disk_path(t, d, build)},format=raw,if=ide,index={d.index}"]
    return args + t.qemu_extra


def disk_path(t, d, build):
    return f"{build}/tests/{t.name}-hd{'abcd'[d.index]}.img"


def make_disks(t, build):
    """Fresh images for t (never shared between tests, which run in
    parallel); returns {index: path}."""
    paths = {}
    for d in t.disks:
        path = paths[d.index] = disk_path(t, d, build)
        with open(path, "wb") as f:
            f.truncate(d.size)
            f.write(d.head)
        if d.mkswap:
            subprocess.run(["mkswap", path], check=True, capture_output=True)
        with open(path, "rb") as f:
            qemu_tests.DISK_HEADS[path] = f.read(4096)
    return paths




def judge(t, rc, log):
    """Returns None if the test passed, else why it failed."""
    want = 2 * t.status + 1
    if rc is None:
        return f"timed out after {t.timeout}s (hung)"
    if rc != want:
        what = {0: " (triple fault or reset?)",
                227: " (kernel panic or exception)"}.get(rc, "")
        return f"QEMU exit status {rc}{what}, expected {want} (kernel status {t.status})"
    for pat in t.must:
        if not re.search(pat, log, re.M):
            return f"missing in log: {pat!r}"
    for pat in t.must_not:
        if re.search(pat, log, re.M):
            return f"forbidden in log: {pat!r}"
    if t.check:
        return t.check(log)
    return None


# The lines of a stock program's output that must be the same as on Linux
# (tests/stock/check.h): checks, values shown with SAY, the summary.
VERDICT = re.compile(r"^(ok |FAIL |= |\S+: \d+ passed, \d+ failed$)")


def verdict_lines(text):
    return [l for l in text.replace("\r\n", "\n").split("\n") if VERDICT.match(l)]


def compare_reference(t, build, log):
    """Runs t's stock program on the host (its Linux is the reference) and
    compares its verdict lines with the boot's; returns why they differ."""
    cmd = I386_RUNNER + [os.path.abspath(f"{build}/{t.reference[0]}")] + t.reference[1:]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=120,
                           stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"reference run {cmd}: {e!r}"
    want, got = verdict_lines(p.stdout), verdict_lines(log)
    if not want:
        return f"reference run {cmd} printed no verdict: {p.stdout[-500:]}{p.stderr[-500:]}"
    if want != got:
        missing = [l for l in want if l not in got]
        extra = [l for l in got if l not in want]
        return (f"output differs from the host's: missing {missing[:5]}, extra {extra[:5]}"
                if missing or extra else "output differs from the host's in order")
    return None


def run_qemu(t, build):
    log_path = f"{build}/tests/{t.name}.log"
    deadline = time.time() + t.timeout
    paths = make_disks(t, build)
    if t.gdb:
        return run_gdb(t, build, log_path, deadline)
    boot = Boot(qemu_args(t, build), log_path)
    pos = 0
    for expect, send in t.script:
        pos = boot.wait_for(expect, pos, deadline)
        if pos is None:
            break
        boot.send(send)
    rc = boot.finish(deadline)
    log = boot.text()
    if pos is None and rc is None:
        return log, f"never saw {expect!r} (timed out)"
    why = judge(t, rc, log)
    if why is None and t.check_disks:
        why = t.check_disks(paths)
    if why is None and t.reference:
        why = compare_reference(t, build, log)
    return log, why


def run_gdb(t, build, log_path, deadline):
    """Boots QEMU halted with a GDB stub and drives GDB in batch mode with
    t.gdb (a list of commands, `{build}` in them replaced by the build
    directory); the log holds GDB's output then serial's."""
    port = free_port()
    args = qemu_args(t, build) + ["-S", "-gdb", f"tcp:127.0.0.1:{port}"]
    boot = Boot(args, log_path + ".serial")
    cmds = ["set pagination off", "set confirm off", f"file {build}/kernel.elf",
            f"target remote 127.0.0.1:{port}"] + [c.replace("{build}", build) for c in t.gdb]
    gdb_args = ["gdb", "-nx", "-batch"]
    for c in cmds:
        gdb_args += ["-ex", c]
    try:
        g = subprocess.run(gdb_args, capture_output=True, text=True,
                           timeout=max(1, deadline - time.time()))
        gdb_out = g.stdout + g.stderr
    except subprocess.TimeoutExpired:
        gdb_out = "gdb timed out"
    rc = boot.finish(deadline)
    log = gdb_out + "\n--- serial ---\n" + boot.text()
    with open(log_path, "w") as f:
        f.write(log)
    return log, judge(t, rc, log)


def tail(text, n=TAIL_LINES):
    lines = text.rstrip("\n").split("\n")
    return "\n".join("    | " + line for line in lines[-n:])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--only", help="regular expression: run the matching QEMU tests only")
    ap.add_argument("units", nargs="*", help="unit-test binaries")
    a = ap.parse_args()
    os.makedirs(f"{a.build}/tests", exist_ok=True)
    passed = failed = 0

    global I386_RUNNER
    I386_RUNNER = i386_runner(a.build)
    # With the unit tests (the host tests), the checks of docs/design.md.
    suites = ([doc_check.run] if a.units else []) + \
        [lambda b=b: run_unit(b, I386_RUNNER) for b in a.units]
    for suite in suites:
        for name, ok, detail in suite():
            print(f"{'PASS' if ok else 'FAIL'} {name}", flush=True)
            if not ok:
                print(tail(detail))
            passed += ok
            failed += not ok

    tests = [t for t in qemu_tests.TESTS if not a.only or re.search(a.only, t.name)]
    workers = max(1, os.cpu_count() or 1)
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        futures = {pool.submit(run_qemu, t, a.build): t for t in tests}
        for fut in concurrent.futures.as_completed(futures):
            t = futures[fut]
            try:
                log, why = fut.result()
            except Exception as e:  # a runner bug must count as a failure
                log, why = "", f"runner error: {e!r}"
            if why is None:
                print(f"PASS qemu/{t.name}", flush=True)
                passed += 1
            else:
                print(f"FAIL qemu/{t.name}: {why}", flush=True)
                print(tail(log))
                failed += 1

    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
