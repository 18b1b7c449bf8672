// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Per-process values.  AT_SYSINFO and AT_SYSINFO_EHDR travel together:
 * glibc 2.36 calls through AT_SYSINFO_EHDR's symbols and would call address
 * 0 if only one of them were given.
 */
#include "relvdso/glue.h"
#include "relvdso/internal/ktypes.h"

void relvdso_glue_mapping(const struct relvdso_glue *glue, struct relvdso_mapping *out)
{
	static const struct relvdso_mapping none = { .size = 0 };

	if (!out)
		return;
	*out = none;
	if (!glue || glue->status != RELVDSO_BOOT_OK || !glue->image ||
	    glue->mode == RELVDSO_MODE_DISABLED)
		return;
	out->size = glue->image->alloc_size;
	out->data_size = RELVDSO_DATA_SIZE;
	out->fixed = glue->mode == RELVDSO_MODE_COMPAT;
	out->fixed_base = out->fixed ? glue->compat_base : 0;
}

void relvdso_glue_exec(const struct relvdso_glue *glue, u32 random_base,
		       struct relvdso_exec *out)
{
	static const struct relvdso_exec absent = { .present = false };
	const struct relvdso_image *image;
	struct relvdso_mapping map;
	u32 base;

	if (!out)
		return;
	*out = absent;
	relvdso_glue_mapping(glue, &map);
	if (!map.size)
		return;

	image = glue->image;
	base = map.fixed ? map.fixed_base : random_base;
	out->present = true;
	out->fixed = map.fixed;
	out->base = base;
	out->at_sysinfo_ehdr = base;
	out->at_sysinfo = base + image->sym_vsyscall;
	out->landing_pad = base + image->sym_landing_pad;
	out->sigreturn = base + image->sym_sigreturn;
	out->rt_sigreturn = base + image->sym_rt_sigreturn;
	out->pages = map.fixed ? glue->host->compat_page : image->data;
	out->map_size = map.size;
	out->data = base - map.data_size;
	out->data_size = map.data_size;
}
