// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Check pass 2: the section header table, when there is one.  Sections are
 * optional for a loader, but a tool-facing image keeps them and the rules
 * rebase their addresses, so each must be sane: entry size, bounds, names,
 * plain (uncompressed) contents of whole records, and the one SHT_SYMTAB /
 * one SHT_DYNSYM (gABI) with a valid string table.
 */
#include "layout.h"
#include "rv_le.h"
#include "relvdso/internal/util.h"

#define EHDR(l, field)		RV_GET((l)->img, 0, struct rv_ehdr, field)
#define SHDR(l, i, field)	RV_GET((l)->img, rv_shdr_at(l, i), struct rv_shdr, field)

static bool rv_is_symtab_type(u32 type)
{
	return type == RV_SHT_SYMTAB || type == RV_SHT_DYNSYM;
}

static enum relvdso_reloc_err rv_check_shdr_table(struct rv_layout *l)
{
	u32 shstrndx = EHDR(l, e_shstrndx);

	l->shoff = EHDR(l, e_shoff);
	l->shnum = EHDR(l, e_shnum);
	/* e_shnum 0 with a table present means the count lives in section 0. */
	if (l->shnum == 0)
		return l->shoff ? RELVDSO_RELOC_E_XNUM : RELVDSO_RELOC_OK;
	if (EHDR(l, e_shentsize) != RV_SHDR_SIZE)
		return RELVDSO_RELOC_E_SHENTSIZE;
	if (!rv_span_in_image(l, l->shoff, (u64)l->shnum * RV_SHDR_SIZE))
		return RELVDSO_RELOC_E_SHDRS_RANGE;
	if (shstrndx == RV_SHN_XINDEX)
		return RELVDSO_RELOC_E_XNUM;
	if (shstrndx >= l->shnum || SHDR(l, shstrndx, sh_type) != RV_SHT_STRTAB)
		return RELVDSO_RELOC_E_SHSTRNDX;
	return RELVDSO_RELOC_OK;
}

/* Bounds of one section's contents; symbol tables also need whole entries. */
static enum relvdso_reloc_err rv_check_section_range(const struct rv_layout *l,
						     u32 i)
{
	u32 type = SHDR(l, i, sh_type);
	u32 size = SHDR(l, i, sh_size);
	bool in_image = rv_span_in_image(l, SHDR(l, i, sh_offset), size);

	if (!rv_is_symtab_type(type))
		return in_image || type == RV_SHT_NOBITS ?
			RELVDSO_RELOC_OK : RELVDSO_RELOC_E_SECTION_RANGE;
	if (SHDR(l, i, sh_entsize) != RV_SYM_SIZE)
		return RELVDSO_RELOC_E_SYMENT;
	if (!in_image || size % RV_SYM_SIZE)
		return RELVDSO_RELOC_E_SYMTAB_RANGE;
	return RELVDSO_RELOC_OK;
}

/*
 * Section types whose contents are whole records of one size (SHT_SYMTAB and
 * SHT_DYNSYM are checked with their sh_entsize above).  A reader that maps
 * the contents to records (libelf) refuses a partial one.
 */
static const struct rv_type_entsize {
	u32 type;
	u32 entsize;
} rv_type_entsizes[] = {
	{ RV_SHT_RELA, 12 },		{ RV_SHT_HASH, 4 },
	{ RV_SHT_DYNAMIC, RV_DYN_SIZE },	{ RV_SHT_REL, 8 },
	{ RV_SHT_INIT_ARRAY, 4 },	{ RV_SHT_FINI_ARRAY, 4 },
	{ RV_SHT_PREINIT_ARRAY, 4 },	{ RV_SHT_SYMTAB_SHNDX, 4 },
	{ RV_SHT_GNU_HASH, 4 },		{ RV_SHT_GNU_VERSYM, 2 },
};

/*
 * Only plain contents: a compressed table's file bytes are not its entries,
 * and readers would hand back other bytes than the ones rebased.
 */
static enum relvdso_reloc_err rv_check_section_kind(const struct rv_layout *l,
						    u32 i)
{
	u32 type = SHDR(l, i, sh_type);
	size_t k;

	if (SHDR(l, i, sh_flags) & RV_SHF_COMPRESSED)
		return RELVDSO_RELOC_E_SECTION_COMPRESSED;
	for (k = 0; k < RV_ARRAY_SIZE(rv_type_entsizes); k++)
		if (rv_type_entsizes[k].type == type &&
		    SHDR(l, i, sh_size) % rv_type_entsizes[k].entsize)
			return RELVDSO_RELOC_E_SECTION_ENTSIZE;
	return RELVDSO_RELOC_OK;
}

