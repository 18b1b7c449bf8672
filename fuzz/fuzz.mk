# SPDX-License-Identifier: GPL-2.0-only
# fuzz/: libFuzzer harnesses (clang, ASan + UBSan) for the relocator and the
# boot-option parser.  Included by the top-level Makefile after the modules
# (it needs CORE_SRCS).  See docs/fuzzing.md.
#
#   make fuzz                 build the harnesses and the seed corpora
#   make fuzz-smoke           each harness for FUZZ_SMOKE_SECONDS (CI; fails on any finding)
#   make fuzz-long            each harness for FUZZ_RUNS executions (the recorded long run)

FUZZ_CC            ?= clang
FUZZ_OUT           := $(BUILD)/fuzz
FUZZ_SMOKE_SECONDS ?= 30
FUZZ_RUNS          ?= 10000000
FUZZ_SAN           := -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		      -fno-omit-frame-pointer
FUZZ_CFLAGS        := $(CSTD) $(WARN) -O1 -g -D_GNU_SOURCE -Iinclude $(FUZZ_SAN)
FUZZ_NAMES         := reloc opts
FUZZ_BINS          := $(FUZZ_NAMES:%=$(FUZZ_OUT)/fuzz_%)
FUZZ_SEEDS_RELOC   := $(FUZZ_OUT)/seeds/reloc/.stamp

.PHONY: fuzz fuzz-smoke fuzz-long

fuzz: $(FUZZ_BINS) $(FUZZ_SEEDS_RELOC)

$(FUZZ_OUT)/fuzz_reloc: fuzz/fuzz_reloc.c fuzz/fuzz_util.h tools/reloc_verify.c \
		$(filter relocator/%,$(CORE_SRCS)) $(wildcard include/relvdso/*.h relocator/*.h)
	@mkdir -p $(@D)
	$(call quiet,FUZZCC,$@)$(FUZZ_CC) $(FUZZ_CFLAGS) $(ELF_CFLAGS) -o $@ $(filter %.c,$^) $(ELF_LIBS)

$(FUZZ_OUT)/fuzz_opts: fuzz/fuzz_opts.c fuzz/fuzz_util.h \
		$(filter compat/%,$(CORE_SRCS)) $(wildcard include/relvdso/*.h compat/*.h)
	@mkdir -p $(@D)
	$(call quiet,FUZZCC,$@)$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $(filter %.c,$^)

# The malformed cases come from tests/test_reloc.c itself (compiled in), so
# it links what test_reloc links except check_main.o (the tool has its own main).
EXPORT_SEEDS_OBJS := $(OBJ)/tools/reloc_verify.o $(OBJ)/tests/elf_fixture.o \
		     $(OBJ)/tests/vdso_testutil.o
$(FUZZ_OUT)/export-reloc-seeds: fuzz/export_reloc_seeds.c tests/test_reloc.c \
		$(EXPORT_SEEDS_OBJS) $(LIB)
	@mkdir -p $(@D)
	$(call quiet,CC,$@)$(CC) $(CPPFLAGS) $(HOST_CFLAGS) $(ELF_CFLAGS) $(CHECK_CFLAGS) -o $@ \
		fuzz/export_reloc_seeds.c $(EXPORT_SEEDS_OBJS) $(LIB) $(CHECK_LIBS) $(ELF_LIBS)

$(FUZZ_SEEDS_RELOC): $(FUZZ_OUT)/export-reloc-seeds $(VDSO_IMAGES) $(VDSO_DBGS)
	@rm -rf $(@D) && mkdir -p $(@D)
	RELVDSO_BUILD=$(BUILD) $< $(@D)
	@touch $@

fuzz-smoke: fuzz
	fuzz/run.sh $(FUZZ_OUT) time $(FUZZ_SMOKE_SECONDS) $(FUZZ_NAMES)

fuzz-long: fuzz
	fuzz/run.sh $(FUZZ_OUT) runs $(FUZZ_RUNS) $(FUZZ_NAMES)
