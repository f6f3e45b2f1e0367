"""gdb_checks.py: what the QEMU tests of the GDB helpers (tests/qemu_tests.py,
the `gdb-` entries) run and expect: their GDB commands, the functions that
judge a log (GDB's output, then `--- serial ---`, then the serial console),
and the reading of docs/tour.md into one test per GDB session it shows.
Plain Python: the runner imports it, not GDB."""

import os
import re
import shlex

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
HELPERS = os.path.join(HERE, "vmos.py")
TOUR = os.path.join(ROOT, "docs", "tour.md")

SOURCE = f"source {HELPERS}"
MAPS_LINE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{8} [r-][w-][x-][ps] [0-9a-f]{8} ")
PYTHON_ERRORS = [r"Python Exception", r"Traceback", r"Error occurred in Python"]


def mark(name):
    """A GDB command printing a line the checks find sections by."""
    return f"echo === {name}\\n"


# `finish` from a breakpoint, with the breakpoints disabled while it runs. To
# resume from a breakpoint GDB first single-steps over it (`vCont;s`), and
# QEMU's stub now and then (on a loaded machine) answers that step with a
# stop at the same PC, no instruction executed: GDB takes it for a new hit of
# the breakpoint, reports `Breakpoint N, ...` with the same arguments, and the
# `finish` is over before the function ran. With no breakpoint at the PC there
# is nothing to step over (a plain `continue` to the return address), and no
# other hit (another process, while this one sleeps) can end the `finish`.
FINISH = ["disable", "finish", "enable"]


def split(log):
    """(GDB's output, the serial console's) of a gdb-mode test's log."""
    gdb, _, serial = log.partition("\n--- serial ---\n")
    return gdb, serial


def section(gdb, name):
    """GDB's output between the mark `name` and the next mark (or the end)."""
    m = re.search(rf"^=== {re.escape(name)}\n(.*?)(?=^=== |\Z)", gdb, re.M | re.S)
    return m.group(1) if m else ""


def maps_lines(text):
    return [l.rstrip() for l in text.split("\n") if MAPS_LINE.match(l)]


# --- gdb-kpte-cow -----------------------------------------------------------

COW_GDB = [
    SOURCE, "add-symbol-file {build}/user/bin/cowdemo",
    "break cow_break if va == ((unsigned)&shared_value & ~0xfff)", "continue",
    "set $a = va", "set $other = 3 - current->pid",
    mark("before"), "kpte $a", mark("finish")] + FINISH + [
    mark("after"), "kpte $a", mark("other"), "kpte $a $other", mark("end"),
    "delete", "detach"]


# --- gdb-kpte-zero-page -----------------------------------------------------

# t_zeropage writes a page it has read: the write comes to cow_break with
# a PTE that maps the shared zero page.
ZERO_GDB = [
    SOURCE,
    "break cow_break if (*pte & 0xfffff000) == (unsigned)((zero_page - frame_table) << 12)",
    "continue", "set $a = va",
    mark("zero"), "kpte $a", mark("finish")] + FINISH + [
    mark("after"), "kpte $a", mark("end"), "delete", "detach"]


def check_zero(log):
    """kpte shows the zero page as such (read-only, COW, flag zero, no
    reverse map); after cow_break the page has a writable frame of its own."""
    gdb, _ = split(log)
    z, a = parse_kpte(section(gdb, "zero")), parse_kpte(section(gdb, "after"))
    if z is None or a is None:
        return f"no kpte output with a frame before or after cow_break:\n{gdb[-2000:]}"
    text = section(gdb, "zero")
    if not ({"P", "-W", "U", "COW"} <= set(z["flags"]) and "[zero]" in text):
        return f"the zero page: expected P -W U COW and [zero], got {z} in:\n{text}"
    if not re.search(r"^  the shared zero page: mapped read-only by \d+ PTEs", text, re.M):
        return f"kpte does not name the shared zero page:\n{text}"
    if a["frame"] == z["frame"] or a["kind"] != "writable":
        return f"after cow_break: expected a writable frame of its own, got {a}"
    return None


