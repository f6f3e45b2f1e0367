#!/usr/bin/env python3
"""doc_check.py: keeps docs/design.md true of the code. Each list that the
page gives of something the code defines (the system calls, the reasons a
page fault is decided, the auxiliary vector, the build outputs, the command-line options, the
trace classes, the /proc files, the GDB commands) follows a
marker line `<!-- checked: NAME -->` and is compared here with the source it
describes; so are the layering rules of the page's section 1. README.md's
tables of the command line and the GDB commands are checked the same way,
and its list of the programs in /bin.

    python3 tests/doc_check.py           prints `ok NAME` / `FAIL NAME: why`
    python3 tests/doc_check.py --write   rewrites the system-call table of
                                         docs/design.md from kernel/syscall.c,
                                         keeping the names and notes written

tests/run.py runs the same checks with the host tests (`make test`)."""

import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOC = "docs/design.md"
README = "README.md"


def read(path):
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        return f.read()


class CheckError(Exception):
    """The code or the page could not be read as this script expects."""


# --- the page -------------------------------------------------------------

def doc_table(text, name, page=DOC):
    """The rows (lists of cell strings) of the first table after the marker
    `<!-- checked: name -->`, header and separator left out. Returns the
    rows and the (first, end) line numbers the table occupies."""
    lines = text.split("\n")
    marker = f"<!-- checked: {name} -->"
    try:
        at = next(i for i, l in enumerate(lines) if l.strip() == marker)
    except StopIteration:
        raise CheckError(f"{page} has no line {marker!r}")
    first = at + 1
    while first < len(lines) and not lines[first].startswith("|"):
        first += 1
    end = first
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    if end - first < 2:
        raise CheckError(f"{page}: no table after {marker!r}")
    rows = [split_row(l) for l in lines[first + 2:end]]
    return rows, (first, end)


def split_row(line):
    """The cells of a Markdown table row; `\\|` stays inside a cell."""
    cells = re.split(r"(?<!\\)\|", line.strip())
    return [c.strip() for c in cells[1:-1]]


def code_word(cell):
    """The first `backticked` word of a cell, or the cell."""
    m = re.search(r"`([^`]+)`", cell)
    return m.group(1) if m else cell


def compare(what, in_code, in_doc, page=DOC):
    """Why the two sets of names differ, or None."""
    missing = sorted(set(in_code) - set(in_doc))
    stale = sorted(set(in_doc) - set(in_code))
    why = []
    if missing:
        why.append(f"{page} lacks {what} {', '.join(missing)}")
    if stale:
        why.append(f"{page} lists {what} the code no longer has: {', '.join(stale)}")
    return "; ".join(why) or None


# --- the code -------------------------------------------------------------

def c_block(text, start_pattern, path):
    """The text from the first match of start_pattern to the next `};`."""
    m = re.search(start_pattern, text)
    if not m:
        raise CheckError(f"{path}: no {start_pattern!r}")
    end = text.find("};", m.end())
    if end < 0:
        raise CheckError(f"{path}: {start_pattern!r} never ends")
    return text[m.end():end]


def strip_c_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", " ", text)


def syscall_table():
    """[(number, handler)] of kernel/syscall.c's table, in source order."""
    path = "kernel/syscall.c"
    body = strip_c_comments(c_block(read(path), r"\btable\[\]\s*=\s*\{", path))
    entries = []
    for item in body.split("\n"):
        item = item.strip().rstrip(",").strip()
        if not item:
            continue
        m = re.fullmatch(r"SYSCALL\(\s*(\d+)\s*,\s*(\w+)\s*\)", item)
        if not m:
            raise CheckError(f"{path}: cannot read table entry {item!r} "
                             "(expected SYSCALL(number, handler))")
        entries.append((int(m.group(1)), m.group(2)))
    if not entries:
        raise CheckError(f"{path}: the system-call table is empty")
    return entries


def source_files(*dirs, exts=(".c", ".h", ".asm")):
    for d in dirs:
        for base, _, files in os.walk(os.path.join(ROOT, d)):
            for f in sorted(files):
                if f.endswith(exts):
                    yield os.path.relpath(os.path.join(base, f), ROOT)


def handler_files(names):
    """{handler: file defining it} over kernel/ and mm/ (.c files)."""
    found = {}
    want = set(names)
    for path in source_files("kernel", "mm", exts=(".c",)):
        for m in re.finditer(r"^[A-Za-z_][\w \t\*]*?\b(sys_\w+)\s*\(([^;{]*)\)\s*\{",
                             read(path), re.M):
            if m.group(1) in want:
                found.setdefault(m.group(1), path)
    return found


