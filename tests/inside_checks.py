"""inside_checks.py: the checks of the tracing and vmmap tests (the block
"Tracing and vmmap" at the end of tests/qemu_tests.py): the lines each
trace class must print, the shell sessions that switch classes through
/proc/trace, and vmmap's drawing compared row by row with the maps lines
it read (vmmap -r prints them) and with where its own objects lie."""

import re

CLASSES = ["fault", "swap", "cow", "exec", "fork", "syscall"]
HEX = r"0x[0-9a-f]{8}"
ANY_TRACE = rf"^\[({'|'.join(CLASSES)})\]"

# One line per event: the pid, then what was decided. For cowdemo run by
# `sh -c cowdemo` (swap: `t_swap heap 12` in mem=8M with a swap disk).
EXPECTED = {
    "fault": [rf"^\[fault\] pid \d+ addr {HEX} user write not present eip {HEX} -> handled",
              rf"^\[fault\] pid \d+ addr {HEX} user write protection violation eip {HEX} -> handled",
              rf"^\[fault\] pid \d+ addr {HEX} user read not present eip {HEX} -> handled"],
    "cow": [rf"^\[cow\] pid \d+ copy va 0x0804[0-9a-f]{{4}} frame {HEX} -> {HEX}$",
            rf"^\[cow\] pid \d+ reuse va {HEX} frame {HEX}$"],
    "exec": [rf"^\[exec\] pid 1 exec /bin/sh: entry {HEX}, brk {HEX}, sp {HEX}, 3 args$",
             rf"^\[exec\] pid \d+ exec /bin/cowdemo: entry {HEX}, brk {HEX}, sp {HEX}, 1 args$"],
    "fork": [r"^\[fork\] pid 1 \(sh\) forked pid \d+$",
             r"^\[fork\] pid \d+ \(cowdemo\) forked pid \d+$"],
    "syscall": [r"^\[syscall\] pid \d+ fork\(.*\) = [1-9]\d*$",
                r"^\[syscall\] pid \d+ wait4\(.*\) = [1-9]\d*$",
                r"^\[syscall\] pid \d+ write\(0x1, 0x[0-9a-f]+, 0x[0-9a-f]+\) = [1-9]\d*$"],
    "swap": [rf"^\[swap\] pid \d+ write frame {HEX} to slot \d+$",
             rf"^\[swap\] pid \d+ read slot \d+ into frame {HEX}$",
             r"^\[swap\] pid \d+ reclaim: freed \d+ of \d+ wanted, \d+ free$"],
}
COWDEMO_DONE = r"^parent: +child done; shared_value = 1 at 0x0804[0-9a-f]{4}$"


def other_classes(cls):
    """A line of any class but cls."""
    return rf"^\[({'|'.join(c for c in CLASSES if c != cls)})\]"


def without_pid(cls):
    """A line of class cls that does not name its pid first."""
    return rf"^\[{cls}\] (?!pid \d+ )"


def shell_segments(log):
    """The shell session in log cut at each echoed command line `$ CMD`:
    a list of (CMD, what was printed until the next one)."""
    parts = re.split(r"^\$ (.*)$", log, flags=re.M)
    return list(zip(parts[1::2], parts[2::2]))


def output_lines(text):
    """The lines of text that are no trace lines, and not empty."""
    return [l for l in text.split("\n") if l and not re.match(ANY_TRACE, l)]


def check_session(log, want):
    """want: (command, its output lines without the trace lines, or None
    for "anything") in the order typed. Returns why the session differs."""
    segs = shell_segments(log)
    cmds = [c for c, _ in segs]
    if cmds != [c for c, _ in want]:
        return f"shell session: commands {cmds}, expected {[c for c, _ in want]}"
    for (cmd, text), (_, lines) in zip(segs, want):
        if lines is not None and output_lines(text) != lines:
            return f"`{cmd}` printed {output_lines(text)}, expected {lines}"
    return None


