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
    ap.add_argument("--timeout", type=int, default=0, help="seconds per boot")
    a = ap.parse_args()
    os.makedirs(f"{a.build}/tests", exist_ok=True)
    run.I386_RUNNER = []
    failed = total_calls = 0
    total_time = 0.0
    for seed in a.seeds.split():
        t = fuzz_test(f"fuzz-seed{seed}", seed, a)
        start = time.time()
        log, why = run.run_qemu(t, a.build)
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
        vlog, vwhy = run.run_qemu(v, a.build)
        print(f"  again with verbose ({'failed: ' + vwhy if vwhy else 'passed this time'}); "
              f"its log: {a.build}/tests/{v.name}.log, the last calls:")
        print("\n".join("    " + c for c in CALL.findall(vlog)[-6:]))
    print(f"fuzz campaign: {len(a.seeds.split())} seeds, {total_calls} calls in "
          f"{total_time:.0f} s ({total_calls / total_time if total_time else 0:.0f} calls/s), "
          f"{failed} failed")
    return failed


if __name__ == "__main__":
    sys.exit(main())
