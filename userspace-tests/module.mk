# SPDX-License-Identifier: GPL-2.0-only
# userspace-tests/: real i386 programs run on our vDSO under vdsorun.
UT_OUT := $(BUILD)/userspace-tests
UT_FREESTANDING := -m32 -static -nostdlib -ffreestanding -fno-pic -no-pie \
	-fno-stack-protector -O2 $(WARN)

$(UT_OUT)/legacy-probe: userspace-tests/legacy-probe/start.S userspace-tests/legacy-probe/legacy_probe.c
	@mkdir -p $(@D)
	$(call quiet,CC32,$@)$(CC) $(UT_FREESTANDING) -o $@ $^

USERSPACE_PROGS += $(UT_OUT)/legacy-probe

$(UT_OUT)/runner-probe: userspace-tests/runner-probe/runner_probe.c
	@mkdir -p $(@D)
	$(call quiet,CC32,$@)$(CC) -m32 -O2 $(WARN) -pthread -o $@ $<

USERSPACE_PROGS += $(UT_OUT)/runner-probe

$(UT_OUT)/vdso-show: userspace-tests/vdso-show/vdso_show.c
	@mkdir -p $(@D)
	$(call quiet,CC32,$@)$(CC) -m32 -O2 $(WARN) -o $@ $<

USERSPACE_PROGS += $(UT_OUT)/vdso-show

# wait-target: waits for a debugger or a signal (the matrix's gdb cells, test_jobctl)
$(UT_OUT)/wait-target: userspace-tests/gdb-target/wait_target.c
	@mkdir -p $(@D)
	$(call quiet,CC32,$@)$(CC) -m32 -O0 -g $(WARN) -o $@ $<

USERSPACE_PROGS += $(UT_OUT)/wait-target

# ---- libc-based consumers (gcc -m32 + libc6-dev-i386: always built) ----
UT_COMMON_SRCS := userspace-tests/common/check.c userspace-tests/common/ut_vdso.c \
	userspace-tests/common/vdso_view.c userspace-tests/common/libc_clock.c \
	userspace-tests/common/vsys_call.S
UT_COMMON_HDRS := $(wildcard userspace-tests/common/*.h)
UT_LIBC_CFLAGS := -m32 -std=gnu11 -O2 -g $(WARN) -fasynchronous-unwind-tables
UT_GLIBC_SRCS := userspace-tests/glibc/vdso_glibc.c userspace-tests/glibc/glibc_signals.c \
	userspace-tests/glibc/glibc_threads.c $(UT_COMMON_SRCS)

$(UT_OUT)/vdso-glibc: $(UT_GLIBC_SRCS) $(UT_COMMON_HDRS) userspace-tests/glibc/glibc_tests.h
	@mkdir -p $(@D)
	$(call quiet,CC32,$@)$(CC) $(UT_LIBC_CFLAGS) -o $@ $(filter %.c %.S,$^) -pthread

$(UT_OUT)/vdso-glibc-static: $(UT_GLIBC_SRCS) $(UT_COMMON_HDRS) userspace-tests/glibc/glibc_tests.h
	@mkdir -p $(@D)
	$(call quiet,CC32,$@)$(CC) $(UT_LIBC_CFLAGS) -static -o $@ $(filter %.c %.S,$^) -pthread

# The checker copied into the i386 chroot (static: no dependence on the chroot's libc).
$(UT_OUT)/vdso-check: userspace-tests/chroot/vdso_check.c $(UT_COMMON_SRCS) $(UT_COMMON_HDRS)
	@mkdir -p $(@D)
	$(call quiet,CC32,$@)$(CC) $(UT_LIBC_CFLAGS) -static -o $@ $(filter %.c %.S,$^)

USERSPACE_PROGS += $(UT_OUT)/vdso-glibc $(UT_OUT)/vdso-glibc-static $(UT_OUT)/vdso-check

# forward-probe: vdsorun's data page and forward table (test_vdsorun, the matrix)
$(UT_OUT)/forward-probe: userspace-tests/forward/forward_probe.c $(filter-out %/libc_clock.c,$(UT_COMMON_SRCS)) \
		$(UT_COMMON_HDRS) include/relvdso/vdso_data.h include/relvdso/vdso_facts.h
	@mkdir -p $(@D)
	$(call quiet,CC32,$@)$(CC) $(UT_LIBC_CFLAGS) -o $@ $(filter %.c %.S,$^)

USERSPACE_PROGS += $(UT_OUT)/forward-probe

# ---- consumers needing more (musl debs, Go, linux-source, debootstrap) ----
# Built on demand; each missing ingredient leaves $(UT_OUT)/NAME.skip with the
# reason, which the matrix prints as SKIP.
.PHONY: userspace-optional userspace-check
userspace-optional: $(USERSPACE_PROGS) $(BIN)/vdsorun
	CC="$(CC)" scripts/userspace/build-optional.sh $(BUILD)

# The whole matrix: every consumer x --vdso=0/1/2 x --reservetop none/64M x
# entry syscall(auto)/int80, plus the sysenter-fallback cell and the chroot.
userspace-check: userspace-optional
	scripts/userspace-matrix.sh $(BUILD)

# mapping-safety: i386 helper for tests/test_hardening.c (maps, writes, trees)
$(UT_OUT)/mapping-safety: userspace-tests/mapping-safety/mapping_safety.c
	@mkdir -p $(@D)
	$(call quiet,CC32,$@)$(CC) -m32 -O2 $(WARN) -o $@ $<

USERSPACE_PROGS += $(UT_OUT)/mapping-safety
