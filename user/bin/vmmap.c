/* vmmap: draws a process's address space as the textbook does, high
 * addresses at the top: the kernel, the stack with argv and environ, the
 * gaps, mmap regions, the heap, data and bss, rodata, text, the ELF
 * headers and the never-mapped bottom. Bounds and sizes come from
 * /proc/PID/maps, resident and swapped pages from /proc/PID/pagemap; drawing
 * itself, it also points at its own main, globals, heap block and argv.
 * Usage: vmmap [-r] [PID]   (no PID: itself; -r: then the maps lines read) */
#include <elf.h>
#include <fcntl.h>
#include <procfile.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PAGE_SIZE    4096UL
#define USER_TOP     0xc0000000UL       /* the kernel from here to the top */
#define PROGRAM_BASE 0x08048000UL       /* where ld puts a program: below, nothing */
#define MAX_REGIONS  64
#define MAX_NOTES    32
#define INNER        75                 /* characters between "| " and " |" */
#define PM_PRESENT   (1ULL << 63)       /* pagemap: the page is in a frame */
#define PM_SWAP      (1ULL << 62)       /* pagemap: the page is on swap */
#define PM_BATCH     256                /* pagemap entries read at once */

/* One line of maps, and what the diagram makes of it. */
struct region {
	unsigned long start, end;       /* [start, end) */
	char perms[5];                  /* "r-xp" */
	unsigned long offset;           /* in the file */
	const char *name;               /* a path, "[heap]", "[stack]" or "" */
	const char *raw;                /* the whole line, for -r */
	char role[32];                  /* "text", "data", "[heap]", "mmap", ... */
	unsigned long resident, swapped;        /* pages, from pagemap */
};

/* An address worth pointing at, drawn inside the region that holds it. */
struct note {
	unsigned long addr;
	char text[64];
};

static struct region regions[MAX_REGIONS];
static int nregions;
static struct note notes[MAX_NOTES];
static int nnotes;
static char maps_text[8192];

/* One object of each kind, so that vmmap drawing itself shows where the
 * compiler and the loader put them. */
static const char string_literal[] = "read-only bytes";
int initialised_global = 42;
int zeroed_global;

int main(int argc, char **argv);

