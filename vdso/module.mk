# SPDX-License-Identifier: GPL-2.0-only OR MIT
# vdso: one image per syscall entry method, built from shared sources, then
# turned into C by the generator (tools/vdso-gen) for the library.
#
#   $(OBJ)/vdso/ENTRY/*.o        objects (vsyscall.o differs per entry)
#   $(BUILD)/vdso/vdso-ENTRY.so.dbg   linked image with .symtab
#   $(BUILD)/vdso/vdso-ENTRY.so  stripped: the bytes that get embedded
#   $(GEN)/vdso-image-ENTRY.c    relvdso_image_ENTRY for the library
#
# The build flags are in vdso/image.mk (the kernel build includes it too).
# The exported symbols, their versions and the page budget come from the
# facts table (include/relvdso/vdso_facts.h): the version script is cpp'd
# from it and vdso-gen checks the images against it.

VDSO_OUT       := $(BUILD)/vdso
VDSO_FACTS     := include/relvdso/vdso_facts.h
VDSO_LDS       := $(VDSO_OUT)/vdso.lds
VDSO_MAP       := $(VDSO_OUT)/vdso.map
include vdso/image.mk
VDSO_ASM_OBJS  := $(OBJ)/vdso/sigreturn.o
VDSO_C_OBJS    := $(OBJ)/vdso/vclock.o
VDSO_COMMON    := $(VDSO_ASM_OBJS) $(VDSO_C_OBJS)

VDSO_ENTRY_OBJS := $(VDSO_ENTRIES:%=$(OBJ)/vdso/%/vsyscall.o)
VDSO_IMAGES     := $(VDSO_ENTRIES:%=$(VDSO_OUT)/vdso-%.so)
VDSO_DBGS       := $(VDSO_IMAGES:%=%.dbg)
VDSO_GEN_SRCS   := $(VDSO_ENTRIES:%=$(GEN)/vdso-image-%.c)

IMAGE_SRCS += $(VDSO_GEN_SRCS)

all: $(VDSO_IMAGES) $(VDSO_DBGS)

# Static pattern rules only: a plain pattern here would let make "remake"
# the top Makefile's included .d files through its built-in rules.
$(VDSO_ASM_OBJS): $(OBJ)/vdso/%.o: vdso/%.S
	@mkdir -p $(@D)
	$(call quiet,AS,$@)$(CC) $(CPPFLAGS) $(VDSO_ASFLAGS) -c $< -o $@

$(VDSO_C_OBJS): $(OBJ)/vdso/%.o: vdso/%.c
	@mkdir -p $(@D)
	$(call quiet,CC,$@)$(CC) $(CPPFLAGS) $(VDSO_CFLAGS) -c $< -o $@

$(VDSO_ENTRY_OBJS): $(OBJ)/vdso/%/vsyscall.o: vdso/vsyscall.S
	@mkdir -p $(@D)
	$(call quiet,AS,$@)$(CC) $(CPPFLAGS) $(VDSO_ASFLAGS) $(VDSO_DEF_$*) -c $< -o $@

$(VDSO_LDS): vdso/vdso.lds.S
	@mkdir -p $(@D)
	$(call quiet,CPP,$@)$(CC) $(VDSO_LDS_CPPFLAGS) $< -o $@

$(VDSO_MAP): vdso/vdso.map.S $(VDSO_FACTS)
	@mkdir -p $(@D)
	$(call quiet,CPP,$@)$(CC) -Iinclude $(VDSO_MAP_CPPFLAGS) $< -o $@

$(VDSO_DBGS): $(VDSO_OUT)/vdso-%.so.dbg: $(OBJ)/vdso/%/vsyscall.o $(VDSO_COMMON) $(VDSO_LDS) $(VDSO_MAP)
	$(call quiet,LD,$@)$(CC) $(VDSO_LDFLAGS) -o $@ $(filter %.o,$^)

$(VDSO_IMAGES): $(VDSO_OUT)/vdso-%.so: $(VDSO_OUT)/vdso-%.so.dbg
	$(call quiet,STRIP,$@)objcopy -S $< $@

$(VDSO_GEN_SRCS): $(GEN)/vdso-image-%.c: $(VDSO_OUT)/vdso-%.so $(BIN)/vdso-gen $(VDSO_FACTS)
	@mkdir -p $(@D)
	$(call quiet,GEN,$@)$(BIN)/vdso-gen --name $* --max-pages $(VDSO_MAX_PAGES) --out $@ $<

# No .SECONDARY list here: the Makefile's global .SECONDARY already keeps
# every file, and naming targets would cancel it for the rest of the build.
