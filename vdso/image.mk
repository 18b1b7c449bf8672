# SPDX-License-Identifier: GPL-2.0-only OR MIT
# How the vDSO images are built: which images, and the flags.  Included by
# vdso/module.mk (the project's build) and by the kernel's Makefile for
# arch/x86/entry/vdso/relvdso/ (kernel-glue/linux/Makefile), so both build
# the same bytes.  The includer sets VDSO_FACTS (the facts header), VDSO_LDS
# and VDSO_MAP (the preprocessed linker script and version script).

# one image per syscall entry method: vsyscall.S differs, the rest is shared
VDSO_ENTRIES      := int80 sysenter syscall
VDSO_DEF_int80    :=
VDSO_DEF_sysenter := -DRELVDSO_ENTRY_SYSENTER
VDSO_DEF_syscall  := -DRELVDSO_ENTRY_SYSCALL

# the page budget, from the facts table
VDSO_MAX_PAGES = $(shell printf '\043include "%s"\nRELVDSO_VDSO_MAX_PAGES\n' $(VDSO_FACTS) | \
	$(CC) -E -P -x assembler-with-cpp -)

VDSO_ASFLAGS := -m32 -Wa,--noexecstack
# Position-independent, freestanding, integer registers only, unwind tables
# kept (debuggers and unwinders walk through the vDSO), nothing that would
# need libgcc, a GOT entry or a data section.
VDSO_CFLAGS  := -m32 -std=gnu11 -Os -fomit-frame-pointer -fPIC -ffreestanding -fno-builtin -fno-stack-protector \
	-fno-jump-tables -fno-common -fasynchronous-unwind-tables -mgeneral-regs-only \
	-fcf-protection=none -Wall -Wextra -Werror
VDSO_LDFLAGS  = -m32 -nostdlib -shared -Wl,--hash-style=both -Wl,--eh-frame-hdr \
	-Wl,-soname=linux-gate.so.1 -Wl,-z,max-page-size=4096 -Wl,-z,noexecstack \
	-Wl,--no-undefined -Wl,-T,$(VDSO_LDS) -Wl,--version-script=$(VDSO_MAP)
# the linker script and the version script: plain cpp
VDSO_LDS_CPPFLAGS := -E -P -x c
VDSO_MAP_CPPFLAGS := -E -P -x assembler-with-cpp
