// SPDX-License-Identifier: GPL-2.0-only OR MIT
/* Which built-in image serves which entry method. */
#include "relvdso/glue.h"
#include "relvdso/internal/ktypes.h"

static const struct relvdso_image *const builtin_images[RELVDSO_ENTRY_COUNT] = {
	[RELVDSO_ENTRY_INT80]    = &relvdso_image_int80,
	[RELVDSO_ENTRY_SYSENTER] = &relvdso_image_sysenter,
	[RELVDSO_ENTRY_SYSCALL]  = &relvdso_image_syscall,
};

const struct relvdso_image *relvdso_glue_image(const struct relvdso_host *host,
					       enum relvdso_entry entry)
{
	if ((u32)entry >= RELVDSO_ENTRY_COUNT)
		return NULL;
	if (host && host->images[entry])
		return host->images[entry];
	return builtin_images[entry];
}