def parse_kpte(text):
    """{flags, kind, frame, count} of one kpte's output, or None."""
    pte = re.search(r"^  PTE\[\d+\] = 0x[0-9a-f]{8}  (.*)$", text, re.M)
    frame = re.search(r"^  -> frame at phys (0x[0-9a-f]{8}), (.*)$", text, re.M)
    count = re.search(r"^  struct page \(pfn \d+\): count (\d+)", text, re.M)
    if not (pte and frame and count):
        return None
    return {"flags": pte.group(1).split(), "frame": frame.group(1), "kind": frame.group(2),
            "count": int(count.group(1))}


def check_cow(log):
    """At the copy-on-write fault on cowdemo's data page: read-only, COW,
    count > 1; after cow_break, this process's PTE is writable, not COW, on
    a new frame; the other process keeps the old frame, one count fewer."""
    gdb, _ = split(log)
    fin = section(gdb, "finish")
    if not re.search(r"^Value returned is \$\d+ = ", fin, re.M):
        return ("`finish` did not return from cow_break (GDB stopped elsewhere: not a COW "
                f"problem); it printed:\n{fin}")
    got = {s: parse_kpte(section(gdb, s)) for s in ("before", "after", "other")}
    for s, k in got.items():
        if k is None:
            return f"no kpte output with a frame in section {s!r}"
    b, a, o = got["before"], got["after"], got["other"]
    if not ({"P", "-W", "U", "COW"} <= set(b["flags"]) and b["kind"] == "read-only, copy-on-write"):
        return f"before cow_break: expected P -W U COW (read-only, copy-on-write), got {b}"
    if b["count"] < 2:
        return f"before cow_break: expected a shared frame (count > 1), got count {b['count']}"
    if not ({"P", "W", "U", "-COW"} <= set(a["flags"]) and a["kind"] == "writable"):
        return f"after cow_break: expected P W U -COW (writable), got {a}"
    if a["frame"] == b["frame"]:
        return f"after cow_break: still on frame {a['frame']}: no copy was made"
    if o["frame"] != b["frame"] or "COW" not in o["flags"] or o["count"] != b["count"] - 1:
        return f"the other process: expected frame {b['frame']}, COW, count {b['count'] - 1}; got {o}"
    return None


# --- gdb-kvmas-matches-maps, gdb-kps-kframes-kswap -------------------------

PROC_CMDLINE = "quiet init=/bin/init -- cat /proc/self/maps /proc/self/status /proc/meminfo"
PROC_GDB = [
    SOURCE, "break proc_exit if current->pid == 2", "continue",
    mark("kps"), "kps", mark("kvmas"), "kvmas", mark("kvmas 2"), "kvmas 2",
    mark("kframes"), "kframes", mark("kswap"), "kswap", mark("end"), "delete", "detach"]


def check_kvmas(log):
    """kvmas of cat, at its exit, is what cat printed of /proc/self/maps."""
    gdb, serial = split(log)
    want = maps_lines(serial)
    if len(want) < 4 or not any(l.endswith("[stack]") for l in want) \
            or not any(l.endswith("/bin/cat") for l in want):
        return f"serial: expected cat's /proc/self/maps (text, data, stack), got {want}"
    for s in ("kvmas", "kvmas 2"):
        got = maps_lines(section(gdb, s))
        if got != want:
            return f"`{s}` differs from /proc/self/maps:\n  kvmas: {got}\n  maps:  {want}"
    return None


# --- gdb-kvmas-tmpfs --------------------------------------------------------
# t_tmpfs's maps-names case maps /tmp/t_named shared, prints its maps line,
# unlinks the file (stop there: kvmas), and prints the line again (stop at
# that read of maps: kvmas once more).

TMPFS_CMDLINE = "quiet init=/tests/t_tmpfs"
TMPFS_GDB = [
    SOURCE, "break tmpfs_remove if ip->name[2] == 'n' && ip->name[3] == 'a'", "continue",
    mark("kvmas"), "kvmas", "delete", "break procfs_show_maps", "continue",
    mark("kvmas deleted"), "kvmas", mark("end"), "delete", "detach"]


def check_kvmas_tmpfs(log):
    """kvmas names the mapped tmpfs file as /proc/PID/maps did, before and
    after the unlink."""
    gdb, serial = split(log)
    printed = [l.strip() for l in serial.split("\n") if l.strip().endswith(("/tmp/t_named",
                                                                        "/tmp/t_named (deleted)"))]
    if len(printed) != 2:
        return f"serial: expected the two maps lines of /tmp/t_named, got {printed}"
    for name, want in (("kvmas", printed[0]), ("kvmas deleted", printed[1])):
        got = [l for l in maps_lines(section(gdb, name)) if "/tmp/t_named" in l]
        if got != [want]:
            return f"`{name}`: expected {want!r}, got {got}"
    return None


