# userspace-tests/: real i386 programs run on our vDSO under vdsorun.
UT_OUT := $(BUILD)/userspace-tests
UT_FREESTANDING := -m32 -static -nostdlib -ffreestanding -fno-pic -no-pie \
	-fno-stack-protector -O2 $(WARN)

$(UT_OUT)/legacy-probe: userspace-tests/legacy-probe/start.S userspace-tests/legacy-probe/legacy_probe.c
	@mkdir -p $(@D)
	$(CC) $(UT_FREESTANDING) -o $@ $^

USERSPACE_PROGS += $(UT_OUT)/legacy-probe

$(UT_OUT)/runner-probe: userspace-tests/runner-probe/runner_probe.c
	@mkdir -p $(@D)
	$(CC) -m32 -O2 $(WARN) -pthread -o $@ $<

USERSPACE_PROGS += $(UT_OUT)/runner-probe

$(UT_OUT)/vdso-show: userspace-tests/vdso-show/vdso_show.c
	@mkdir -p $(@D)
	$(CC) -m32 -O2 $(WARN) -o $@ $<

USERSPACE_PROGS += $(UT_OUT)/vdso-show
