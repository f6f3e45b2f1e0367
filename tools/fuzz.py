#!/usr/bin/env python3
"""fuzz.py: a long fuzzing campaign, one QEMU boot per seed with
init=/bin/fuzz (user/bin/fuzz.c), through the test runner's machinery
(tests/run.py). `make fuzz SEEDS="1 2 3" CALLS=100000` runs it.

For each seed it prints one line: PASS or FAIL, the fuzzer's summary, the
wall time and calls per second. A boot that panics or hangs (no summary
line) is booted again with `verbose`, so that the log (build/tests/
fuzz-seedN-verbose.log) ends with the calls each worker was making; the
last lines of it are printed. A boot that ends with a summary saying
FAIL (a leak, a child left) is not: its last lines are printed, its log
is build/tests/fuzz-seedN.log. Exit status: the number of seeds that
failed."""

import argparse
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))
import qemu_tests  # noqa: E402
import run  # noqa: E402

SUMMARY = re.compile(r"^fuzz: seed \d+ calls .*$", re.M)
CALL = re.compile(r"^fuzz: \[\d+\.\d+\] .*$", re.M)


def fuzz_test(name, seed, a, verbose=False):
    args = f"seed={seed} calls={a.calls} workers={a.workers} batch={a.batch}"
    if a.args:
        args += " " + a.args
    if verbose:
        args += " verbose"
    disks = [qemu_tests.Disk(1, size=a.swap << 20, mkswap=True)] if a.swap else []
    mem = f" mem={a.mem}" if a.mem else ""
    # TCG manages roughly 20-100 calls a second: leave room.
    timeout = a.timeout or 120 + a.calls // 10
    return qemu_tests.Test(name, f"quiet{mem} init=/bin/fuzz -- {args}", 0, timeout=timeout,
                           disks=disks,
                           must=[r"result PASS$", r"^init exited with status 0$"],
                           must_not=[r"^kernel panic", r"^kernel exception"])


def where_hung(build, port):
    """The kernel's stack where a hung boot is, through QEMU's GDB stub."""
    cmds = ["set pagination off", f"file {build}/kernel.elf",
            f"target remote 127.0.0.1:{port}", "bt 12", "info registers eip esp eflags"]
    args = ["gdb", "-nx", "-batch"]
    for c in cmds:
        args += ["-ex", c]
    try:
        g = subprocess.run(args, capture_output=True, text=True, timeout=60)
        return "--- where it hung (gdb) ---\n" + g.stdout + g.stderr
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"--- gdb failed: {e} ---\n"


def boot_watched(t, build, silence):
    """run.run_qemu for one fuzz boot, but a boot that prints nothing for
    `silence` seconds is taken as hung at once (workers die and the kernel
    says so many times a second), not only at the test's timeout."""
    deadline = time.time() + t.timeout
    run.make_disks(t, build)
    port = run.free_port()
    boot = run.Boot(run.qemu_args(t, build) + ["-gdb", f"tcp:127.0.0.1:{port}"],
                    f"{build}/tests/{t.name}.log")
    size, quiet_since, hung = 0, time.time(), False
    while boot.proc.poll() is None and time.time() < deadline:
        time.sleep(1)
        now = len(boot.log)
        if now != size:
            size, quiet_since = now, time.time()
        elif time.time() - quiet_since > silence:
            hung = True
            break
    where = where_hung(build, port) if hung else ""
    rc = boot.finish(time.time() if hung else deadline)
    log = boot.text()
    if hung:
        with open(f"{build}/tests/{t.name}.log", "a") as f:
            f.write(where)
        return log + where, f"no output for {silence} s (hung)"
    return log, run.judge(t, rc, log)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--seeds", default="1", help="seeds, separated by spaces")
    ap.add_argument("--calls", type=int, default=10000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--batch", type=int, default=100)
    ap.add_argument("--mem", default="", help="the kernel's mem= (e.g. 8M)")
    ap.add_argument("--swap", type=int, default=0, help="a swap disk of this many MiB")
    ap.add_argument("--args", default="",
                    help="more arguments for the fuzzer (e.g. check, only=B, verbose)")
    ap.add_argument("--silence", type=int, default=300,
                    help="seconds without output after which a boot is hung")
    ap.add_argument("--timeout", type=int, default=0, help="seconds per boot")
    a = ap.parse_args()
    os.makedirs(f"{a.build}/tests", exist_ok=True)
    run.I386_RUNNER = []
    failed = total_calls = 0
    total_time = 0.0
    for seed in a.seeds.split():
        t = fuzz_test(f"fuzz-seed{seed}", seed, a)
        start = time.time()
        log, why = boot_watched(t, a.build, a.silence)
        took = time.time() - start
        m = SUMMARY.search(log)
        summary = m.group(0) if m else "(no summary)"
        calls = int(re.search(r"calls (\d+)", summary).group(1)) if m else 0
        total_calls += calls
        total_time += took
        rate = calls / took if took else 0
        print(f"{'PASS' if why is None else 'FAIL'} seed {seed}: {summary} "
              f"[{took:.0f} s, {rate:.0f} calls/s]", flush=True)
        if why is None:
            continue
        failed += 1
        print(f"  why: {why}")
        print(run.tail(log, 15))
        if m:
            continue
        v = fuzz_test(f"fuzz-seed{seed}-verbose", seed, a, verbose=True)
        vlog, vwhy = boot_watched(v, a.build, a.silence)
        print(f"  again with verbose ({'failed: ' + vwhy if vwhy else 'passed this time'}); "
              f"its log: {a.build}/tests/{v.name}.log, the last calls:")
        print("\n".join("    " + c for c in CALL.findall(vlog)[-6:]))
    print(f"fuzz campaign: {len(a.seeds.split())} seeds, {total_calls} calls in "
          f"{total_time:.0f} s ({total_calls / total_time if total_time else 0:.0f} calls/s), "
          f"{failed} failed")
    return failed


if __name__ == "__main__":
    sys.exit(main())