# --- the checks -----------------------------------------------------------

SYSCALL_HEADER = ["number", "Linux name", "handler", "file", "note"]


def syscall_rows(doc_rows):
    """The table the appendix should hold: one row per entry of
    kernel/syscall.c, by number, with the Linux name and note kept from
    doc_rows where the row is already there."""
    entries = sorted(syscall_table())
    files = handler_files(h for _, h in entries)
    old = {}
    for r in doc_rows:
        if len(r) >= 2 and r[0].isdigit():
            old[int(r[0])] = r
    rows = []
    for nr, handler in entries:
        prev = old.get(nr)
        name = prev[1] if prev else handler[len("sys_"):]
        note = prev[4] if prev and len(prev) > 4 else ""
        where = f"`{files[handler]}`" if handler in files else "?"
        rows.append([str(nr), name, f"`{handler}`", where, note])
    return rows


def check_syscalls(doc):
    doc_rows, _ = doc_table(doc, "syscalls")
    want = syscall_rows(doc_rows)
    for r in want:
        if r[3] == "?":
            return f"no definition of {r[2]} found in kernel/ or mm/"
    got = {}
    for r in doc_rows:
        if len(r) != len(SYSCALL_HEADER) or not r[0].isdigit():
            return f"{DOC}: system-call row {r} is not `| number | name | handler | file | note |`"
        got[int(r[0])] = r
    why = []
    wanted = {int(r[0]): r for r in want}
    missing = [r for nr, r in wanted.items() if nr not in got]
    stale = [nr for nr in got if nr not in wanted]
    wrong = [(got[nr], r) for nr, r in wanted.items()
             if nr in got and (got[nr][2], got[nr][3]) != (r[2], r[3])]
    if missing:
        why.append("missing rows " + ", ".join(f"{r[0]} {r[2]}" for r in missing))
    if stale:
        why.append("rows for numbers kernel/syscall.c does not have: "
                   + ", ".join(map(str, sorted(stale))))
    for g, w in wrong:
        why.append(f"row {g[0]} says {g[2]} in {g[3]}, the code has {w[2]} in {w[3]}")
    numbers = [int(r[0]) for r in doc_rows]
    if not why and numbers != sorted(numbers):
        why.append("rows are not in number order")
    if why:
        return ("; ".join(why) + f" (run `python3 tests/doc_check.py --write` to rewrite "
                f"the table, then check the Linux names)")
    return None


def check_fault(doc):
    """Every reason mm/fault.c gives for a decision (the strings assigned to
    `how`, printed by trace=fault) names a row of the fault table."""
    path = "mm/fault.c"
    text = strip_c_comments(read(path))
    code = set()
    for m in re.finditer(r"\bhow\s*=([^;]*);", text):
        code |= set(re.findall(r'"([^"]+)"', m.group(1)))
    if not code:
        raise CheckError(f"{path}: found no reason (how = \"...\")")
    rows, _ = doc_table(doc, "fault")
    documented = set()
    for r in rows:
        if len(r) < 4:
            raise CheckError(f"{DOC}: fault-table row {r} has no \"trace says\" column")
        documented |= set(re.findall(r"`([^`]+)`", r[3]))
    missing = sorted(code - documented)
    unknown = sorted(d for d in documented - code if f'"{d}' not in text and f"{d}\"" not in text)
    why = []
    if missing:
        why.append(f"{DOC}'s fault table has no row for {', '.join(missing)}")
    if unknown:
        why.append(f"{DOC}'s fault table names reasons {path} never gives: {', '.join(unknown)}")
    return "; ".join(why) or None


def check_build(doc):
    """Every file `make all` builds is in the table of build outputs, and
    every target .PHONY names in the table of make targets."""
    m = re.search(r"^all:(.*)$", read("Makefile"), re.M)
    if not m:
        raise CheckError("Makefile: no `all:` target")
    code = {"build/" + t for t in re.findall(r"\$\(BUILD\)/(\S+)", m.group(1))}
    if not code:
        raise CheckError("Makefile: `all:` names no $(BUILD)/ file")
    rows, _ = doc_table(doc, "build")
    missing = sorted(code - {code_word(r[0]) for r in rows if r})
    why = [f"{DOC} lacks build outputs {', '.join(missing)}"] if missing else []
    m = re.search(r"^\.PHONY:(.*)$", read("Makefile"), re.M)
    if not m:
        raise CheckError("Makefile: no .PHONY line")
    rows, _ = doc_table(doc, "make")
    missing = sorted(set(m.group(1).split()) - {code_word(r[0]) for r in rows if r})
    if missing:
        why.append(f"{DOC} lacks make targets {', '.join(missing)}")
    return "; ".join(why) or None


