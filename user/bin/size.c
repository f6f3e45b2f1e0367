/* size: prints the sizes of ELF32 files' sections in the Berkeley format of
 * binutils' size(1), byte for byte. Over the section headers with SHF_ALLOC:
 * text sums those executable or read-only, data the other (writable) ones with
 * contents, bss the writable SHT_NOBITS ones. Usage: size [file...] (a.out). */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct sizes {
	unsigned long text, data, bss;
};

/* read_at: reads exactly n bytes at offset. 0, or -1 (errno EIO if short). */
static int read_at(int fd, unsigned long offset, void *buf, size_t n)
{
	ssize_t got;

	if (lseek(fd, (off_t)offset, SEEK_SET) < 0)
		return -1;
	got = read(fd, buf, n);
	if (got == (ssize_t)n)
		return 0;
	if (got >= 0)
		errno = EIO;
	return -1;
}

/* sum_sections: adds up the allocated sections of the ELF32 file open on fd.
 * Returns 0; -1 with errno set on a read error; -2 if it is not an ELF32 file. */
static int sum_sections(int fd, struct sizes *sz)
{
	Elf32_Ehdr eh;
	Elf32_Shdr sh;

	if (read_at(fd, 0, &eh, sizeof(eh)) < 0)
		return errno == EIO ? -2 : -1;
	if (memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 || eh.e_ident[EI_CLASS] != ELFCLASS32 ||
	    eh.e_ident[EI_DATA] != ELFDATA2LSB || eh.e_shentsize != sizeof(Elf32_Shdr))
		return -2;
	*sz = (struct sizes){ 0, 0, 0 };
	for (int i = 0; i < eh.e_shnum; i++) {
		if (read_at(fd, eh.e_shoff + (unsigned long)i * sizeof(sh), &sh, sizeof(sh)) < 0)
			return -1;
		if (!(sh.sh_flags & SHF_ALLOC))
			continue;
		if ((sh.sh_flags & SHF_EXECINSTR) || !(sh.sh_flags & SHF_WRITE))
			sz->text += sh.sh_size;
		else if (sh.sh_type != SHT_NOBITS)
			sz->data += sh.sh_size;
		else
			sz->bss += sh.sh_size;
	}
	return 0;
}

/* size_file: prints name's line (after the header, the first time). 0 or 1. */
static int size_file(const char *name)
{
	static int header_done;
	struct sizes sz;
	unsigned long total;
	int fd = open(name, O_RDONLY), result;

	if (fd < 0) {
		fprintf(stderr, "size: '%s': %s\n", name,
			errno == ENOENT ? "No such file" : strerror(errno));
		return 1;
	}
	result = sum_sections(fd, &sz);
	close(fd);
	if (result < 0) {
		fprintf(stderr, "size: %s: %s\n", name,
			result == -2 ? "file format not recognized" : strerror(errno));
		return 1;
	}
	if (!header_done++)
		printf("   text\t   data\t    bss\t    dec\t    hex\tfilename\n");
	total = sz.text + sz.data + sz.bss;
	printf("%7lu\t%7lu\t%7lu\t%7lu\t%7lx\t%s\n", sz.text, sz.data, sz.bss, total, total,
	       name);
	return 0;
}

int main(int argc, char **argv)
{
	int status = 0;

	if (argc < 2)
		return size_file("a.out");
	for (int i = 1; i < argc; i++)
		status |= size_file(argv[i]);
	return status;
}
