// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * relvdso_reloc_check(): every check pass, then the two checks that need
 * the whole layout — no two rebased tables share bytes, and nothing leaves
 * the 32-bit address space when moved by the delta — and last the move's
 * own rules (rv_check_move: from the linked base, keeping p_align).
 */
#include "fields.h"
#include "layout.h"
#include "rv_le.h"
#include "relvdso/internal/util.h"

#define RV_4GIB		((s64)1 << 32)

/*
 * Tables whose bytes are rebased or steer the rebase.  If two overlapped,
 * a write through one would change what the other says, and A->B->A would
 * no longer give back A.
 */
enum rv_region {
	RV_REGION_EHDR,
	RV_REGION_PHDRS,
	RV_REGION_SHDRS,
	RV_REGION_DYNAMIC,
	RV_REGION_HASH_HEAD,
	RV_REGION_SYMTAB,
	RV_REGION_DYNSYM,
	RV_REGIONS
};

/*
 * Sorted by offset, two spans overlap only if some neighbours do: if i < j
 * overlap, i + 1 starts no later than j, so inside i too.  Every span was
 * bounds-checked by the pass that recorded it, so its end fits in 32 bits.
 */
static enum relvdso_reloc_err rv_check_overlap(struct rv_layout *l)
{
	const struct rv_span regions[RV_REGIONS] = {
		[RV_REGION_EHDR]	= { 0, RV_EHDR_SIZE },
		[RV_REGION_PHDRS]	= { l->phoff, l->phnum * RV_PHDR_SIZE },
		[RV_REGION_SHDRS]	= { l->shoff, l->shnum * RV_SHDR_SIZE },
		/* the DT_NULL that ends the walk steers it too */
		[RV_REGION_DYNAMIC]	= { l->dyn_off, (l->dyn_count + 1) * RV_DYN_SIZE },
		[RV_REGION_HASH_HEAD]	= l->hash_head,
		[RV_REGION_SYMTAB]	= { l->symtab.off, l->symtab.count * RV_SYM_SIZE },
		[RV_REGION_DYNSYM]	= { l->dynsym.off, l->dynsym.count * RV_SYM_SIZE },
	};
	struct rv_span sorted[RV_REGIONS] = { { 0, 0 } };
	size_t i, j, n = 0;

	for (i = 0; i < RV_REGIONS; i++) {
		if (!regions[i].len)
			continue;
		for (j = n++; j > 0 && sorted[j - 1].off > regions[i].off; j--)
			sorted[j] = sorted[j - 1];
		sorted[j] = regions[i];
	}
	for (i = 1; i < n; i++)
		if (sorted[i].off < sorted[i - 1].off + sorted[i - 1].len)
			return RELVDSO_RELOC_E_OVERLAP;
	return RELVDSO_RELOC_OK;
}

/* Each rebased field must still be a 32-bit address. */
static inline bool rv_field_stays_in_range(void *ctx, u32 off, enum rv_field_kind kind)
{
	const struct rv_layout *l = *(const struct rv_layout **)ctx;
	s64 moved = (s64)rv_le_read(l->img + off, 4) + l->delta;

	(void)kind;
	return moved >= 0 && moved < RV_4GIB;
}

/*
 * Runs last: every field the other passes hold inside [load_lo, load_hi]
 * stays an address when the load range does, unless it sits at a load range
 * that ends exactly at 4 GiB; only then are those fields walked too.
 */
static enum relvdso_reloc_err rv_check_wrap(struct rv_layout *l)
{
	const struct rv_layout *ctx = l;
	s64 hi = (s64)l->load_hi + l->delta;
	bool ok;

	if ((s64)l->load_lo + l->delta < 0 || hi > RV_4GIB)
		return RELVDSO_RELOC_E_WRAP;
	if (hi < RV_4GIB)
		ok = rv_visit_header_addr_fields(l, rv_field_stays_in_range, &ctx);
	else
		ok = rv_visit_addr_fields(l, rv_field_stays_in_range, &ctx);
	return ok ? RELVDSO_RELOC_OK : RELVDSO_RELOC_E_WRAP;
}

static enum relvdso_reloc_err rv_check_entry(struct rv_layout *l)
{
	u32 entry = RV_GET(l->img, 0, struct rv_ehdr, e_entry);

	return rv_in_load_range(l, entry) ? RELVDSO_RELOC_OK :
					    RELVDSO_RELOC_E_ENTRY_ADDR;
}

static enum relvdso_reloc_err rv_check_dynsym_entries(struct rv_layout *l)
{
	return rv_check_symbols(l, &l->dynsym);
}

static enum relvdso_reloc_err rv_check_symtab_entries(struct rv_layout *l)
{
	return rv_check_symbols(l, &l->symtab);
}

/* In order: each pass may rely on what the ones before it recorded. */
static enum relvdso_reloc_err (*const rv_check_passes[])(struct rv_layout *) = {
	rv_check_headers,
	rv_check_sections,
	rv_check_dynamic,
	rv_check_dynsym_entries,
	rv_check_symtab_entries,
	rv_check_entry,
	rv_check_overlap,
	rv_check_wrap,
	rv_check_move,
};

enum relvdso_reloc_err rv_check_layout(const void *image, u32 size,
				       u32 old_base, u32 new_base,
				       struct rv_layout *l)
{
	enum relvdso_reloc_err err = RELVDSO_RELOC_OK;
	size_t i;

	/*
	 * Only the optional tables need zeros: the passes set every other
	 * field before anything reads it.
	 */
	l->img = image;
	l->size = size;
	l->old_base = old_base;
	l->delta = (s64)new_base - (s64)old_base;
	l->hash_head = (struct rv_span){ 0, 0 };
	l->symtab = (struct rv_symtab){ .present = false };
	l->dynsym = (struct rv_symtab){ .present = false };
	if (!image || !size)
		return RELVDSO_RELOC_E_NULL;
	if (size > RELVDSO_RELOC_MAX_SIZE)
		return RELVDSO_RELOC_E_TOO_BIG;
	for (i = 0; i < RV_ARRAY_SIZE(rv_check_passes) && err == RELVDSO_RELOC_OK; i++)
		err = rv_check_passes[i](l);
	return err;
}

enum relvdso_reloc_err relvdso_reloc_check(const void *image, u32 size,
					   u32 old_base, u32 new_base)
{
	struct rv_layout layout;

	return rv_check_layout(image, size, old_base, new_base, &layout);
}
