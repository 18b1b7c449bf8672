// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * relvdso_reloc_apply(): check the whole image, then add the delta to every
 * address field.  Nothing is written unless every check passed.  Addition is
 * mod 2^32, so applying the opposite delta gives back the original bytes.
 */
#include "fields.h"
#include "layout.h"
#include "rv_le.h"

struct rv_apply {
	u8 *img;
	u32 delta;
	u32 counts[RV_FIELD_KINDS];
};

static inline bool rv_rebase_field(void *ctx, u32 off, enum rv_field_kind kind)
{
	struct rv_apply *a = ctx;

	rv_le_write32(a->img + off, rv_le_read(a->img + off, 4) + a->delta);
	a->counts[kind]++;
	return true;
}

enum relvdso_reloc_err relvdso_reloc_apply(void *image, u32 size,
					   u32 old_base, u32 new_base,
					   struct relvdso_reloc_stats *stats)
{
	struct rv_apply apply = { .img = image, .delta = new_base - old_base };
	struct rv_layout layout;
	enum relvdso_reloc_err err;

	err = rv_check_layout(image, size, old_base, new_base, &layout);
	if (err == RELVDSO_RELOC_OK)
		rv_visit_addr_fields(&layout, rv_rebase_field, &apply);
	if (stats)
		/* a program header counts once for its two fields */
		*stats = (struct relvdso_reloc_stats){
			.ehdr = apply.counts[RV_FIELD_ENTRY],
			.phdr = apply.counts[RV_FIELD_PH_VADDR],
			.shdr = apply.counts[RV_FIELD_SH_ADDR],
			.dyn = apply.counts[RV_FIELD_DYN_PTR],
			.sym = apply.counts[RV_FIELD_SYM_VALUE],
		};
	return err;
}
