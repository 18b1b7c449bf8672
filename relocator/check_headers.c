// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Check pass 1: the ELF header, the program header table and the PT_LOAD
 * segments, which together give the load range every address must fall in;
 * and the last pass, whether the move fits how those segments are linked.
 */
#include "layout.h"
#include "rv_le.h"
#include "relvdso/internal/util.h"
#include "relvdso/vdso_data.h"

#define EHDR(l, field)		RV_GET((l)->img, 0, struct rv_ehdr, field)
#define PHDR(l, i, field)	RV_GET((l)->img, rv_phdr_at(l, i), struct rv_phdr, field)

/*
 * One identity byte or field and the error for a wrong value.  Each rule
 * reads the 32 bits at @off (all lie inside the 52-byte header) and keeps
 * the field's bytes through @mask.
 */
struct rv_ident_rule {
	u32 off;
	u32 mask;
	u32 want;
	enum relvdso_reloc_err err;
};

#define RV_BYTE		0xffu
#define RV_HALF		0xffffu
#define RV_WORD		0xffffffffu

static const struct rv_ident_rule rv_ident_rules[] = {
	{ 0, RV_WORD, 0x464c457fu, RELVDSO_RELOC_E_MAGIC },	/* "\177ELF" */
	{ RV_EI_CLASS, RV_BYTE, RV_ELFCLASS32, RELVDSO_RELOC_E_CLASS },
	{ RV_EI_DATA, RV_BYTE, RV_ELFDATA2LSB, RELVDSO_RELOC_E_DATA },
	{ RV_EI_VERSION, RV_BYTE, RV_EV_CURRENT, RELVDSO_RELOC_E_VERSION },
	{ offsetof(struct rv_ehdr, e_type), RV_HALF, RV_ET_DYN, RELVDSO_RELOC_E_TYPE },
	{ offsetof(struct rv_ehdr, e_machine), RV_HALF, RV_EM_386, RELVDSO_RELOC_E_MACHINE },
	{ offsetof(struct rv_ehdr, e_version), RV_WORD, RV_EV_CURRENT, RELVDSO_RELOC_E_VERSION },
	{ offsetof(struct rv_ehdr, e_ehsize), RV_HALF, RV_EHDR_SIZE, RELVDSO_RELOC_E_EHSIZE },
};

static enum relvdso_reloc_err rv_check_ehdr(const struct rv_layout *l)
{
	size_t i;

	for (i = 0; i < RV_ARRAY_SIZE(rv_ident_rules); i++) {
		const struct rv_ident_rule *r = &rv_ident_rules[i];

		if ((rv_le_read(l->img + r->off, 4) & r->mask) != r->want)
			return r->err;
	}
	return RELVDSO_RELOC_OK;
}

static enum relvdso_reloc_err rv_check_phdr_table(struct rv_layout *l)
{
	l->phoff = EHDR(l, e_phoff);
	l->phnum = EHDR(l, e_phnum);
	if (l->phnum == RV_PN_XNUM)
		return RELVDSO_RELOC_E_XNUM;
	if (l->phnum == 0)
		return RELVDSO_RELOC_E_NO_LOAD;
	if (EHDR(l, e_phentsize) != RV_PHDR_SIZE)
		return RELVDSO_RELOC_E_PHENTSIZE;
	if (!rv_span_in_image(l, l->phoff, (u64)l->phnum * RV_PHDR_SIZE))
		return RELVDSO_RELOC_E_PHDRS_RANGE;
	return RELVDSO_RELOC_OK;
}

static enum relvdso_reloc_err rv_check_load(struct rv_layout *l, u32 i)
{
	u32 offset = PHDR(l, i, p_offset);
	u32 filesz = PHDR(l, i, p_filesz);
	u32 memsz = PHDR(l, i, p_memsz);
	u64 lo = PHDR(l, i, p_vaddr);
	u64 hi = lo + memsz;

	if (!rv_span_in_image(l, offset, filesz))
		return RELVDSO_RELOC_E_SEGMENT_RANGE;
	if (filesz > memsz)
		return RELVDSO_RELOC_E_SEGMENT_SIZE;
	if (hi > (u64)1 << 32)
		return RELVDSO_RELOC_E_SEGMENT_WRAP;
	if (lo < l->load_lo)
		l->load_lo = lo;
	if (hi > l->load_hi)
		l->load_hi = hi;
	return RELVDSO_RELOC_OK;
}

enum relvdso_reloc_err rv_check_headers(struct rv_layout *l)
{
	enum relvdso_reloc_err err;
	u32 i;

	if (l->size < RV_EHDR_SIZE)
		return RELVDSO_RELOC_E_TRUNCATED;
	err = rv_check_ehdr(l);
	if (err == RELVDSO_RELOC_OK)
		err = rv_check_phdr_table(l);
	if (err != RELVDSO_RELOC_OK)
		return err;

	l->load_lo = UINT64_MAX;
	l->load_hi = 0;
	for (i = 0; i < l->phnum; i++) {
		if (PHDR(l, i, p_type) != RV_PT_LOAD)
			continue;
		if (l->load_lo == UINT64_MAX)
			l->base = PHDR(l, i, p_vaddr);
		err = rv_check_load(l, i);
		if (err != RELVDSO_RELOC_OK)
			return err;
	}
	if (l->load_lo == UINT64_MAX)
		return RELVDSO_RELOC_E_NO_LOAD;
	return RELVDSO_RELOC_OK;
}

/*
 * The move itself: it starts where the image is linked, and keeps every
 * PT_LOAD's p_vaddr congruent to its p_offset modulo p_align (a loader maps
 * whole aligned pages), so new_base == old_base mod p_align; 0 and 1 ask
 * for no alignment.  And the new base leaves room below it for the data
 * pages (vdso_data.h), which every mapping puts right under the image;
 * base 0 is exempt: it is where images are linked, a template no process
 * maps, and moving back there is how a relocated copy is undone.
 */
enum relvdso_reloc_err rv_check_move(struct rv_layout *l)
{
	u32 new_base = l->old_base + (u32)l->delta;
	u32 i;

	if (l->old_base != l->base)
		return RELVDSO_RELOC_E_OLD_BASE;
	for (i = 0; i < l->phnum; i++) {
		u32 align = PHDR(l, i, p_align);

		if (PHDR(l, i, p_type) == RV_PT_LOAD && align > 1 &&
		    new_base % align != l->old_base % align)
			return RELVDSO_RELOC_E_ALIGN;
	}
	if (new_base != 0 && new_base < RELVDSO_DATA_SIZE)
		return RELVDSO_RELOC_E_DATA_ROOM;
	return RELVDSO_RELOC_OK;
}

bool rv_vaddr_to_off(const struct rv_layout *l, u32 vaddr, u64 len,
		     u32 *off)
{
	u32 i;

	for (i = 0; i < l->phnum; i++) {
		u32 start = PHDR(l, i, p_vaddr);
		u32 filesz = PHDR(l, i, p_filesz);

		if (PHDR(l, i, p_type) != RV_PT_LOAD || vaddr < start ||
		    (u64)vaddr - start + len > filesz)
			continue;
		*off = PHDR(l, i, p_offset) + (vaddr - start);
		return true;
	}
	return false;
}
