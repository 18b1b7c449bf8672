# SPDX-License-Identifier: GPL-2.0-only
# relvdso — the one entry point.
#
#   make            build images, library, tools and tests into $(BUILD)/
#   make check      install missing packages, build, run every test: Check
#                   suites, the consumer matrix, fuzz smoke, sanitized suites,
#                   static analysis, the kernel series (current, checkpatch,
#                   bisectable), the guest kernel matrix under qemu, and a
#                   few cells of every other series
#   make patches    the kernel series of KVER -> build/patches/linux-KVER/
#   make guest      build the i386 guest kernels of series KVER (default:
#                   kernel-glue/default-series) with relvdso linked in
#   make guest-check  boot the guest matrix under qemu-system-i386 (TCG)
#   make demo       install missing packages, build, run the main job
#   make install    PREFIX=/usr/local DESTDIR= : tools, headers, library, images,
#                   relvdso.pc, man pages;  make uninstall (same PREFIX/DESTDIR)
#                   removes exactly those files
#   make bench      install missing packages, build, run the benchmarks -> build/bench/ (not part of check)
#
# Output is one short line per command (`  CC      relocator/check.o`);
# V=1 shows the full commands.
#
# Each folder describes itself in a module.mk fragment that appends to the
# lists below; the rules here are generic.

# No built-in rules: they would chain into our pattern rules to "remake"
# dependency files.  Nothing is an intermediate to delete, either: a module
# must not name its own .SECONDARY targets (that cancels this one, and a
# second `make` then rebuilds every deleted object).
MAKEFLAGS += -r
.SECONDARY:

BUILD   ?= build
PREFIX  ?= /usr/local
DESTDIR ?=
CC      ?= gcc
ifeq ($(origin CC),default)
CC      := gcc
endif
PKG_CONFIG ?= pkg-config
# The Linux series the guest targets use: kernel-glue/linux-$(KVER)/.
KVER    ?= $(shell cat kernel-glue/default-series)
export KVER

# The project version, one source: tools print it (--version), relvdso.pc says it.
# Every host object depends on the file (below), so a new version rebuilds them.
VERSION_FILE ?= VERSION
VERSION := $(shell cat $(VERSION_FILE))

# V=1: full commands.  Otherwise a recipe line starts with
# $(call quiet,TAG,TARGET), which prints "  TAG  target" and hides the command.
V ?= 0
ifeq ($(V),1)
quiet =
else
quiet = @printf '  %-7s %s\n' '$(1)' '$(patsubst $(BUILD)/%,%,$(patsubst $(OBJ)/%,%,$(2)))';
endif

OBJ := $(BUILD)/obj
BIN := $(BUILD)/bin
LIB := $(BUILD)/lib/librelvdso.a
# The library is one relocatable object: the core and the images partially
# linked, then every global symbol but relvdso_* made local, so the internal
# rv_* helpers are not part of the interface (the core sources stay free of
# visibility attributes: the kernel build compiles them unchanged).
LIB_OBJ := $(BUILD)/lib/relvdso.o
LIB_EXPORT := relvdso_*
GEN := $(BUILD)/gen

WARN     := -Wall -Wextra -Werror
CSTD     := -std=c11
OPT      ?= -O2 -g
CPPFLAGS += -Iinclude -MMD -MP
# The core's printf-like functions are checked here too: types.h leaves
# RELVDSO_PRINTF to the host (a kernel has __printf()).
CPPFLAGS += '-DRELVDSO_PRINTF(fmt,args)=__attribute__((format(printf,fmt,args)))'
# The core is freestanding: the same sources go into a kernel, the runner and
# the tests.  -ffreestanding here keeps the host build honest about that.
# -fPIC: librelvdso.a can be linked into a shared object.
CORE_CFLAGS := $(CSTD) $(WARN) $(OPT) -ffreestanding -fPIC
HOST_CFLAGS := $(CSTD) $(WARN) $(OPT) -D_GNU_SOURCE -DRELVDSO_VERSION='"$(VERSION)"'
ELF_CFLAGS   = $(shell $(PKG_CONFIG) --cflags libelf 2>/dev/null)
ELF_LIBS     = $(shell $(PKG_CONFIG) --libs libelf 2>/dev/null || echo -lelf)
CHECK_CFLAGS = $(shell $(PKG_CONFIG) --cflags check 2>/dev/null)
CHECK_LIBS   = $(shell $(PKG_CONFIG) --libs check 2>/dev/null || echo -lcheck)

