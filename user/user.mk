# user.mk: builds the user C library and programs into $(BUILD)/user/.
# Included by the top-level Makefile (paths relative to the repository root), and
# by user/Makefile for a standalone build (which sets USER_DIR = .). Defines
# USER_PROGS (user/bin/NAME.c: what a student types, /bin in the initrd),
# USER_TESTS (user/tests/NAME.c: the test programs, /tests in the initrd),
# USER_BINS ($(BUILD)/user/bin/NAME and $(BUILD)/user/tests/NAME for each)
# and the phony target `user`.
# It leaves the including Makefile's default goal as it was.

user_saved_goal := $(.DEFAULT_GOAL)

USER_DIR ?= user
USER_OUT := $(BUILD)/user

USER_PROGS := init sh ls cat echo kill size segments cowdemo segv userfault malloctest \
              ps free vmstat pagemap vmmap trace forkbench swapbench vmbench pwd \
              grep head tail wc cp rm mkdir touch df fuzz shlibs
# Programs about shared libraries, which only the full initrd has: they go
# into its /bin (tests/stock/stock.mk), not the small initrd's.
USER_FULL_ONLY := shlibs
# Test programs (tests/qemu_tests.py runs them).
USER_TESTS := t_layout t_brk t_exec t_fork t_segv t_efault t_leak t_procfs t_swap t_demand t_mmap t_tmpfs \
              t_zeropage t_ranges t_calls t_memcalls t_sem t_exhaust t_vfork_oom

USER_CC      := gcc -m32
USER_CFLAGS  := -std=gnu11 -O2 -g -Wall -Wextra -Werror -ffreestanding -fno-builtin -ffunction-sections -fdata-sections \
                -fno-stack-protector -fno-pie -fno-asynchronous-unwind-tables \
                -nostdinc -I$(USER_DIR)/include -MMD -MP
USER_LDFLAGS := -static -nostdlib -no-pie -Wl,--gc-sections

USER_LIB_OBJS := $(patsubst $(USER_DIR)/lib/%.c,$(USER_OUT)/lib/%.o,$(wildcard $(USER_DIR)/lib/*.c)) \
                 $(USER_OUT)/lib/syscalls.o
USER_BIN_OBJS := $(USER_PROGS:%=$(USER_OUT)/bin/%.o)
USER_TEST_OBJS := $(USER_TESTS:%=$(USER_OUT)/tests/%.o)
USER_CRT0     := $(USER_OUT)/lib/crt0.o
USER_LIBC     := $(USER_OUT)/libc.a
USER_BINS     := $(USER_PROGS:%=$(USER_OUT)/bin/%) $(USER_TESTS:%=$(USER_OUT)/tests/%)

.PHONY: user
user: $(USER_BINS)

# Each program: crt0, its own object, the C library, and libgcc for 64-bit division.
$(USER_BINS): %: %.o $(USER_CRT0) $(USER_LIBC)
	$(USER_CC) $(USER_LDFLAGS) -o $@ $(USER_CRT0) $< $(USER_LIBC) -lgcc

$(USER_BIN_OBJS) $(USER_TEST_OBJS): $(USER_OUT)/%.o: $(USER_DIR)/%.c
	@mkdir -p $(@D)
	$(USER_CC) $(USER_CFLAGS) -c -o $@ $<

$(filter-out %/syscalls.o,$(USER_LIB_OBJS)): $(USER_OUT)/lib/%.o: $(USER_DIR)/lib/%.c
	@mkdir -p $(@D)
	$(USER_CC) $(USER_CFLAGS) -c -o $@ $<

$(USER_LIBC): $(USER_LIB_OBJS)
	rm -f $@
	ar rcs $@ $^

$(USER_CRT0): $(USER_DIR)/lib/crt0.asm
	@mkdir -p $(@D)
	nasm -f elf32 -o $@ $<

# The system-call stubs are generated from one list.
$(USER_OUT)/syscalls.asm: $(USER_DIR)/lib/syscalls.list $(USER_DIR)/syscalls.awk
	@mkdir -p $(@D)
	awk -f $(USER_DIR)/syscalls.awk $< > $@.tmp && mv $@.tmp $@

$(USER_OUT)/lib/syscalls.o: $(USER_OUT)/syscalls.asm
	@mkdir -p $(@D)
	nasm -f elf32 -o $@ $<

-include $(USER_LIB_OBJS:.o=.d) $(USER_BIN_OBJS:.o=.d) $(USER_TEST_OBJS:.o=.d)

.DEFAULT_GOAL := $(user_saved_goal)