def check_auxv(doc):
    """The auxiliary vector's keys, in the order kernel/exec_stack.c writes them."""
    path = "kernel/exec_stack.c"
    body = c_block(read(path), r"pairs\[EXEC_AUXV_PAIRS\]\[2\]\s*=\s*\{", path)
    code = re.findall(r"\{\s*(AT_\w+)\s*,", strip_c_comments(body))
    if not code:
        raise CheckError(f"{path}: put_auxv's pairs not found")
    rows, _ = doc_table(doc, "auxv")
    documented = [k for r in rows if r for k in re.findall(r"`(AT_\w+)`", r[0])]
    if documented != code:
        return (f"{DOC}'s auxiliary vector lists {' '.join(documented)}; "
                f"{path} writes {' '.join(code)}")
    return None


def check_cmdline(doc):
    path = "kernel/cmdline.c"
    code = set(re.findall(r'strcmp\(\s*word\s*,\s*"([\w-]+)"\s*\)', read(path)))
    if not code:
        raise CheckError(f"{path}: found no option (strcmp(word, \"...\"))")
    return in_both_pages(doc, "cmdline", "command-line options", code,
                         lambda r: re.match(r"[\w-]+", code_word(r[0])).group(0))


def in_both_pages(doc, table, what, code, name_of):
    """Compares the names of the code with the table marked `table` in
    docs/design.md and in README.md."""
    why = []
    for page, text in ((DOC, doc), (README, read(README))):
        rows, _ = doc_table(text, table, page)
        diff = compare(what, code, {name_of(r) for r in rows if r}, page)
        if diff:
            why.append(diff)
    return "; ".join(why) or None


def check_trace(doc):
    path = "kernel/trace.c"
    body = c_block(read(path), r"trace_names\[\]\s*=\s*\{", path)
    code = set(re.findall(r'"(\w+)"', strip_c_comments(body)))
    if not code:
        raise CheckError(f"{path}: trace_names holds no name")
    rows, _ = doc_table(doc, "trace")
    return compare("trace classes", code, {code_word(r[0]) for r in rows if r})


def check_proc(doc):
    path = "kernel/fs/procfs.c"
    text = strip_c_comments(read(path))
    fixed = re.findall(r'\{\s*"(\w+)"\s*,\s*INO_', c_block(text, r"fixed_entries\[\]\s*=\s*\{", path))
    per_pid = re.findall(r'\]\s*=\s*\{\s*"(\w+)"', c_block(text, r"pid_files\[[^\]]*\]\s*=\s*\{", path))
    if not fixed or not per_pid:
        raise CheckError(f"{path}: cannot read fixed_entries or pid_files")
    code = {f"/proc/{n}" for n in fixed} | {f"/proc/PID/{n}" for n in per_pid}
    rows, _ = doc_table(doc, "proc")
    why = [compare("/proc files", code, {code_word(r[0]) for r in rows if r})]
    # The fields of the text files, as kernel/fs/procfs_show.c prints them.
    show = strip_c_comments(read("kernel/fs/procfs_show.c"))
    fields = {
        "/proc/meminfo": re.findall(r'meminfo_line\(\s*s\s*,\s*"(\w+):"', show),
        "/proc/vmstat": re.findall(r'seqbuf_printf\(\s*s\s*,\s*"([a-z_]+) %u\\n"', show),
        "/proc/PID/status": re.findall(r'seqbuf_printf\(\s*s\s*,\s*"([A-Z]\w*):\\t', show),
    }
    cells = {code_word(r[0]): set(re.findall(r"`([^`]+)`", r[1])) for r in rows if len(r) > 1}
    for name, names in fields.items():
        if not names:
            raise CheckError(f"kernel/fs/procfs_show.c: found no field of {name}")
        missing = sorted(set(names) - cells.get(name, set()))
        if missing:
            why.append(f"{DOC}'s row for {name} lacks {', '.join(missing)}")
    return "; ".join(w for w in why if w) or None


def check_gdb(doc):
    path = "tools/gdb/vmos.py"
    code = set(re.findall(r'super\(\)\.__init__\(\s*"(\w+)"', read(path)))
    if not code:
        raise CheckError(f"{path}: found no command (super().__init__(\"name\"))")
    return in_both_pages(doc, "gdb", "GDB commands", code, lambda r: code_word(r[0]).split()[0])