CORE_SRCS :=		# freestanding sources (relocator, chooser, policy, glue)
IMAGE_SRCS :=		# generated image C files
TOOL_NAMES :=		# tools/NAME.c -> $(BIN)/NAME, linked with the library + libelf
TEST_NAMES :=		# tests/NAME.c -> $(BUILD)/tests/NAME, Check suites
TEST_DEPS :=		# extra prerequisites of the test run (images, tools)
MAN_PAGES :=		# man/NAME.SECTION, installed into share/man/manSECTION/
# vdso-gen is build-internal (it makes the library's image C files): built,
# never installed.
TOOLS_NOINST := vdso-gen

.PHONY: all check demo install uninstall deps clean core-freestanding tests
all:

include vdso/module.mk
include relocator/module.mk
include sysenter/module.mk
include compat/module.mk
include kernel-glue/module.mk
include tools/module.mk
include tests/module.mk
include userspace-tests/module.mk
include bench/module.mk
include fuzz/fuzz.mk
include scripts/sanitize.mk
include kernel-glue/guest.mk
include man/module.mk

CORE_OBJS  := $(CORE_SRCS:%.c=$(OBJ)/%.o)
IMAGE_OBJS := $(IMAGE_SRCS:$(GEN)/%.c=$(OBJ)/gen/%.o)
TOOLS      := $(TOOL_NAMES:%=$(BIN)/%)
TESTS      := $(TEST_NAMES:%=$(BUILD)/tests/%)
INSTALL_TOOLS := $(filter-out $(TOOLS_NOINST),$(TOOL_NAMES))

all: $(LIB) $(TOOLS) $(TESTS) $(USERSPACE_PROGS) core-freestanding

$(OBJ)/relocator/%.o $(OBJ)/sysenter/%.o $(OBJ)/compat/%.o $(OBJ)/kernel-glue/%.o: CFLAGS_THIS = $(CORE_CFLAGS)
$(OBJ)/%.o: %.c
	@mkdir -p $(@D)
	$(call quiet,CC,$@)$(CC) $(CPPFLAGS) $(or $(CFLAGS_THIS),$(HOST_CFLAGS) $(ELF_CFLAGS) $(CHECK_CFLAGS)) $(CFLAGS) -c $< -o $@

$(OBJ)/gen/%.o: $(GEN)/%.c
	@mkdir -p $(@D)
	$(call quiet,CC,$@)$(CC) $(CPPFLAGS) $(CORE_CFLAGS) $(CFLAGS) -c $< -o $@

$(LIB_OBJ): $(CORE_OBJS) $(IMAGE_OBJS)
	@mkdir -p $(@D)
	$(call quiet,LD,$@)$(CC) -nostdlib -r -o $@.tmp $^
	$(call quiet,OBJCOPY,$@)objcopy --wildcard --keep-global-symbol='$(LIB_EXPORT)' $@.tmp $@
	@rm -f $@.tmp

$(LIB): $(LIB_OBJ)
	@rm -f $@
	$(call quiet,AR,$@)ar rcs $@ $^

# A module adds extra objects to a tool or test by naming them as
# prerequisites, e.g.  $(BIN)/vdso-reloc: $(OBJ)/tools/reloc_verify.o
$(BIN)/%: $(OBJ)/tools/%.o $(LIB)
	@mkdir -p $(@D)
	$(call quiet,LINK,$@)$(CC) $(LDFLAGS) -o $@ $(filter %.o,$^) $(LIB) $(ELF_LIBS)

