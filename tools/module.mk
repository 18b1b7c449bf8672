# SPDX-License-Identifier: GPL-2.0-only
# tools/: each NAME in TOOL_NAMES is tools/NAME.c linked with the library
# and libelf into $(BIN)/NAME; extra objects are named as prerequisites.
TOOL_NAMES += relvdso-boot
$(BIN)/relvdso-boot: $(OBJ)/tools/file_io.o

# vdsorun: the userspace host (tools/runner/)
RUNNER_OBJS := $(addprefix $(OBJ)/tools/runner/,host.o target.o remote.o auxv.o forward.o install.o launch.o tree.o seize.o trace.o) \
	$(OBJ)/tools/vdso_dynview.o $(OBJ)/tools/vdso_syms.o
TOOL_NAMES += vdsorun
$(BIN)/vdsorun: $(RUNNER_OBJS)
# vdsorun starts before every program it runs: linked statically it skips
# ld.so's work (0.4 ms of a 2 ms start on the CI machines).  A sanitizer
# build cannot link statically, so it links like the other tools.
VDSORUN_SANITIZED = $(findstring -fsanitize,$(CFLAGS) $(LDFLAGS))
$(BIN)/vdsorun: ELF_LIBS = $(if $(VDSORUN_SANITIZED),$(shell $(PKG_CONFIG) --libs libelf 2>/dev/null || echo -lelf),\
	-static $(shell $(PKG_CONFIG) --static --libs libelf 2>/dev/null || echo -lelf -lz))

# vdso-reloc: rebase an image file with the relocator, verify with libelf
TOOL_NAMES += vdso-reloc
$(BIN)/vdso-reloc: $(OBJ)/tools/reloc_verify.o $(OBJ)/tools/file_io.o

# vdso-gen makes the image C files that go into the library, so it must not
# link the library: its own rule, libelf only.
VDSO_TOOL_OBJS := $(OBJ)/tools/vdso_validate.o $(OBJ)/tools/vdso_syms.o $(OBJ)/tools/vdso_dynview.o \
	$(OBJ)/tools/file_io.o
# It is build-internal: built, not installed (TOOLS_NOINST in the Makefile).
TOOL_NAMES += vdso-gen
$(BIN)/vdso-gen: $(OBJ)/tools/vdso-gen.o $(VDSO_TOOL_OBJS)
	@mkdir -p $(@D)
	$(call quiet,LINK,$@)$(CC) $(LDFLAGS) -o $@ $^ $(ELF_LIBS)
TOOL_NAMES += vdso-inspect
$(BIN)/vdso-inspect: $(VDSO_TOOL_OBJS)

# every tool: -h/--help, --version, exit codes and message prefix (tool_cli.h)
$(TOOL_NAMES:%=$(BIN)/%): $(OBJ)/tools/tool_cli.o
