// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Check pass 3: PT_DYNAMIC and the tables it points at.
 *
 * The dynamic segment is what a consumer reads (at p_vaddr), so it must be
 * the same bytes we check (at p_offset).  Each tag must classify; pointers
 * must fall in the load range.  DT_SYMTAB must be the .dynsym section when
 * there are sections, else it is the only way to find the dynamic symbols:
 * then DT_HASH's nchain gives their count and DT_STRTAB/DT_STRSZ their names.
 */
#include "dyn_tags.h"
#include "layout.h"
#include "rv_le.h"

#define PHDR(l, i, field)	RV_GET((l)->img, rv_phdr_at(l, i), struct rv_phdr, field)
#define DYN(l, i, field) \
	RV_GET((l)->img, (l)->dyn_off + (i) * RV_DYN_SIZE, struct rv_dyn, field)

#define RV_HASH_HEAD_SIZE	8u

/* The few entries the later checks need. */
enum rv_dyn_slot {
	RV_SLOT_HASH,
	RV_SLOT_STRTAB,
	RV_SLOT_STRSZ,
	RV_SLOT_SYMTAB,
	RV_SLOT_SYMENT,
	RV_SLOTS
};

/* Slot + 1 for the tags the checks need, by tag (all are generic tags). */
static const u8 rv_slot_of_tag[RV_DYN_GENERIC_TAGS] = {
	[RV_DT_HASH]	= RV_SLOT_HASH + 1,
	[RV_DT_STRTAB]	= RV_SLOT_STRTAB + 1,
	[RV_DT_STRSZ]	= RV_SLOT_STRSZ + 1,
	[RV_DT_SYMTAB]	= RV_SLOT_SYMTAB + 1,
	[RV_DT_SYMENT]	= RV_SLOT_SYMENT + 1,
};

/* The last value of each tag wins, as in the dynamic linkers. */
struct rv_dyn_seen {
	bool has[RV_SLOTS];
	u32 val[RV_SLOTS];
};

static void rv_note_slot(struct rv_dyn_seen *seen, u32 tag, u32 val)
{
	unsigned int slot;

	if (tag >= RV_DYN_GENERIC_TAGS || !rv_slot_of_tag[tag])
		return;
	slot = rv_slot_of_tag[tag] - 1u;
	seen->has[slot] = true;
	seen->val[slot] = val;
}

static enum relvdso_reloc_err rv_find_dynamic(struct rv_layout *l,
					      u32 *filesz)
{
	u32 i, found = 0, phdr = 0, at;

	for (i = 0; i < l->phnum; i++) {
		if (PHDR(l, i, p_type) != RV_PT_DYNAMIC)
			continue;
		if (found++)
			return RELVDSO_RELOC_E_DYNAMIC_DUP;
		phdr = i;
	}
	if (!found)
		return RELVDSO_RELOC_E_NO_DYNAMIC;

	l->dyn_off = PHDR(l, phdr, p_offset);
	*filesz = PHDR(l, phdr, p_filesz);
	if (!rv_span_in_image(l, l->dyn_off, *filesz) ||
	    !rv_vaddr_to_off(l, PHDR(l, phdr, p_vaddr), *filesz, &at) ||
	    at != l->dyn_off)
		return RELVDSO_RELOC_E_DYNAMIC_RANGE;
	return RELVDSO_RELOC_OK;
}

static enum relvdso_reloc_err rv_scan_dynamic(struct rv_layout *l,
					      u32 filesz,
					      struct rv_dyn_seen *seen)
{
	u32 i;

	for (i = 0; i < filesz / RV_DYN_SIZE; i++) {
		u32 tag = DYN(l, i, d_tag);
		u32 val = DYN(l, i, d_val);

		if (tag == RV_DT_NULL) {
			l->dyn_count = i;
			return RELVDSO_RELOC_OK;
		}
		switch (rv_dyn_classify(tag)) {
		case RV_DYN_UNKNOWN:
			return RELVDSO_RELOC_E_DYN_TAG;
		case RV_DYN_POINTER:
			if (!rv_in_load_range(l, val))
				return RELVDSO_RELOC_E_DYN_ADDR;
			break;
		case RV_DYN_RELOC_SIZE:
			if (val)
				return RELVDSO_RELOC_E_DYN_RELOCS;
			break;
		case RV_DYN_VALUE:
			break;
		}
		rv_note_slot(seen, tag, val);
	}
	return RELVDSO_RELOC_E_DYNAMIC_UNTERMINATED;
}