def check_runtime_switch(log):
    """Boot with trace=exec; the shell runs `trace`, `trace cow`, cowdemo,
    `trace none`, cowdemo, `trace`: exec lines only while exec is on, cow
    lines during the first cowdemo, nothing at all after `trace none`."""
    why = check_session(log, [("trace", ["exec"]), ("trace cow", []), ("cowdemo", None),
                              ("trace none", []), ("cowdemo", None), ("trace", ["none"]),
                              ("exit", None)])
    if why:
        return why
    seg = [text for _, text in shell_segments(log)]
    if not re.search(r"^\[exec\] pid \d+ exec /bin/trace: ", seg[0], re.M):
        return "no exec line for `trace` while trace=exec was on"
    if re.search(other_classes("exec"), seg[0], re.M):
        return "a line of another class than exec while only exec was on"
    if not re.search(EXPECTED["cow"][0], seg[2], re.M):
        return "no `[cow] pid N copy va 0x0804...` line during the first cowdemo"
    if re.search(other_classes("cow"), seg[2] + seg[3], re.M):
        return "a line of another class than cow while only cow was on"
    for i in (2, 4):
        if not re.search(COWDEMO_DONE, seg[i], re.M):
            return f"cowdemo did not finish (segment {i})"
    if re.search(ANY_TRACE, seg[4] + seg[5], re.M):
        return "trace lines after `trace none`"
    return None


def check_proc_commands(log):
    """The words /proc/trace takes, through the `trace` program."""
    unknown = ("trace: bogus: unknown class (classes: fault swap cow exec fork syscall; "
               "all; none; +CLASS, -CLASS)")
    return check_session(log, [
        ("cat /proc/trace", ["none"]),
        ("trace fault,cow", []), ("trace", ["fault cow"]),
        ("trace +swap,exec -fault", []), ("trace", ["swap cow exec"]),
        ("trace bogus", [unknown, "[exit 1]"]), ("trace", ["swap cow exec"]),
        ("trace all -syscall", []), ("trace", ["fault swap cow exec fork"]),
        ("trace none", []), ("cat /proc/trace", ["none"]),
        ("ls -l /proc", None), ("exit", None)])


# vmmap's drawing: a region's row, a note inside it, a gap, and -r's lines.
ROW = re.compile(r"^\| 0x([0-9a-f]{8})-0x([0-9a-f]{8}) (\S.*?) +(?:([r-][w-][x-]) +)?"
                 r"(\d+) KiB +(\S+) +(\S+) \|$")
NOTE = re.compile(r"^\|     0x([0-9a-f]{8})  (.*?) *\|$")
GAP = re.compile(r"^: +\(gap (\d+) KiB\) +:$")
RAW = re.compile(r"^maps: ([0-9a-f]{8})-([0-9a-f]{8}) (\S{4}) ([0-9a-f]{8}) \S+ \d+ *(.*)$")
KERNEL = ("row", 0xC0000000, 0xFFFFFFFF, "kernel (not accessible)", None, 1 << 20)
PROGRAM_BASE = 0x08048000

# Where vmmap drawing itself must find its own objects: note -> roles.
SELF_NOTES = {"main()": ("text",), "entry point": ("text",), "a const string": ("rodata",),
              "initialised_global": ("data",), "zeroed_global": ("data", "bss"),
              "bss:": ("data", "bss"), "malloc(16)": ("[heap]",), "argv[0]": ("[stack]",),
              "environ[]": ("[stack]",), "argv[]": ("[stack]",), "argc": ("[stack]",),
              "a local variable": ("[stack]",), "auxv": ("[stack]",),
              "ELF header": ("headers/rodata",)}


def expected_role(raw, i, program, roles):
    start, end, perms, off, name = raw[i]
    if name.startswith("["):
        return name
    if name and name == program:
        if perms.startswith("r-x"):
            return "text"
        if perms.startswith("r--"):
            return "headers/rodata" if off == 0 else "rodata"
        return "data" if perms.startswith("rw-") else "program"
    if not name and i and roles[-1] == "data" and raw[i - 1][1] == start and perms == "rw-p":
        return "bss"
    return ("mmap" + (" shared" if perms[3] == "s" else "") + (" " + name if name else ""))[:24]


