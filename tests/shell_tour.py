"""shell_tour.py: the shell sessions of docs/tour.md, run as tests. A
session starts at a fenced block whose first line is `$ make run ...`; in
it and the fenced blocks after it (up to the next `$ make ...` block), each
`$ ` line is a command typed at vmos's shell and the lines under it are what
it prints, matched in order as the GDB sessions' output is (gdb_checks's
expect_pattern: `...` stands for anything, every number for any number).
Lines the tour leaves out are allowed; every line it shows must appear."""

import re
import shlex

import gdb_checks

SHELL = r"\$ "


def shell_sessions(text):
    """Returns [(make line, [(command, [expected lines])])]."""
    sessions, current = [], None
    for block in re.findall(r"^```[a-z]*\n(.*?)^```", text, re.M | re.S):
        lines = block.rstrip("\n").split("\n")
        if lines[0].startswith("$ make "):
            current = (lines[0][2:], []) if lines[0].startswith("$ make run") else None
            if current:
                sessions.append(current)
            lines = lines[1:]
        if not current:
            continue
        for l in lines:
            if l.startswith("$ "):
                current[1].append((l[2:], []))
            elif current[1] and l.strip():
                current[1][-1][1].append(l)
    return sessions


def outputs(log, commands):
    """What each command printed: the lines after its echo at the prompt,
    up to the next prompt."""
    lines, found, at = log.split("\n"), [], 0
    for cmd in commands:
        while at < len(lines) and not lines[at].endswith("$ " + cmd):
            at += 1
        start = at = at + 1
        while at < len(lines) and not lines[at].startswith("$ "):
            at += 1
        found.append([l.strip() for l in lines[start:at]] if start <= len(lines) else None)
    return found


def check_session(steps):
    def check(log):
        for (cmd, expected), out in zip(steps, outputs(log, [c for c, _ in steps])):
            if out is None:
                return f"tour: `$ {cmd}` was never typed"
            at = 0
            for want in expected:
                if want.strip() == "...":
                    continue
                rx = gdb_checks.expect_pattern(want)
                while at < len(out) and not rx.fullmatch(out[at]):
                    at += 1
                if at == len(out):
                    return f"tour: `$ {cmd}` should print {want.strip()!r}; it printed:\n" + \
                        "\n".join(out)
                at += 1
        return None
    return check


def shell_tour_tests(Test, Disk, path):
    """One Test per shell session of the tour at path (shell-tour-1, ...)."""
    with open(path) as f:
        sessions = shell_sessions(f.read())
    tests = []
    for n, (make_line, steps) in enumerate(sessions, 1):
        args = dict(a.split("=", 1) for a in shlex.split(make_line)[2:] if "=" in a)
        script = [(SHELL, cmd + "\n") for cmd, _ in steps] + [(SHELL, "exit\n")]
        tests.append(Test(f"shell-tour-{n}", args.get("CMDLINE", ""), 0, timeout=180,
                          initrd=args.get("INITRD", "initrd-stock.cpio"),
                          mem=int(args.get("MEM", "128")), script=script,
                          disks=[Disk(1, size=64 << 20, mkswap=True)],
                          must_not=[r"^kernel panic", r"^kernel exception"],
                          check=check_session(steps)))
    if not tests:
        tests.append(Test("shell-tour", "", 0, check=lambda log: f"{path}: no `$ make run` session"))
    return tests
