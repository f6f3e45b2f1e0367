# Makefile: builds the kernel, the user programs, the initrd, the GRUB ISO
# and the swap disk under build/, and runs, debugs and tests them.
# `make run` and `make test` install what the host is missing first.

BUILD := build
ACCEL ?= tcg
MEM ?= 128
CMDLINE ?=
QEMU := qemu-system-i386

# Install what the host is missing before anything else is evaluated (not
# for `make clean`).
ifneq ($(MAKECMDGOALS),clean)
SETUP_FAILED := $(shell sh tools/setup.sh 1>&2 || echo yes)
ifneq ($(SETUP_FAILED),)
$(error tools/setup.sh could not install the packages the build needs)
endif
endif

CC := gcc
LD := ld
NASM := nasm
KCFLAGS := -m32 -std=gnu11 -O2 -g -ffreestanding -fno-pie -fno-stack-protector \
	-fno-omit-frame-pointer -fno-asynchronous-unwind-tables -mgeneral-regs-only \
	-Wall -Wextra -Werror -nostdinc -isystem $(shell $(CC) -print-file-name=include) \
	-I. -MMD -MP
KLDFLAGS := -m elf_i386 -T linker.ld -z noexecstack --fatal-warnings
LIBGCC := $(shell $(CC) -m32 -print-libgcc-file-name)