/* row: prints "| text |", text formatted, cut or padded to INNER columns. */
static void row(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void row(const char *fmt, ...)
{
	char text[INNER + 1];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	printf("| %-*s |\n", INNER, text);
}

static void border(void)
{
	char line[INNER + 5];

	memset(line, '-', sizeof(line) - 1);
	line[0] = line[INNER + 3] = '+';
	line[INNER + 4] = '\0';
	printf("%s\n", line);
}

/* gap: the unmapped stretch [start, end), between two borders. */
static void gap(unsigned long start, unsigned long end)
{
	char text[40];
	int n = snprintf(text, sizeof(text), "(gap %lu KiB)", (end - start) / 1024);
	int left = (INNER + 2 - n) / 2;

	printf(":%*s%s%*s:\n", left, "", text, INNER + 2 - n - left, "");
	border();
}

static void add_note(unsigned long addr, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void add_note(unsigned long addr, const char *fmt, ...)
{
	va_list ap;

	if (nnotes == MAX_NOTES)
		return;
	notes[nnotes].addr = addr;
	va_start(ap, fmt);
	vsnprintf(notes[nnotes].text, sizeof(notes[nnotes].text), fmt, ap);
	va_end(ap);
	nnotes++;
}

/* skip_field: the text after the blank-separated field at p and its blanks. */
static char *skip_field(char *p)
{
	while (*p && *p != ' ')
		p++;
	while (*p == ' ')
		p++;
	return p;
}

/* parse_maps: fills regions[] from maps text, a line each, in its order
 * (lowest first): "start-end perms offset dev inode [name]". Returns 0,
 * or -1 after saying which line it could not read. */
static int parse_maps(char *text)
{
	char *line, *save, *p;

	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		struct region *r = &regions[nregions];
		if (nregions == MAX_REGIONS) {
			fprintf(stderr, "vmmap: more than %d regions\n", MAX_REGIONS);
			return -1;
		}
		r->raw = line;
		r->start = strtoul(line, &p, 16);
		if (*p != '-')
			goto bad;
		r->end = strtoul(p + 1, &p, 16);
		if (*p != ' ' || strlen(p) < 6 || r->end <= r->start)
			goto bad;
		memcpy(r->perms, p + 1, 4);
		r->perms[4] = '\0';
		r->offset = strtoul(p + 6, &p, 16);
		r->name = skip_field(skip_field(p + 1));     /* past dev and inode */
		nregions++;
	}
	return 0;
bad:
	fprintf(stderr, "vmmap: cannot read maps line '%s'\n", line);
	return -1;
}

/* program_role: what a region of the program's own file holds, by its
 * permissions, as ld lays a program out. */
static const char *program_role(const struct region *r)
{
	if (!strncmp(r->perms, "r-x", 3))
		return "text";
	if (!strncmp(r->perms, "r--", 3))
		return r->offset == 0 ? "headers/rodata" : "rodata";
	if (!strncmp(r->perms, "rw-", 3))
		return "data";
	return "program";
}

/* name_roles: gives every region its role. program is the program's path
 * (the first file in maps), or NULL. An anonymous rw- region that starts
 * where data ends is the bss; the other regions are mmap regions ("mmap",
 * then "shared" for a shared one, then the file's path if it has one). */
static void name_roles(const char *program)
{
	for (int i = 0; i < nregions; i++) {
		struct region *r = &regions[i];
		const struct region *below = i > 0 ? &regions[i - 1] : NULL;

		if (r->name[0] == '[')
			snprintf(r->role, sizeof(r->role), "%s", r->name);
		else if (program && !strcmp(r->name, program))
			snprintf(r->role, sizeof(r->role), "%s", program_role(r));
		else if (!r->name[0] && below && below->end == r->start &&
			 !strcmp(below->role, "data") && !strcmp(r->perms, "rw-p"))
			snprintf(r->role, sizeof(r->role), "bss");
		else
			snprintf(r->role, sizeof(r->role), "mmap%s%s%s",
				 r->perms[3] == 's' ? " shared" : "", r->name[0] ? " " : "", r->name);
	}
}

/* count_pages: for each region, the pages that pid's pagemap shows in a
 * frame (bit 63) and on swap (bit 62); the entry of the page at va is at
 * offset va / 4096 * 8. Returns 0, or -1 (counts left at 0) if the file
 * cannot be opened. */
static int count_pages(const char *pid)
{
	static unsigned long long e[PM_BATCH];
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/proc/%s/pagemap", pid);
	if ((fd = open(path, O_RDONLY)) < 0)
		return -1;
	for (int i = 0; i < nregions; i++) {
		struct region *r = &regions[i];
		unsigned long page = r->start / PAGE_SIZE, last = r->end / PAGE_SIZE;
		while (page < last) {
			unsigned long want = last - page < PM_BATCH ? last - page : PM_BATCH;
			ssize_t got;
			if (lseek(fd, (off_t)(page * 8), SEEK_SET) < 0 ||
			    (got = read(fd, e, want * 8)) < 8)
				break;
			for (int k = 0; k < got / 8; k++) {
				r->resident += (e[k] & PM_PRESENT) != 0;
				r->swapped += !(e[k] & PM_PRESENT) && (e[k] & PM_SWAP);
			}
			page += got / 8;
		}
	}
	close(fd);
	return 0;
}

/* elf_notes: notes from the program's file at path: its headers, its
 * entry point, and its bss (the writable segment's bytes past the file's,
 * which exec maps as part of the data region). Quiet if it is unreadable. */
static void elf_notes(const char *path)
{
	Elf32_Ehdr eh;
	Elf32_Phdr ph;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return;
	if (read(fd, &eh, sizeof(eh)) != sizeof(eh) || memcmp(eh.e_ident, ELFMAG, SELFMAG) ||
	    eh.e_phentsize != sizeof(ph)) {
		close(fd);
		return;
	}
	for (int i = 0; i < eh.e_phnum; i++) {
		if (lseek(fd, (off_t)(eh.e_phoff + i * sizeof(ph)), SEEK_SET) < 0 ||
		    read(fd, &ph, sizeof(ph)) != sizeof(ph))
			break;
		if (ph.p_type != PT_LOAD)
			continue;
		if (ph.p_offset == 0)
			add_note(ph.p_vaddr, "ELF header and program headers (file offset 0)");
		if ((ph.p_flags & PF_W) && ph.p_memsz > ph.p_filesz)
			add_note(ph.p_vaddr + ph.p_filesz, "bss: %u bytes of zeros, to 0x%08x",
				 ph.p_memsz - ph.p_filesz, ph.p_vaddr + ph.p_memsz - 1);
	}
	add_note(eh.e_entry, "entry point (e_entry): _start");
	close(fd);
}

/* self_notes: where vmmap's own objects are, when it draws itself. */
static void self_notes(char **argv, const int *local, const void *block)
{
	char **auxv = environ;          /* the vector follows environ's NULL */

	add_note((unsigned long)main, "main()");
	add_note((unsigned long)string_literal, "a const string \"%s\"", string_literal);
	add_note((unsigned long)&initialised_global, "initialised_global = %d",
		 initialised_global);
	add_note((unsigned long)&zeroed_global, "zeroed_global (bss) = %d", zeroed_global);
	add_note((unsigned long)block, "malloc(16)");
	while (*auxv)
		auxv++;
	add_note((unsigned long)argv[0], "argv[0] \"%.30s\", the first string", argv[0]);
	if (environ[0])
		add_note((unsigned long)environ[0], "environ[0] \"%.30s\"", environ[0]);
	add_note((unsigned long)(auxv + 1), "auxv: the auxiliary vector (AT_ pairs)");
	add_note((unsigned long)environ, "environ[]: pointers to the strings");
	add_note((unsigned long)argv, "argv[]: pointers to the strings");
	add_note((unsigned long)(argv - 1), "argc");
	add_note((unsigned long)local, "a local variable of main (sp is near)");
}

/* sort_notes: highest address first, the order they are drawn in. */
static void sort_notes(void)
{
	for (int i = 1; i < nnotes; i++) {
		struct note n = notes[i];
		int j = i;
		for (; j > 0 && notes[j - 1].addr < n.addr; j--)
			notes[j] = notes[j - 1];
		notes[j] = n;
	}
}

/* draw_region: r's row, then its notes and, for the stack and the heap,
 * which way they grow. self: vmmap draws itself (it knows its argv). */
static void draw_region(const struct region *r, int self)
{
	row("0x%08lx-0x%08lx %-24.24s %-4.3s %7lu KiB %5lu %5lu", r->start, r->end - 1,
	    r->role, r->perms, (r->end - r->start) / 1024, r->resident, r->swapped);
	if (!strcmp(r->role, "[heap]"))
		row("  ^ grows up: brk() moves its top");
	if (!strcmp(r->role, "[stack]") && !self)
		row("  argv and environ strings at the top, their pointers and argc below");
	for (int i = 0; i < nnotes; i++)
		if (notes[i].addr >= r->start && notes[i].addr < r->end)
			row("    0x%08lx  %s", notes[i].addr, notes[i].text);
	if (!strcmp(r->role, "[stack]"))
		row("  v grows down as it is touched, up to 8 MiB");
	border();
}

/* draw: the whole picture, kernel first, the never-mapped bottom last. */
static void draw(int pid, const char *name, const char *program, int self)
{
	unsigned long below = USER_TOP;        /* lowest address drawn so far */
	unsigned long bottom = nregions && regions[0].start < PROGRAM_BASE ?
			       regions[0].start : PROGRAM_BASE;

	printf("vmmap: pid %d (%.15s) running %.40s\n", pid, name,
	       program ? program : "no program file");
	printf("  %-21s %-24s %-4s %11s %5s %5s\n", "range (inclusive)", "region", "perm",
	       "size", "res", "swap");
	border();
	row("0x%08lx-0x%08lx %-29s %7lu KiB %5s %5s", USER_TOP, 0xffffffffUL,
	    "kernel (not accessible)", (0xffffffffUL - USER_TOP + 1) / 1024, "-", "-");
	border();
	for (int i = nregions - 1; i >= 0; i--) {
		if (regions[i].end < below)
			gap(regions[i].end, below);
		draw_region(&regions[i], self);
		below = regions[i].start;
	}
	if (bottom < below)
		gap(bottom, below);
	if (bottom > 0) {
		row("0x%08lx-0x%08lx %-29s %7lu KiB %5s %5s", 0UL, bottom - 1,
		    "never mapped: NULL faults", bottom / 1024, "-", "-");
		border();
	}
	printf("res, swap: the region's pages in RAM and on swap (/proc/%d/pagemap)\n", pid);
}

int main(int argc, char **argv)
{
	int raw = 0, local = 0, pid, len;   /* local: only its address is used */
	const char *which = "self", *program = NULL;
	char path[64], status[512], name[32] = "?";
	void *block = malloc(16);       /* so that there is a heap to draw */

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-r"))
			raw = 1;
		else if (argv[i][0] >= '0' && argv[i][0] <= '9')
			which = argv[i];
		else {
			fprintf(stderr, "usage: vmmap [-r] [PID]\n");
			return 2;
		}
	}
	pid = which[0] == 's' ? getpid() : atoi(which);
	snprintf(path, sizeof(path), "/proc/%s/maps", which);
	if ((len = procfile_read(path, maps_text, sizeof(maps_text))) < 0) {
		perror(path);
		return 1;
	}
	if (len == (int)sizeof(maps_text) - 1) {
		fprintf(stderr, "vmmap: %s: more than %d bytes\n", path, len);
		return 1;
	}
	snprintf(path, sizeof(path), "/proc/%s/status", which);
	if (procfile_read(path, status, sizeof(status)) >= 0)
		procfile_string(status, "Name:", name, sizeof(name));
	if (parse_maps(maps_text) < 0)
		return 1;
	for (int i = 0; i < nregions && !program; i++)
		if (regions[i].name[0] == '/')
			program = regions[i].name;
	name_roles(program);
	count_pages(which);
	if (program)
		elf_notes(program);
	if (pid == getpid())
		self_notes(argv, &local, block);
	sort_notes();
	draw(pid, name, program, pid == getpid());
	for (int i = 0; raw && i < nregions; i++)
		printf("maps: %s\n", regions[i].raw);
	free(block);
	return 0;
}