static bool rv_link_is_strtab(const struct rv_layout *l, u32 i)
{
	u32 link = SHDR(l, i, sh_link);

	return link != RV_SHN_UNDEF && link < l->shnum &&
	       SHDR(l, link, sh_type) == RV_SHT_STRTAB;
}

static void rv_record_symtab(const struct rv_layout *l, u32 i,
			     struct rv_symtab *t)
{
	u32 link = SHDR(l, i, sh_link);

	t->present = true;
	t->off = SHDR(l, i, sh_offset);
	t->count = SHDR(l, i, sh_size) / RV_SYM_SIZE;
	t->addr = SHDR(l, i, sh_addr);
	t->alloc = (SHDR(l, i, sh_flags) & RV_SHF_ALLOC) != 0;
	t->strtab.off = SHDR(l, link, sh_offset);
	t->strtab.len = SHDR(l, link, sh_size);
}

#define RV_NONE		UINT32_MAX

/* Where the section loop met symbol tables: RV_NONE for none. */
struct rv_symtabs_at {
	u32 symtab, dynsym;	/* the first of each type */
	u32 dup;			/* the first second one of either type */
};

static void rv_note_symtab(struct rv_symtabs_at *at, u32 type, u32 i)
{
	u32 *first = type == RV_SHT_SYMTAB ? &at->symtab : &at->dynsym;

	if (*first == RV_NONE)
		*first = i;
	else if (at->dup == RV_NONE)
		at->dup = i;
}

/*
 * Once every section is in bounds (so a link target's span is too): the
 * first error in section order, as a walk that records each table would
 * meet it — a bad sh_link at the first table of a type, or a second table.
 */
static enum relvdso_reloc_err rv_check_symtab_links(const struct rv_layout *l,
						    const struct rv_symtabs_at *at)
{
	u32 err_at = at->dup;
	enum relvdso_reloc_err err = at->dup == RV_NONE ? RELVDSO_RELOC_OK :
							  RELVDSO_RELOC_E_SYMTAB_DUP;

	if (at->symtab < err_at && !rv_link_is_strtab(l, at->symtab)) {
		err_at = at->symtab;
		err = RELVDSO_RELOC_E_SECTION_LINK;
	}
	if (at->dynsym < err_at && !rv_link_is_strtab(l, at->dynsym))
		err = RELVDSO_RELOC_E_SECTION_LINK;
	return err;
}

enum relvdso_reloc_err rv_check_sections(struct rv_layout *l)
{
	enum relvdso_reloc_err err = rv_check_shdr_table(l);
	struct rv_symtabs_at at = { RV_NONE, RV_NONE, RV_NONE };
	u32 names_size, i;

	if (err != RELVDSO_RELOC_OK || l->shnum == 0)
		return err;

	names_size = SHDR(l, EHDR(l, e_shstrndx), sh_size);
	for (i = 0; i < l->shnum; i++) {
		u32 type = SHDR(l, i, sh_type);

		err = rv_check_section_range(l, i);
		if (err == RELVDSO_RELOC_OK)
			err = rv_check_section_kind(l, i);
		if (err != RELVDSO_RELOC_OK)
			return err;
		if (SHDR(l, i, sh_name) >= names_size)
			return RELVDSO_RELOC_E_SECTION_NAME;
		if (rv_is_symtab_type(type))
			rv_note_symtab(&at, type, i);
	}
	err = rv_check_symtab_links(l, &at);
	if (err != RELVDSO_RELOC_OK)
		return err;
	if (at.symtab != RV_NONE)
		rv_record_symtab(l, at.symtab, &l->symtab);
	if (at.dynsym != RV_NONE)
		rv_record_symtab(l, at.dynsym, &l->dynsym);
	/*
	 * Section 0 is the gABI's reserved null entry; only extended numbering
	 * may use its fields.  A typed or SHF_ALLOC entry there is invisible to
	 * libelf and loaders, yet would be rebased: refuse it.  (Checked after
	 * the symbol tables so a second one there still reports the duplicate.)
	 */
	if (SHDR(l, 0, sh_type) != RV_SHT_NULL || (SHDR(l, 0, sh_flags) & RV_SHF_ALLOC))
		return RELVDSO_RELOC_E_XNUM;
	return RELVDSO_RELOC_OK;
}