KERNEL_C := $(wildcard kernel/*.c kernel/*/*.c mm/*.c)
KERNEL_ASM := boot/multiboot.asm kernel/x86/trap_entry.asm kernel/x86/switch.asm mm/uaccess_copy.asm
KERNEL_OBJS := $(KERNEL_C:%.c=$(BUILD)/%.o) $(KERNEL_ASM:%.asm=$(BUILD)/%.o)

.PHONY: all deps run run-iso gdb test unit clean bench fuzz
all: $(BUILD)/kernel.elf $(BUILD)/initrd.cpio $(BUILD)/initrd-stock.cpio $(BUILD)/initrd-dyn.cpio $(BUILD)/os.iso $(BUILD)/swap.img

deps:
	sh tools/setup.sh

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(KCFLAGS) -c $< -o $@

$(BUILD)/%.o: %.asm
	@mkdir -p $(dir $@)
	$(NASM) -f elf32 -g -F dwarf $< -o $@

# The kernel is linked twice: the first link gives the addresses of its
# functions, which become the embedded symbol table (.ksyms, last in the
# image, so filling it moves nothing) of the second.
$(BUILD)/ksyms-empty.o:
	@mkdir -p $(BUILD)
	printf 'section .ksyms\n' > $(BUILD)/ksyms-empty.asm
	$(NASM) -f elf32 $(BUILD)/ksyms-empty.asm -o $@

$(BUILD)/kernel.pass1.elf: $(KERNEL_OBJS) $(BUILD)/ksyms-empty.o linker.ld
	$(LD) $(KLDFLAGS) -o $@ $(KERNEL_OBJS) $(BUILD)/ksyms-empty.o $(LIBGCC)

$(BUILD)/ksyms.asm: $(BUILD)/kernel.pass1.elf tools/gen-ksyms.sh
	sh tools/gen-ksyms.sh $< > $@

$(BUILD)/kernel.elf: $(KERNEL_OBJS) $(BUILD)/ksyms.o linker.ld
	$(LD) $(KLDFLAGS) -o $@ $(KERNEL_OBJS) $(BUILD)/ksyms.o $(LIBGCC)
	@nm -n $(BUILD)/kernel.pass1.elf | grep ' [tT] ' > $(BUILD)/ksyms.pass1
	@nm -n $@ | grep ' [tT] ' | cmp -s - $(BUILD)/ksyms.pass1 || \
		{ echo "kernel.elf: symbols moved between the two links"; rm -f $@; exit 1; }

$(BUILD)/ksyms.o: $(BUILD)/ksyms.asm
	$(NASM) -f elf32 $< -o $@

# The root file system: user programs under /bin.
-include user/user.mk
INITRD_FILES := $(filter-out $(USER_FULL_ONLY:%=$(BUILD)/user/bin/%),$(USER_BINS))

# Programs go in stripped (their symbols stay in build/user/ for GDB): the
# initrd lives in RAM, which tests squeeze with mem=. user/bin/ goes to /bin,
# user/tests/ to /tests, beside the broken programs of the exec tests
# (tools/mkbadelf.py).
$(BUILD)/initrd.cpio: $(INITRD_FILES) tools/mkbadelf.py
	rm -rf $(BUILD)/initrd && mkdir -p $(BUILD)/initrd/bin $(BUILD)/initrd/etc $(BUILD)/initrd/tests
	echo "vmos initrd" > $(BUILD)/initrd/etc/motd
	for f in $(INITRD_FILES); do d=$${f%/*}; strip -o $(BUILD)/initrd/$${d##*/}/$${f##*/} $$f; done
	python3 tools/mkbadelf.py $(BUILD)/initrd/tests
	cd $(BUILD)/initrd && find . -mindepth 1 | LC_ALL=C sort | \
		cpio --quiet -o -H newc --reproducible > ../initrd.cpio

# The stock programs (gcc -m32 -static, glibc) and the initrd that holds them.
include tests/stock/stock.mk

$(BUILD)/os.iso: $(BUILD)/kernel.elf $(BUILD)/initrd.cpio boot/grub.cfg
	rm -rf $(BUILD)/iso && mkdir -p $(BUILD)/iso/boot/grub
	cp $(BUILD)/kernel.elf $(BUILD)/initrd.cpio $(BUILD)/iso/boot/
	cp boot/grub.cfg $(BUILD)/iso/boot/grub/
	grub-mkrescue -o $@ $(BUILD)/iso 2> $(BUILD)/grub-mkrescue.log || \
		{ cat $(BUILD)/grub-mkrescue.log; exit 1; }
	grub-file --is-x86-multiboot $(BUILD)/kernel.elf

$(BUILD)/swap.img:
	@mkdir -p $(BUILD)
	dd if=/dev/zero of=$@ bs=1M count=64 status=none
	chmod 600 $@
	mkswap $@ > /dev/null

# Running. The serial console is the terminal; VGA shows in a window when
# there is a display. Exit QEMU with Ctrl-A X.
QEMU_COMMON := -accel $(ACCEL) -m $(MEM) -no-reboot \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	-drive file=$(BUILD)/swap.img,format=raw,if=ide,index=1
QEMU_DISPLAY := $(if $(DISPLAY),-serial mon:stdio,-nographic)

# QEMU exits with 2*N+1 when the kernel powers off with status N. The
# initrd is the full one: the project's programs, the stock programs in
# /stock, the distribution's ld.so and libc in /lib, `hello` (a PIE) in /bin.
# INITRD=initrd.cpio boots the small one (for MEM of a few MiB).
INITRD ?= initrd-stock.cpio
run: all
	$(QEMU) $(QEMU_COMMON) $(QEMU_DISPLAY) -kernel $(BUILD)/kernel.elf \
		-initrd $(BUILD)/$(INITRD) -append "$(CMDLINE)" || \
		echo "(QEMU exit status $$?: kernel status $$(( ($$? - 1) / 2 )))"

run-iso: all
	$(QEMU) $(QEMU_COMMON) $(QEMU_DISPLAY) -cdrom $(BUILD)/os.iso -boot d || \
		echo "(QEMU exit status $$?)"

# Benchmarks (README.md, "Benchmarks"): /bin/vmbench as init, first the
# fault, fork, munmap and brk rows in 256 MiB of RAM, then the swap patterns
# with BENCH_FREE MiB of RAM (mem=) over a working set of BENCH_SET MiB on a
# fresh swap disk of BENCH_DISK MiB.
BENCH_FREE ?= 37
BENCH_SET ?= 132
BENCH_DISK ?= 256
BENCH_QEMU := $(QEMU) -accel $(ACCEL) -m 256 -no-reboot -display none -serial stdio \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 -kernel $(BUILD)/kernel.elf \
	-initrd $(BUILD)/initrd.cpio
bench: all
	$(BENCH_QEMU) -append "quiet init=/bin/vmbench" | grep -a vmbench || true
	dd if=/dev/zero of=$(BUILD)/swap-bench.img bs=1M count=$(BENCH_DISK) status=none
	chmod 600 $(BUILD)/swap-bench.img
	mkswap $(BUILD)/swap-bench.img > /dev/null
	$(BENCH_QEMU) -drive file=$(BUILD)/swap-bench.img,format=raw,if=ide,index=1 \
		-append "quiet mem=$(BENCH_FREE)M init=/bin/vmbench -- swap $(BENCH_SET)" | grep -a vmbench || true

# Debugging: QEMU halted with a GDB stub, GDB attached by .gdbinit (the
# kernel's symbols and the tools/gdb/vmos.py commands). PROG=NAME also loads
# the symbols of user program NAME (the unstripped build/user/*/NAME, a
# static ELF at its link addresses) and boots it as init unless CMDLINE
# names an init= itself. The console goes to build/gdb-serial.log.
GDB_PROG := $(if $(PROG),$(firstword $(filter %/$(PROG),$(USER_BINS))))
GDB_CMDLINE := $(strip $(if $(PROG),$(if $(filter init=%,$(CMDLINE)),,init=/$(notdir $(patsubst %/,%,$(dir $(GDB_PROG))))/$(PROG))) $(CMDLINE))
gdb: all
	$(if $(PROG),@test -f "$(GDB_PROG)" || \
		{ echo "make gdb: no user program $(PROG) (PROG= is one of: $(USER_PROGS) $(USER_TESTS))"; exit 1; })
	$(QEMU) $(QEMU_COMMON) -display none -serial file:$(BUILD)/gdb-serial.log \
		-kernel $(BUILD)/kernel.elf -initrd $(BUILD)/initrd.cpio \
		-append "$(GDB_CMDLINE)" -s -S & \
	gdb -q -iex "set auto-load local-gdbinit off" -x .gdbinit \
		$(if $(PROG),-ex "add-symbol-file $(GDB_PROG)"); kill %1 2>/dev/null; true

# Tests: host unit tests of kernel/ and mm/ sources, then QEMU boots.
include tests/unit/unit.mk

test: all $(UNIT_BINS) $(UNIT_PROBE)
	python3 tests/run.py --build $(BUILD) $(UNIT_BINS)

# A long fuzzing campaign: one boot per seed of init=/bin/fuzz, reported
# per seed (tools/fuzz.py). FUZZMEM= is the kernel's mem= (e.g. 8M), SWAP=
# the size in MiB of a fresh swap disk, WORKERS= the worker processes,
# FUZZARGS= more words for the fuzzer (check, verbose, only=B), SILENCE=
# the seconds without output after which a boot counts as hung.
SEEDS ?= 1
CALLS ?= 100000
WORKERS ?= 2
fuzz: all
	python3 tools/fuzz.py --build $(BUILD) --seeds "$(SEEDS)" --calls $(CALLS) \
		--workers $(WORKERS) $(if $(FUZZMEM),--mem $(FUZZMEM)) $(if $(SWAP),--swap $(SWAP)) \
		$(if $(FUZZARGS),--args "$(FUZZARGS)") $(if $(SILENCE),--silence $(SILENCE))

clean:
	rm -rf $(BUILD)

-include $(KERNEL_OBJS:.o=.d)
