// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Check pass 4: the entries of one symbol table.  Names must index the
 * table's string table; a defined symbol must name a real section (when the
 * image has section headers to name) and hold an address in the load range.
 * A defined TLS symbol holds an offset into the TLS block, not an address:
 * rebasing it would corrupt it, and a vDSO has no TLS, so it is rejected.
 */
#include "layout.h"
#include "rv_le.h"

#define SYM(l, t, i, field) \
	RV_GET((l)->img, (t)->off + (i) * RV_SYM_SIZE, struct rv_sym, field)

static enum relvdso_reloc_err rv_check_shndx(const struct rv_layout *l,
					     u32 shndx)
{
	if (shndx == RV_SHN_XINDEX)
		return RELVDSO_RELOC_E_XNUM;
	/* Without section headers there is nothing to hold the index against. */
	if (rv_sym_is_rebased(shndx) && l->shnum && shndx >= l->shnum)
		return RELVDSO_RELOC_E_SYM_SHNDX;
	return RELVDSO_RELOC_OK;
}

static enum relvdso_reloc_err rv_check_symbol(const struct rv_layout *l,
					      const struct rv_symtab *t,
					      u32 i)
{
	u32 shndx = SYM(l, t, i, st_shndx);
	enum relvdso_reloc_err err;

	if (SYM(l, t, i, st_name) >= t->strtab.len)
		return RELVDSO_RELOC_E_SYM_NAME;
	err = rv_check_shndx(l, shndx);
	if (err != RELVDSO_RELOC_OK || !rv_sym_is_rebased(shndx))
		return err;
	if (RV_ST_TYPE(SYM(l, t, i, st_info)) == RV_STT_TLS)
		return RELVDSO_RELOC_E_SYM_TLS;
	if (!rv_in_load_range(l, SYM(l, t, i, st_value)))
		return RELVDSO_RELOC_E_SYM_ADDR;
	return RELVDSO_RELOC_OK;
}

enum relvdso_reloc_err rv_check_symbols(const struct rv_layout *l,
					const struct rv_symtab *t)
{
	enum relvdso_reloc_err err = RELVDSO_RELOC_OK;
	u32 i;

	for (i = 0; i < t->count && err == RELVDSO_RELOC_OK; i++)
		err = rv_check_symbol(l, t, i);
	return err;
}
