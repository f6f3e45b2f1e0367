# unit.mk: the host unit tests. Each suite is tests/unit/test_NAME.c linked
# with host.c and the project's own kernel/ and mm/ sources it tests
# (compiled for the host with -DHOST_TEST, never copied).
UNIT_CFLAGS := -m32 -std=gnu11 -O1 -g -DHOST_TEST -I. -Itests/unit \
	-Wall -Wextra -Werror -fno-builtin

UNIT_SRC_format := kernel/format.c
UNIT_SRC_cmdline := kernel/format.c kernel/cmdline.c kernel/trace.c
UNIT_SRC_bootinfo := kernel/format.c kernel/bootinfo.c
UNIT_SRC_frame := kernel/format.c mm/frame.c
UNIT_SRC_pgtable := kernel/format.c mm/frame.c mm/page_data.c mm/pgtable.c mm/pgtable_share.c mm/kmalloc.c mm/rmap.c mm/swap_map.c
UNIT_SRC_kmalloc := kernel/format.c mm/frame.c mm/kmalloc.c
UNIT_SRC_swap_map := kernel/format.c mm/frame.c mm/kmalloc.c mm/swap_map.c
UNIT_SRC_elf := kernel/format.c kernel/elf.c
UNIT_SRC_exec_stack := kernel/format.c kernel/exec_stack.c

UNIT_SUITES := format cmdline bootinfo frame pgtable kmalloc swap_map
UNIT_SUITES += elf exec_stack
UNIT_SRC_initrd := tests/unit/user_pages_stub.c kernel/format.c mm/frame.c mm/kmalloc.c kernel/fs/initrd.c mm/filemap.c \
	tests/unit/procfs_stub.c
UNIT_SRC_filemap := tests/unit/user_pages_stub.c kernel/format.c mm/frame.c mm/kmalloc.c kernel/fs/initrd.c mm/filemap.c \
	tests/unit/procfs_stub.c
UNIT_SUITES += initrd filemap
UNIT_SRC_seqbuf := kernel/format.c mm/frame.c mm/kmalloc.c kernel/fs/seqbuf.c
UNIT_SUITES += seqbuf
UNIT_SRC_tls := kernel/format.c kernel/x86/tls.c
UNIT_SUITES += tls
UNIT_SRC_clone_flags := kernel/format.c kernel/clone_flags.c
UNIT_SUITES += clone_flags
UNIT_SRC_page_data := kernel/format.c mm/page_data.c
UNIT_SUITES += page_data
UNIT_SRC_vma := kernel/format.c mm/frame.c mm/page_data.c mm/kmalloc.c mm/pgtable.c mm/pgtable_share.c mm/rmap.c mm/swap_map.c \
	mm/vma.c mm/urange.c mm/brk.c
UNIT_SUITES += vma
UNIT_BINS := $(UNIT_SUITES:%=$(BUILD)/tests/unit/test_%)

.SECONDEXPANSION:
$(UNIT_BINS): $(BUILD)/tests/unit/test_%: tests/unit/test_%.c tests/unit/host.c \
		$(wildcard tests/unit/*.h) $$(UNIT_SRC_$$*) $(wildcard kernel/*.h kernel/*/*.h mm/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(UNIT_CFLAGS) -o $@ tests/unit/test_$*.c tests/unit/host.c $(UNIT_SRC_$*)

# The probe tells tests/run.py whether the host runs i386 programs itself.
UNIT_PROBE := $(BUILD)/tests/unit/probe
$(UNIT_PROBE): tests/unit/probe.c
	@mkdir -p $(dir $@)
	$(CC) -m32 -static -o $@ $<

unit: $(UNIT_BINS) $(UNIT_PROBE)
	python3 tests/run.py --build $(BUILD) --only '^$$' $(UNIT_BINS)