KPS_LINE = re.compile(r"^([* ]) *(\d+) +(\d+) +(\w+) +(\S+) +(0x[0-9a-f]{8}|-) +(\d+|-) +(\d+|-)$")


def serial_kb(serial, key):
    m = re.search(rf"^{key}:\s+(\d+) kB$", serial, re.M)
    return int(m.group(1)) if m else None


def check_kps(log):
    """kps lists pid 1 (init) and pid 2 (cat, current), each with its own
    page directory, and cat's RSS and swap are /proc/self/status's; kframes'
    total is /proc/meminfo's MemTotal; kswap's slots are its SwapTotal."""
    gdb, serial = split(log)
    rows = {int(m.group(2)): m.groups() for m in
            (KPS_LINE.match(l) for l in section(gdb, "kps").split("\n")) if m}
    if 1 not in rows or rows[1][4] != "init":
        return f"kps: no pid 1 named init: {rows}"
    if 2 not in rows or rows[2][4] != "cat" or rows[2][0] != "*":
        return f"kps: no pid 2 named cat marked current: {rows}"
    dirs = [rows[p][5] for p in (1, 2)]
    if "-" in dirs or dirs[0] == dirs[1] or int(dirs[0], 16) == 0:
        return f"kps: expected two different page directories, got {dirs}"
    rss, swap = serial_kb(serial, "VmRSS"), serial_kb(serial, "VmSwap")
    if rss is None or (int(rows[2][6]) * 4, int(rows[2][7]) * 4) != (rss, swap):
        return f"kps: cat's RSS/SWAP {rows[2][6:]} pages, /proc/self/status {rss}/{swap} kB"
    frames = section(gdb, "kframes")
    m = re.search(r"^frames: (\d+) total, (\d+) free, (\d+) used", frames, re.M)
    if not m or int(m.group(1)) * 4 != serial_kb(serial, "MemTotal"):
        return f"kframes: total is not MemTotal ({serial_kb(serial, 'MemTotal')} kB): {frames!r}"
    if "warning" in frames or not re.search(r"^  shared: \d+ frames mapped by more", frames, re.M):
        return f"kframes: {frames!r}"
    m = re.search(r"^swap: (\d+) usable slots, (\d+) in use", section(gdb, "kswap"), re.M)
    if not m or int(m.group(1)) * 4 != serial_kb(serial, "SwapTotal"):
        return f"kswap: usable slots are not SwapTotal: {section(gdb, 'kswap')!r}"
    return None


# --- gdb-helpers-before-boot ------------------------------------------------

ALL = ["kps", "kvmas", "kpte 0x08048000", "kframes", "kswap"]
EARLY_GDB = ([SOURCE, mark("kcheck"), "kcheck", mark("reset")] + ALL
             + ["break memory_init", "continue", mark("memory_init")] + ALL
             + ["break proc_init", "continue", mark("proc_init")] + ALL
             + [mark("end"), "delete", "detach"])


def check_early(log):
    """Every command says what is not there yet, at each stop, instead of
    failing with a Python error."""
    gdb, _ = split(log)
    want = {"reset": [r"^kps: paging is off", r"^kvmas: paging is off", r"^kpte: paging is off",
                      r"^kframes: paging is off", r"^kswap: paging is off"],
            "memory_init": [r"^kps: no processes yet", r"^kvmas: no current process",
                            r"^  not mapped: no page table", r"^kframes: the frame table is not built",
                            r"^kswap: no swap area"],
            "proc_init": [r"^kps: no processes yet", r"^frames: \d+ total, \d+ free",
                          r"^kswap: no swap area"]}
    for s, pats in want.items():
        text = section(gdb, s)
        for p in pats:
            if not re.search(p, text, re.M):
                return f"at {s}: missing {p!r} in {text!r}"
    return None


# --- the tour ---------------------------------------------------------------

def prog_dir(prog):
    """Where user program PROG lives, in the initrd and under build/user/:
    the test programs (t_*) in tests/, the rest in bin/."""
    return "tests" if prog.startswith("t_") else "bin"


