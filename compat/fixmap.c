// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Where __FIXADDR_TOP and the compat vDSO page land once a hypervisor has
 * reserved the top @reserve bytes.  Every rule is "round the new end of the
 * address space down, then leave one page"; rules differ only in the
 * rounding (Linux 2.6: a page, Linux 6.1: a PMD).  The compat vDSO slot sits
 * one page under the top, after FIX_HOLE, and its data pages right under it.
 * The sums are done in 64 bits so a result below zero is seen, not wrapped.
 */
#include "relvdso/policy.h"
#include "relvdso/vdso_data.h"
#include "compat_internal.h"

#define PAGE		((s64)RELVDSO_PAGE_SIZE)
#define ADDR_SPACE	((s64)1 << 32)

static const struct fixmap_rule {
	const char *name;
	s64 end_align[2];		/* rounding of the new end: [pae] */
} rules[] = {
	[RELVDSO_FIXMAP_PAGE_ROUNDED] = { "page-rounded", { PAGE, PAGE } },
	/* PMD 4 MiB, 2 MiB with PAE */
	[RELVDSO_FIXMAP_PMD_ROUNDED]  = { "pmd-rounded", { (s64)4 << 20, (s64)2 << 20 } },
};

static_assert(RV_ARRAY_SIZE(rules) == RELVDSO_FIXMAP_RULE_COUNT, "one row per fixmap rule");

const char *relvdso_fixmap_rule_name(enum relvdso_fixmap_rule rule)
{
	return (unsigned int)rule < RELVDSO_FIXMAP_RULE_COUNT ? rules[rule].name : "?";
}

bool relvdso_fixmap_rule_lookup(const char *name, enum relvdso_fixmap_rule *out)
{
	unsigned int i;

	for (i = 0; name && i < RELVDSO_FIXMAP_RULE_COUNT; i++) {
		if (rv_str_eq(rules[i].name, name)) {
			if (out)
				*out = (enum relvdso_fixmap_rule)i;
			return true;
		}
	}
	return false;
}

enum relvdso_fixmap_err relvdso_fixmap_compute(const struct relvdso_fixmap_cfg *cfg,
					       u32 reserve, struct relvdso_fixmap *out)
{
	s64 align, top, vdso, data;

	if (out) {
		out->top = 0;
		out->vdso = 0;
		out->data = 0;
	}
	if (!cfg || !out)
		return RELVDSO_FIXMAP_E_INVAL;
	if ((unsigned int)cfg->rule >= RELVDSO_FIXMAP_RULE_COUNT)
		return RELVDSO_FIXMAP_E_RULE;

	align = rules[cfg->rule].end_align[cfg->pae ? 1 : 0];
	top = ((ADDR_SPACE - reserve) & ~(align - 1)) - PAGE;
	vdso = top - PAGE;
	data = vdso - (s64)RELVDSO_DATA_SIZE;
	/* floor >= 0, so this also refuses a page that wrapped */
	if (data < (s64)cfg->floor)
		return RELVDSO_FIXMAP_E_TOO_BIG;

	out->top = (u32)top;
	out->vdso = (u32)vdso;
	out->data = (u32)data;
	return RELVDSO_FIXMAP_OK;
}
