// SPDX-License-Identifier: GPL-2.0-only
/* The facts table's symbols for the host-side tools (vdso_syms.h). */
#include <elf.h>

#include "vdso_syms.h"

#define SYM_SPEC(id, name, node, type, field) \
	[RELVDSO_SYM_##id] = { #name, RELVDSO_VDSO_STR(node), STT_##type, #field },
const struct vdso_sym_spec vdso_syms[RELVDSO_SYM_COUNT] = {
	RELVDSO_VDSO_SYMS(SYM_SPEC)
};