def check_programs(doc):
    """Every program of /bin (USER_PROGS in user/user.mk) is named in README."""
    m = re.search(r"^USER_PROGS\s*:=((?:.*\\\n)*.*)$", read("user/user.mk"), re.M)
    if not m:
        raise CheckError("user/user.mk: no USER_PROGS")
    progs = m.group(1).replace("\\\n", " ").split()
    readme = read(README)
    missing = [p for p in progs if not re.search(rf"`{re.escape(p)}[ `]", readme)]
    return f"{README} does not name the programs {', '.join(missing)} of /bin" if missing else None


MMU_INSN_C = re.compile(r"%%cr[23]\b|\binvlpg\b", re.I)          # in inline assembly
MMU_INSN_ASM = re.compile(r"\bcr[23]\s*,|,\s*cr[23]\b|\binvlpg\b", re.I)
MMU_FILE = "kernel/x86/mmu.c"
SEG_C = re.compile(r"%%[defg]s\b|%[fg]s:")                          # in inline assembly
SEG_ASM = re.compile(r"\b[defg]s\b", re.I)
SEG_FILES = ("kernel/x86/gdt.c", "kernel/x86/trap_entry.asm")


def code_lines(path):
    """The lines of a source file with its comments blanked (line numbers kept)."""
    text = read(path)
    if path.endswith(".asm"):
        return [l.split(";")[0] for l in text.split("\n")]
    blank = lambda m: re.sub(r"[^\n]", " ", m.group(0))
    return re.sub(r"/\*.*?\*/|//[^\n]*", blank, text, flags=re.S).split("\n")


def check_layering(doc):
    why = []
    for path in source_files("kernel", "mm"):
        for n, line in enumerate(code_lines(path), 1):
            insn = MMU_INSN_ASM if path.endswith(".asm") else MMU_INSN_C
            if path != MMU_FILE and insn.search(line):
                why.append(f"{path}:{n} uses CR2/CR3/invlpg (only {MMU_FILE} may)")
            seg = SEG_ASM if path.endswith(".asm") else SEG_C
            if path not in SEG_FILES and seg.search(line):
                why.append(f"{path}:{n} uses %ds/%es/%fs/%gs (only {' and '.join(SEG_FILES)} may)")
    kcflags = re.search(r"^KCFLAGS\s*:=((?:.*\\\n)*.*)$", read("Makefile"), re.M)
    if not kcflags or "-fno-stack-protector" not in kcflags.group(1):
        why.append("Makefile: KCFLAGS lacks -fno-stack-protector (its canary would be at %gs:0x14)")
    for path in source_files("mm"):
        for m in re.finditer(r'#include\s+"(kernel/dev/[\w/.]+)"', read(path)):
            if m.group(1) != "kernel/dev/block.h":
                why.append(f"{path} includes {m.group(1)} (mm/ may use only kernel/dev/block.h)")
    return "; ".join(why) or None


CHECKS = [("syscalls", check_syscalls), ("fault", check_fault), ("build", check_build),
          ("cmdline", check_cmdline), ("trace", check_trace),
          ("proc", check_proc), ("gdb", check_gdb), ("programs", check_programs),
          ("auxv", check_auxv),
          ("layering", check_layering)]


def run():
    """[(name, passed, detail)] of every check, as tests/run.py reports them."""
    try:
        doc = read(DOC)
    except OSError as e:
        return [("docs/design", False, f"cannot read {DOC}: {e}")]
    results = []
    for name, check in CHECKS:
        try:
            why = check(doc)
        except (CheckError, OSError) as e:
            why = str(e)
        results.append((f"docs/{name}", why is None, why or ""))
    return results


def write_syscalls():
    """Rewrites the system-call table of the page from kernel/syscall.c."""
    doc = read(DOC)
    rows, (first, end) = doc_table(doc, "syscalls")
    lines = doc.split("\n")
    table = ["| " + " | ".join(SYSCALL_HEADER) + " |",
             "|" + " --- |" * len(SYSCALL_HEADER)]
    table += ["| " + " | ".join(r) + " |" for r in syscall_rows(rows)]
    lines[first:end] = table
    with open(os.path.join(ROOT, DOC), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def main():
    if sys.argv[1:] == ["--write"]:
        write_syscalls()
    elif sys.argv[1:]:
        print(__doc__)
        return 2
    failed = 0
    for name, ok, why in run():
        print(f"ok {name}" if ok else f"FAIL {name}: {why}")
        failed += not ok
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