def expected_drawing(raw):
    """The rows and gaps vmmap must draw, top to bottom, for these maps lines."""
    program = next((r[4] for r in raw if r[4].startswith("/")), None)
    roles = []
    for i in range(len(raw)):
        roles.append(expected_role(raw, i, program, roles))
    out, below = [KERNEL], 0xC0000000
    for (start, end, perms, _, _), role in reversed(list(zip(raw, roles))):
        if end < below:
            out.append(("gap", (below - end) // 1024))
        out.append(("row", start, end - 1, role, perms[:3], (end - start) // 1024))
        below = start
    bottom = min(PROGRAM_BASE, raw[0][0]) if raw else PROGRAM_BASE
    if bottom < below:
        out.append(("gap", (below - bottom) // 1024))
    if bottom > 0:
        out.append(("row", 0, bottom - 1, "never mapped: NULL faults", None, bottom // 1024))
    return out


def parse_drawing(log):
    """(items, counts, notes): the rows and gaps drawn, top to bottom; each
    row's (resident, swapped) column text; each note as (address, text, row
    index)."""
    items, counts, notes = [], [], []
    for line in log.split("\n"):
        m, g, n = ROW.match(line), GAP.match(line), NOTE.match(line)
        if m:
            items.append(("row", int(m[1], 16), int(m[2], 16), m[3], m[4], int(m[5])))
            counts.append((m[6], m[7]))
        elif g:
            items.append(("gap", int(g[1])))
        elif n:
            notes.append((int(n[1], 16), n[2], len(counts) - 1))
    return items, counts, notes


def check_counts(items, counts, swap_expected):
    """Resident and swapped pages: numbers within each region's size, "-"
    for the kernel and the bottom; swap only where a swap disk was."""
    rows = [i for i in items if i[0] == "row"]
    swapped = 0
    for row, (res, swp) in zip(rows, counts):
        if row[4] is None:
            if (res, swp) != ("-", "-"):
                return f"{row[3]}: resident/swapped {res}/{swp}, expected -/-"
            continue
        if not (res.isdigit() and swp.isdigit()) or int(res) + int(swp) > row[5] // 4:
            return f"{row[3]}: resident/swapped {res}/{swp} for {row[5] // 4} pages"
        swapped += int(swp)
    if swap_expected and not swapped:
        return "no region shows a swapped page"
    if not swap_expected and swapped:
        return "pages shown on swap without a swap disk"
    return None


def check_notes(items, notes, self_draw):
    rows = [i for i in items if i[0] == "row"]
    for addr, text, k in notes:
        if k < 0 or not rows[k][1] <= addr <= rows[k][2]:
            return f"note {text!r} at {addr:#010x} drawn outside its region"
    for key, roles in SELF_NOTES.items():
        if not self_draw and key not in ("entry point", "ELF header", "bss:"):
            continue
        where = [rows[k][3] for _, text, k in notes if text.startswith(key)]
        if not where or where[0] not in roles:
            return f"note {key!r} drawn in {where}, expected in {roles}"
    return None


def show(item):
    """A drawing item as vmmap draws it, for messages."""
    if item is None or item[0] == "gap":
        return f"{item}"
    return f"row {item[1]:#010x}-{item[2]:#010x} {item[3]} {item[4] or ''} {item[5]} KiB"


def check_vmmap(log, self_draw, swap_expected, title):
    """vmmap -r's drawing against the maps lines it printed: every row in
    order with its bounds, size and role, the gaps between them, the kernel
    on top, the never-mapped bottom last, the page counts, the notes (its
    own objects, when it draws itself) inside the right regions, and no
    line of the drawing wider than 80 columns."""
    if not re.search(title, log, re.M):
        return f"no title line {title!r}"
    raw = [(int(m[1], 16), int(m[2], 16), m[3], int(m[4], 16), m[5].strip())
           for m in (RAW.match(l) for l in log.split("\n")) if m]
    if len(raw) < 5:
        return f"vmmap -r printed {len(raw)} maps lines"
    items, counts, notes = parse_drawing(log)
    want = expected_drawing(raw)
    if [i[:6] for i in items] != want:
        for k, (got, exp) in enumerate(zip(items + [None] * len(want), want)):
            if got != exp:
                return f"drawing item {k}: {show(got)}, expected {show(exp)}"
        return f"drawing has {len(items)} items, expected {len(want)}"
    for line in log.split("\n"):
        drawn = line[:1] in "|+:" or line.startswith(("vmmap: ", "  range", "res, swap: "))
        if drawn and len(line) > 80:
            return f"wider than 80 columns: {line!r}"
    return check_counts(items, counts, swap_expected) or check_notes(items, notes, self_draw)
