// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Where __FIXADDR_TOP and the compat vDSO page land once a hypervisor has
 * reserved the top @reserve bytes.  Both rules are "round the new end of the
 * address space down, then leave one page": 2.6 rounds to a page, 6.1 to a
 * PMD.  The compat vDSO slot sits one page under the top, after FIX_HOLE.
 * The sums are done in 64 bits so a result below zero is seen, not wrapped.
 */
#include "relvdso/policy.h"
#include "compat_internal.h"

#define PAGE		((int64_t)RELVDSO_PAGE_SIZE)
#define ADDR_SPACE	((int64_t)1 << 32)

/* Alignment of the new end of the address space: [rule][pae]. */
static const int64_t end_align[][2] = {
	/* 2.6: top = -reserve - PAGE; reserve taken up to a whole page */
	[RELVDSO_FIXMAP_2_6] = { PAGE, PAGE },
	/* 6.1: top = round_down(-reserve, PMD) - PAGE; PMD 4 MiB, 2 MiB with PAE */
	[RELVDSO_FIXMAP_6_1] = { (int64_t)4 << 20, (int64_t)2 << 20 },
};

_Static_assert(RELVDSO_ARRAY_SIZE(end_align) == RELVDSO_FIXMAP_RULE_COUNT,
	       "one row per fixmap rule");

enum relvdso_fixmap_err relvdso_fixmap_compute(const struct relvdso_fixmap_cfg *cfg,
					       uint32_t reserve, struct relvdso_fixmap *out)
{
	int64_t align, top, vdso;

	if (out) {
		out->top = 0;
		out->vdso = 0;
	}
	if (!cfg || !out)
		return RELVDSO_FIXMAP_E_INVAL;
	if ((unsigned int)cfg->rule >= RELVDSO_FIXMAP_RULE_COUNT)
		return RELVDSO_FIXMAP_E_RULE;

	align = end_align[cfg->rule][cfg->pae ? 1 : 0];
	top = ((ADDR_SPACE - reserve) & ~(align - 1)) - PAGE;
	vdso = top - PAGE;
	/* floor >= 0, so this also refuses a top or vDSO page that wrapped */
	if (vdso < (int64_t)cfg->floor)
		return RELVDSO_FIXMAP_E_TOO_BIG;

	out->top = (uint32_t)top;
	out->vdso = (uint32_t)vdso;
	return RELVDSO_FIXMAP_OK;
}