def make_gdb_cmdline(make_line):
    """(kernel command line, PROG) that `make gdb ...` boots with, as the
    Makefile's gdb target works them out."""
    args = dict(a.split("=", 1) for a in shlex.split(make_line)[2:] if "=" in a)
    prog, cmdline = args.get("PROG", ""), args.get("CMDLINE", "")
    if prog and not any(w.startswith("init=") for w in cmdline.split()):
        cmdline = f"init=/{prog_dir(prog)}/{prog} {cmdline}"
    return " ".join(cmdline.split()), prog


def expect_pattern(line):
    """A tour's expected output line as a pattern: `...` matches anything,
    every number (decimal, 0x hex, an 8-digit hex word) matches any number,
    and runs of spaces match any spacing."""
    out = []
    for tok in re.split(r"(\.\.\.|0x[0-9a-fA-F]+|\b[0-9a-f]{8}\b|\b\d+\b|\s+)", line.strip()):
        if tok == "...":
            out.append(".*")
        elif re.fullmatch(r"0x[0-9a-fA-F]+", tok):
            out.append(r"0x[0-9a-fA-F]+")
        elif re.fullmatch(r"[0-9a-f]{8}|\d+", tok):
            out.append(r"[0-9a-f]+")
        elif tok.isspace():
            out.append(r"\s+")
        else:
            out.append(re.escape(tok))
    return re.compile("".join(out))


def tour_sessions(text):
    """The GDB sessions of the tour: each starts at a fenced block whose
    first line is `$ make gdb ...`; in it and in the fenced blocks after it,
    `(gdb) ` lines are commands and the other lines the output they give.
    Returns [(make line, [(command, [expected lines])])]."""
    sessions = []
    for block in re.findall(r"^```[a-z]*\n(.*?)^```", text, re.M | re.S):
        lines = block.rstrip("\n").split("\n")
        if lines[0].startswith("$ make gdb"):
            sessions.append((lines[0][2:], []))
            lines = lines[1:]
        if not sessions or not any(l.startswith("(gdb) ") for l in lines):
            continue
        steps = sessions[-1][1]
        for l in lines:
            if l.startswith("(gdb) "):
                steps.append((l[6:], []))
            elif steps and l.strip():
                steps[-1][1].append(l)
    return sessions


def check_tour(steps):
    def check(log):
        gdb, _ = split(log)
        for i, (cmd, expected) in enumerate(steps):
            text = section(gdb, f"step {i}")
            out = [l.strip() for l in text.split("\n")]
            at = 0
            for want in expected:
                if want.strip() == "...":
                    continue            # a cut in the tour's output: nothing to match
                rx = expect_pattern(want)
                while at < len(out) and not rx.fullmatch(out[at]):
                    at += 1
                if at == len(out):
                    return (f"tour: `(gdb) {cmd}` should print {want.strip()!r}; "
                            f"it printed:\n{text}")
                at += 1
        return None
    return check


def tour_tests(Test, Disk):
    """One Test per session of docs/tour.md (names gdb-tour-1, ...): the
    session's commands, each after a mark, then each command's expected
    lines checked in order in its own output. A tour that cannot be read
    gives a test that fails saying so."""
    try:
        with open(TOUR) as f:
            sessions = tour_sessions(f.read())
    except OSError as e:
        sessions, why = [], str(e)
    else:
        why = "no `$ make gdb` sessions with `(gdb)` commands"
    if len(sessions) < 2 or any(len(s) < 5 for _, s in sessions):
        return [Test("gdb-tour", "", 0, check=lambda log: f"{TOUR}: {why}", gdb=["kill"])]
    tests = []
    for n, (make_line, steps) in enumerate(sessions, 1):
        cmdline, prog = make_gdb_cmdline(make_line)
        cmds = [SOURCE] + ([f"add-symbol-file {{build}}/user/{prog_dir(prog)}/{prog}"] if prog else [])
        for i, (cmd, _) in enumerate(steps):
            cmds += [mark(f"step {i}")] + (FINISH if cmd == "finish" else [cmd])
        tests.append(Test(f"gdb-tour-{n}", cmdline, 0, timeout=120,
                          disks=[Disk(1, size=64 << 20, mkswap=True)],
                          gdb=cmds + [mark("end"), "delete", "detach"],
                          must_not=PYTHON_ERRORS, check=check_tour(steps)))
    return tests
