# SPDX-License-Identifier: GPL-2.0-only
# tests/: one Check suite per program.  Each tests/NAME.c defines test_suite()
# and is linked with check_main.o (the one main) and the helpers it uses:
# vdso_testutil (build paths, whole files, shell runs), elf_fixture (an ELF
# image to read and patch), proc_run (a program run with a time limit).
TEST_NAMES += test_glue
TEST_NAMES += test_entry test_policy

# test_reloc: the relocator against the real images; test_reloc_tool: vdso-reloc
TEST_NAMES += test_reloc test_reloc_tool
$(BUILD)/tests/test_reloc $(BUILD)/tests/test_reloc_tool: $(OBJ)/tools/reloc_verify.o
TEST_DEPS += $(foreach m,int80 sysenter syscall,$(BUILD)/vdso/vdso-$(m).so $(BUILD)/vdso/vdso-$(m).so.dbg)
TEST_DEPS += $(BIN)/vdso-reloc

# vDSO images, generator and inspector: test_gen (validator rules, vdso-gen,
# the generated C), test_inspect (vdso-inspect), test_vdso_run (the images
# executed by the 32-bit helper vdso-run32)
VDSO_TESTS := test_gen test_inspect test_vdso_run
TEST_NAMES += $(VDSO_TESTS)
TEST_DEPS += $(VDSO_IMAGES) $(VDSO_DBGS) $(BIN)/vdso-gen $(BIN)/vdso-inspect
TEST_DEPS += $(BUILD)/tests/vdso-run32 $(BUILD)/tests/vdso-default-link.so
$(VDSO_TESTS:%=$(BUILD)/tests/%): $(VDSO_TOOL_OBJS)
# i386 libc from gcc-multilib if it is there, else Debian's i686 cross compiler
VDSO_CC32 := $(shell echo '\#include <errno.h>' | $(CC) -m32 -E -x c - >/dev/null 2>&1 \
	&& echo '$(CC) -m32' || echo i686-linux-gnu-gcc)
$(BUILD)/tests/vdso-run32: tests/vdso_run32.c tests/vdso_time32.c tests/vdso_run32.h \
		include/relvdso/vdso_data.h include/relvdso/vdso_facts.h
	@mkdir -p $(@D)
	$(call quiet,CC32,$@)$(VDSO_CC32) -static -pthread -std=gnu11 $(WARN) -O2 -g \
		-fasynchronous-unwind-tables $(filter %.c,$^) -o $@
# the image objects linked the default way: the generator must refuse this
$(BUILD)/tests/vdso-default-link.so: $(OBJ)/vdso/int80/vsyscall.o $(VDSO_COMMON)
	@mkdir -p $(@D)
	$(call quiet,LD,$@)$(CC) -m32 -nostdlib -shared -o $@ $^
TEST_NAMES += test_vdsorun
TEST_DEPS += $(BIN)/vdsorun $(USERSPACE_PROGS)
# test_jobctl: ^Z, jobs, fg, ^C in an interactive bash on a pty, native and under vdsorun
TEST_NAMES += test_jobctl
TEST_DEPS += $(BUILD)/userspace-tests/wait-target

# test_fuzz_regress: fuzz crashers (fuzz/regressions/) and seed corpora
# replayed through the harnesses' invariant checks, built without libFuzzer
TEST_NAMES += test_fuzz_regress
FUZZ_REPLAY_OBJS := $(OBJ)/fuzz/replay_reloc.o $(OBJ)/fuzz/replay_opts.o
$(BUILD)/tests/test_fuzz_regress: $(FUZZ_REPLAY_OBJS) $(OBJ)/tools/reloc_verify.o
$(FUZZ_REPLAY_OBJS): $(OBJ)/fuzz/replay_%.o: fuzz/fuzz_%.c fuzz/fuzz_util.h
	@mkdir -p $(@D)
	$(call quiet,CC,$@)$(CC) $(CPPFLAGS) $(HOST_CFLAGS) $(ELF_CFLAGS) $(CFLAGS) \
		-DLLVMFuzzerTestOneInput=fuzz_$*_one -c $< -o $@

# test_hardening: vdsorun against hostile i386 targets (patched copies of
# runner-probe), faults, fork trees; vDSO mapping permissions and entropy
TEST_NAMES += test_hardening
TEST_DEPS += $(BUILD)/userspace-tests/mapping-safety

# test_files: the tools' input and output files (FIFOs, devices, symlinks,
# size limit, atomic replace, signals during the write)
TEST_NAMES += test_files
TEST_DEPS += $(BIN)/relvdso-boot

# test_cli: every tool's -h/--help, --version and bad usage (tools/tool_cli.h)
TEST_NAMES += test_cli
TEST_DEPS += $(TOOL_NAMES:%=$(BIN)/%)
$(BUILD)/tests/test_cli: $(OBJ)/tests/vdso_testutil.o $(OBJ)/tests/proc_run.o

# the helpers each suite links
TEST_ELF_USERS := test_glue test_reloc test_reloc_tool $(VDSO_TESTS) test_fuzz_regress test_hardening
TEST_UTIL_USERS := $(TEST_ELF_USERS) test_vdsorun test_files test_jobctl
TEST_PROC_USERS := test_reloc_tool $(VDSO_TESTS) test_vdsorun test_hardening test_files test_jobctl
$(TEST_NAMES:%=$(BUILD)/tests/%): $(OBJ)/tests/check_main.o
$(TEST_ELF_USERS:%=$(BUILD)/tests/%): $(OBJ)/tests/elf_fixture.o
$(TEST_UTIL_USERS:%=$(BUILD)/tests/%): $(OBJ)/tests/vdso_testutil.o
$(TEST_PROC_USERS:%=$(BUILD)/tests/%): $(OBJ)/tests/proc_run.o
