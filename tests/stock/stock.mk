# stock.mk: the stock programs (tests/stock/NAME.c), built as a student
# builds them: the distribution's `gcc -m32` and its C library, no project
# header.
# - STOCK_PROGS: `gcc -m32 -static`, /stock/NAME.
# - STOCK_DYN_PROGS: the same sources (or sources of their own) built
#   dynamically both ways a student meets: `gcc -m32 -no-pie` (/stock/NAME-dyn)
#   and `gcc -m32 -pie`, Debian's default (/stock/NAME-pie). They need the
#   distribution's i386 C library at run time, which goes in /lib: the
#   files are found by asking the compiler where they are.
# Everything goes into build/initrd-stock.cpio beside all of
# build/initrd.cpio, which the stock tests boot; the plain initrd stays small
# for the tests that squeeze RAM with mem=. build/initrd-dyn.cpio holds only
# ld.so, libc and two dynamic programs, for running them with little RAM.
STOCK_PROGS := hello fork spawn fpstress printf malloc auxv libc musl_start tls segregs sigfault sighandler sigproc sigforge sigtty \
               clocks maps files poll ids rlimits rusage cloexec \
               mmap madvise mem_edges sysv tmpfs_files tmpfs_map pipes tmpfs_limits \
               dynfail
STOCK_DYN_PROGS := hello dynlink sharelibc dynpressure runmany manylibc
STOCK_LIBS := ld-linux.so.2 libc.so.6 libm.so.6
STOCK_CFLAGS := -m32 -O2 -g -Wall -Wextra -Werror
STOCK_LDLIBS := -lm
STOCK_BINS := $(STOCK_PROGS:%=$(BUILD)/stock/%)
STOCK_DYN_BINS := $(STOCK_DYN_PROGS:%=$(BUILD)/stock/%-dyn) $(STOCK_DYN_PROGS:%=$(BUILD)/stock/%-pie)
STOCK_LIB_FILES := $(STOCK_LIBS:%=$(BUILD)/stock/lib/%)

$(STOCK_BINS): $(BUILD)/stock/%: tests/stock/%.c tests/stock/check.h
	@mkdir -p $(@D)
	$(CC) $(STOCK_CFLAGS) -static -o $@ $< $(STOCK_LDLIBS)

$(BUILD)/stock/%-dyn: tests/stock/%.c tests/stock/check.h
	@mkdir -p $(@D)
	$(CC) $(STOCK_CFLAGS) -no-pie -o $@ $< $(STOCK_LDLIBS)

$(BUILD)/stock/%-pie: tests/stock/%.c tests/stock/check.h
	@mkdir -p $(@D)
	$(CC) $(STOCK_CFLAGS) -fpie -pie -o $@ $< $(STOCK_LDLIBS)

$(STOCK_LIB_FILES): $(BUILD)/stock/lib/%:
	@mkdir -p $(@D)
	cp "$$(readlink -f "$$($(CC) -m32 -print-file-name=$*)")" $@

# install_stock DIR FILES: strip each program into DIR.
install_stock = mkdir -p $(1) && for f in $(2); do strip -o $(1)/$${f\#\#*/} $$f; done
cpio_of = cd $(1) && find . -mindepth 1 | LC_ALL=C sort | cpio --quiet -o -H newc --reproducible > $(2)

# A library and a program linked against it, for the dynfail test, which
# runs them broken (tools/mkbaddyn.py).
$(BUILD)/stock/libbad/libbad.so: tests/stock/libbad.c
	@mkdir -p $(@D)
	$(CC) $(STOCK_CFLAGS) -shared -fpic -o $@ $<

$(BUILD)/stock/needbad-dyn: tests/stock/needbad.c $(BUILD)/stock/libbad/libbad.so
	$(CC) $(STOCK_CFLAGS) -no-pie -o $@ $< -L$(BUILD)/stock/libbad -lbad

# fpstress does its double and float arithmetic in SSE registers.
$(BUILD)/stock/fpstress: STOCK_CFLAGS += -msse2 -mfpmath=sse
# musl_start brings its own _start and no C library (musl's start-up, by hand).
$(BUILD)/stock/musl_start: STOCK_CFLAGS += -nostdlib -ffreestanding -fno-stack-protector -fno-pie
$(BUILD)/stock/musl_start: STOCK_LDLIBS :=

$(BUILD)/initrd-stock.cpio: $(BUILD)/initrd.cpio $(STOCK_BINS) $(STOCK_DYN_BINS) $(STOCK_LIB_FILES) \
		$(USER_FULL_ONLY:%=$(BUILD)/user/bin/%) \
		$(BUILD)/stock/needbad-dyn tools/mkbaddyn.py
	rm -rf $(BUILD)/initrd-stock && cp -a $(BUILD)/initrd $(BUILD)/initrd-stock
	$(call install_stock,$(BUILD)/initrd-stock/stock,$(STOCK_BINS) $(STOCK_DYN_BINS) $(BUILD)/stock/needbad-dyn)
	cp -r $(BUILD)/stock/lib $(BUILD)/initrd-stock/lib
	python3 tools/mkbaddyn.py $(BUILD)/stock/hello-dyn $(BUILD)/stock/libbad/libbad.so \
		$(BUILD)/initrd-stock/stock $(BUILD)/initrd-stock/lib
	cp $(BUILD)/initrd-stock/stock/hello-pie $(BUILD)/initrd-stock/bin/hello
	$(call install_stock,$(BUILD)/initrd-stock/bin,$(USER_FULL_ONLY:%=$(BUILD)/user/bin/%))
	$(call cpio_of,$(BUILD)/initrd-stock,../initrd-stock.cpio)

DYN_SMALL := $(BUILD)/stock/runmany-pie $(BUILD)/stock/dynpressure-pie
$(BUILD)/initrd-dyn.cpio: $(DYN_SMALL) $(STOCK_LIB_FILES)
	rm -rf $(BUILD)/initrd-dyn && mkdir -p $(BUILD)/initrd-dyn/lib
	$(call install_stock,$(BUILD)/initrd-dyn/stock,$(DYN_SMALL))
	cp $(BUILD)/stock/lib/ld-linux.so.2 $(BUILD)/stock/lib/libc.so.6 $(BUILD)/initrd-dyn/lib/
	$(call cpio_of,$(BUILD)/initrd-dyn,../initrd-dyn.cpio)