$(BUILD)/tests/%: $(OBJ)/tests/%.o $(LIB)
	@mkdir -p $(@D)
	$(call quiet,LINK,$@)$(CC) $(LDFLAGS) -o $@ $(filter %.o,$^) $(LIB) $(CHECK_LIBS) $(ELF_LIBS)

tests: $(TESTS) $(TEST_DEPS)

# The core must build as i386 freestanding code with only the compiler's own
# headers (-nostdinc hides libc's) and link with -nostdlib; the only external
# symbols allowed are the four GCC requires of any freestanding environment.
FS_DIR  := $(BUILD)/freestanding
FS_OBJ  := $(FS_DIR)/relvdso-core.o
FS_FLAGS = -m32 $(CSTD) $(WARN) -O2 -ffreestanding -fno-pic -nostdinc \
	   -isystem $(shell $(CC) -m32 -print-file-name=include) -Iinclude
core-freestanding: $(FS_OBJ)
$(FS_OBJ): $(CORE_SRCS) $(IMAGE_SRCS) \
		$(wildcard include/relvdso/*.h include/relvdso/internal/*.h relocator/*.h sysenter/*.h compat/*.h kernel-glue/*.h)
	@rm -rf $(FS_DIR) && mkdir -p $(FS_DIR)
	@for s in $(CORE_SRCS) $(IMAGE_SRCS); do \
		o=$(FS_DIR)/$$(echo $$s | tr / _).o; \
		$(if $(quiet),printf '  %-7s %s\n' FS $$s,echo "$(CC) $(FS_FLAGS) -c $$s -o $$o"); \
		$(CC) $(FS_FLAGS) -c $$s -o $$o || exit 1; \
	done
	$(call quiet,LD,$@)$(CC) -m32 -nostdlib -r -o $@.tmp $(FS_DIR)/*_*.o
	@undef=$$(nm -u $@.tmp | awk '{print $$2}' | grep -vxE 'memcpy|memmove|memset|memcmp' || true); \
	if [ -n "$$undef" ]; then echo "core-freestanding: external symbols: $$undef" >&2; rm -f $@.tmp; exit 1; fi
	@mv $@.tmp $@

deps:
	@scripts/deps.sh base

# Every suite runs even when an earlier one failed; the exit status says
# whether all passed.
check:
	@scripts/deps.sh base userspace robust guest
	$(MAKE) all tests userspace-optional
	@rc=0; \
	RELVDSO_BUILD=$(BUILD) scripts/run-tests.sh $(BUILD) $(TESTS) || rc=1; \
	scripts/userspace-matrix.sh $(BUILD) || rc=1; \
	$(MAKE) fuzz-smoke || rc=1; \
	$(MAKE) check-sanitized || rc=1; \
	$(MAKE) static-analysis || rc=1; \
	$(MAKE) man-lint || rc=1; \
	scripts/check-build.sh || rc=1; \
	$(MAKE) series-check || rc=1; \
	$(MAKE) guest-check || rc=1; \
	$(MAKE) guest-check-others || rc=1; \
	exit $$rc

demo: deps
	$(MAKE) all
	scripts/demo.sh $(BUILD)

# install.sh installs and removes one list of files (install.sh's manifest),
# so uninstall takes away exactly what install put there.
INSTALL_ARGS = "$(DESTDIR)" "$(PREFIX)" $(BUILD) "$(INSTALL_TOOLS)" "$(MAN_PAGES)"
install: all
	@scripts/install.sh install $(INSTALL_ARGS)

uninstall:
	@scripts/install.sh uninstall $(INSTALL_ARGS)

clean:
	rm -rf $(BUILD)

# make print-VAR: a variable's value (scripts/check-build.sh asks for INSTALL_TOOLS)
print-%:
	@echo $($*)

DEP_FILES := $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
-include $(DEP_FILES)
# A new VERSION rebuilds every host object (tools, tests: what prints it);
# the core, the images and their sources never see it.  Objects not built
# yet need no rule.
$(filter-out $(CORE_OBJS) $(IMAGE_OBJS) $(OBJ)/vdso/%,$(DEP_FILES:.d=.o)): $(VERSION_FILE)