/*
 * DT_SYMTAB when the section headers also describe .dynsym.  The section
 * must be SHF_ALLOC: otherwise its sh_addr stays put while DT_SYMTAB moves,
 * and the rebased image would no longer pass this very check.
 */
static enum relvdso_reloc_err rv_match_dynsym(struct rv_layout *l,
					      const struct rv_dyn_seen *s)
{
	u32 symtab = s->val[RV_SLOT_SYMTAB], off;

	if (!rv_vaddr_to_off(l, symtab, RV_SYM_SIZE, &off))
		return RELVDSO_RELOC_E_SYMTAB_RANGE;
	if (!l->dynsym.present || !l->dynsym.alloc || l->dynsym.addr != symtab ||
	    l->dynsym.off != off)
		return RELVDSO_RELOC_E_DYNSYM_MISMATCH;
	return RELVDSO_RELOC_OK;
}

/* DT_SYMTAB as the only description of .dynsym. */
static enum relvdso_reloc_err rv_locate_dynsym(struct rv_layout *l,
					       const struct rv_dyn_seen *s,
					       u32 nchain,
					       struct rv_span strtab)
{
	struct rv_symtab *t = &l->dynsym;

	if (!s->has[RV_SLOT_HASH])
		return RELVDSO_RELOC_E_HASH;
	if (!s->has[RV_SLOT_STRTAB])
		return RELVDSO_RELOC_E_STRTAB_RANGE;
	if (!rv_vaddr_to_off(l, s->val[RV_SLOT_SYMTAB],
			     (u64)nchain * RV_SYM_SIZE, &t->off))
		return RELVDSO_RELOC_E_SYMTAB_RANGE;
	t->present = true;
	t->count = nchain;
	t->addr = s->val[RV_SLOT_SYMTAB];
	t->strtab = strtab;
	return RELVDSO_RELOC_OK;
}

static enum relvdso_reloc_err rv_check_dyn_tables(struct rv_layout *l,
						  const struct rv_dyn_seen *s)
{
	struct rv_span strtab = { 0, s->val[RV_SLOT_STRSZ] };
	u32 nchain = 0;
	enum relvdso_reloc_err err;

	if (s->has[RV_SLOT_SYMENT] && s->val[RV_SLOT_SYMENT] != RV_SYM_SIZE)
		return RELVDSO_RELOC_E_SYMENT;
	if (s->has[RV_SLOT_STRTAB] &&
	    (!s->has[RV_SLOT_STRSZ] ||
	     !rv_vaddr_to_off(l, s->val[RV_SLOT_STRTAB], strtab.len, &strtab.off)))
		return RELVDSO_RELOC_E_STRTAB_RANGE;
	if (s->has[RV_SLOT_HASH]) {
		/* nbucket, nchain: only the count steers us */
		if (!rv_vaddr_to_off(l, s->val[RV_SLOT_HASH], RV_HASH_HEAD_SIZE,
				     &l->hash_head.off))
			return RELVDSO_RELOC_E_HASH;
		l->hash_head.len = RV_HASH_HEAD_SIZE;
		nchain = rv_le_read(l->img + l->hash_head.off + 4, 4);
	}
	if (!s->has[RV_SLOT_SYMTAB])
		return RELVDSO_RELOC_OK;

	if (l->shnum == 0)
		return rv_locate_dynsym(l, s, nchain, strtab);
	err = rv_match_dynsym(l, s);
	if (err == RELVDSO_RELOC_OK && s->has[RV_SLOT_HASH] &&
	    nchain != l->dynsym.count)
		err = RELVDSO_RELOC_E_HASH;
	return err;
}

enum relvdso_reloc_err rv_check_dynamic(struct rv_layout *l)
{
	struct rv_dyn_seen seen = { { false }, { 0 } };
	enum relvdso_reloc_err err;
	u32 filesz = 0;

	err = rv_find_dynamic(l, &filesz);
	if (err == RELVDSO_RELOC_OK)
		err = rv_scan_dynamic(l, filesz, &seen);
	if (err == RELVDSO_RELOC_OK)
		err = rv_check_dyn_tables(l, &seen);
	return err;
}
