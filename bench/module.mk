# SPDX-License-Identifier: GPL-2.0-only
# bench/: `make bench` — performance measurements, not part of `make check`.
# Writes $(BUILD)/bench/results.md and PNG plots (gnuplot); see bench/README.md.
BENCH_OUT := $(BUILD)/bench
BENCH_BIN := $(BENCH_OUT)/bin
# i386 programs: glibc from gcc-multilib; <asm/*.h> from the amd64 headers
BENCH_CC32 = $(CC) -m32 -std=gnu11 $(WARN) -O2 -g -idirafter /usr/include/x86_64-linux-gnu
BENCH_HOSTCC = $(CC) $(CSTD) $(WARN) $(OPT) -D_GNU_SOURCE

BENCH_PROGS := $(addprefix $(BENCH_BIN)/,bench-syscall32 bench-syscall32-static \
	bench-load32 bench-load32-static bench-time32 bench-reloc bench-procs bench-report)

$(BENCH_BIN)/bench-syscall32: bench/syscall32.c
	@mkdir -p $(@D)
	$(call quiet,CC32,$@)$(BENCH_CC32) -o $@ $<
# the same program as the guest's /init
$(BENCH_BIN)/bench-syscall32-static: bench/syscall32.c
	@mkdir -p $(@D)
	$(call quiet,CC32,$@)$(BENCH_CC32) -static -o $@ $<
$(BENCH_BIN)/bench-load32: bench/load32.c
	@mkdir -p $(@D)
	$(call quiet,CC32,$@)$(BENCH_CC32) -o $@ $<
$(BENCH_BIN)/bench-load32-static: bench/load32.c
	@mkdir -p $(@D)
	$(call quiet,CC32,$@)$(BENCH_CC32) -static -o $@ $<
# the vDSO's time functions per call, looked up as musl does (common/vdso_view.c)
$(BENCH_BIN)/bench-time32: bench/time32.c userspace-tests/common/vdso_view.c userspace-tests/common/vdso_view.h
	@mkdir -p $(@D)
	$(call quiet,CC32,$@)$(BENCH_CC32) -o $@ $(filter %.c,$^)
$(BENCH_BIN)/bench-reloc: bench/reloc.c $(LIB)
	@mkdir -p $(@D)
	$(call quiet,CC,$@)$(BENCH_HOSTCC) -Iinclude -o $@ $< $(LIB)
$(BENCH_BIN)/bench-procs: bench/procs.c
	@mkdir -p $(@D)
	$(call quiet,CC,$@)$(BENCH_HOSTCC) -o $@ $<
$(BENCH_BIN)/bench-report: bench/report.c
	@mkdir -p $(@D)
	$(call quiet,CC,$@)$(BENCH_HOSTCC) -o $@ $< -lm

# Like `make check`: install what is missing first (deps.sh's base and
# bench groups), then build, then run.

.PHONY: bench bench-progs
bench-progs: $(BENCH_PROGS) $(VDSO_IMAGES) $(BIN)/vdsorun
bench:
	@scripts/deps.sh base bench
	$(MAKE) -f $(firstword $(MAKEFILE_LIST)) bench-progs
	bench/run.sh $(BUILD)
