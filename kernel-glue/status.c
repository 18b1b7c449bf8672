// SPDX-License-Identifier: GPL-2.0-only OR MIT
/* Strings for the glue's boot outcome. */
#include "relvdso/glue.h"
#include "relvdso/internal/ktypes.h"

static const char *const boot_status_str[RELVDSO_BOOT_STATUS_COUNT] = {
	[RELVDSO_BOOT_OK]                 = "ok",
	[RELVDSO_BOOT_NOT_BOOTED]         = "boot sequence not run",
	[RELVDSO_BOOT_DISABLED_BY_OPTION] = "disabled by vdso=0",
	[RELVDSO_BOOT_NO_IMAGE]           = "no image for the chosen entry method",
	[RELVDSO_BOOT_FIXMAP]             = "reservation leaves no room for the compat vDSO page",
	[RELVDSO_BOOT_NO_COMPAT_PAGE]     = "host gave no page large enough for the compat image",
	[RELVDSO_BOOT_RELOC]              = "relocation failed",
	[RELVDSO_BOOT_BAD_IMAGE]          = "the image failed the relocator's check",
};

const char *relvdso_boot_status_str(enum relvdso_boot_status st)
{
	if ((u32)st >= RELVDSO_BOOT_STATUS_COUNT)
		return "unknown boot status";
	return boot_status_str[st];
}
