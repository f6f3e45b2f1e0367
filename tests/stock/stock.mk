# stock.mk: the stock programs (tests/stock/NAME.c), built as a student
# builds them: the distribution's `gcc -m32 -static` and its C library, no
# project header. They go into build/initrd-stock.cpio under /stock (beside
# everything of build/initrd.cpio), which the stock tests boot; the plain
# initrd stays small for the tests that squeeze RAM with mem=.
STOCK_PROGS := hello fork spawn fpstress printf malloc auxv libc musl_start tls sigfault sighandler \
               sigproc sigforge sigtty clocks maps files poll ids rlimits rusage cloexec \
               tmpfs_files tmpfs_map pipes tmpfs_limits
STOCK_CFLAGS := -m32 -static -O2 -g -Wall -Wextra -Werror
STOCK_LDLIBS := -lm
STOCK_BINS := $(STOCK_PROGS:%=$(BUILD)/stock/%)

$(STOCK_BINS): $(BUILD)/stock/%: tests/stock/%.c tests/stock/check.h
	@mkdir -p $(@D)
	$(CC) $(STOCK_CFLAGS) -o $@ $< $(STOCK_LDLIBS)

# fpstress does its double and float arithmetic in SSE registers.
$(BUILD)/stock/fpstress: STOCK_CFLAGS += -msse2 -mfpmath=sse
# musl_start brings its own _start and no C library (musl's start-up, by hand).
$(BUILD)/stock/musl_start: STOCK_CFLAGS += -nostdlib -ffreestanding -fno-stack-protector -fno-pie
$(BUILD)/stock/musl_start: STOCK_LDLIBS :=

$(BUILD)/initrd-stock.cpio: $(BUILD)/initrd.cpio $(STOCK_BINS)
	rm -rf $(BUILD)/initrd-stock && cp -a $(BUILD)/initrd $(BUILD)/initrd-stock
	mkdir -p $(BUILD)/initrd-stock/stock
	for f in $(STOCK_BINS); do strip -o $(BUILD)/initrd-stock/stock/$${f##*/} $$f; done
	cd $(BUILD)/initrd-stock && find . -mindepth 1 | LC_ALL=C sort | \
		cpio --quiet -o -H newc --reproducible > ../initrd-stock.cpio
