// SPDX-License-Identifier: GPL-2.0-only OR MIT
/* Strings for modes, option outcomes and fixmap errors; total over every value. */
#include "relvdso/policy.h"
#include "compat_internal.h"

static const char *const mode_names[] = {
	[RELVDSO_MODE_DISABLED] = "disabled",
	[RELVDSO_MODE_NORMAL]   = "normal",
	[RELVDSO_MODE_COMPAT]   = "compat",
};

static const char *const opt_status_strs[] = {
	[RELVDSO_OPT_OK]      = "ok",
	[RELVDSO_OPT_EMPTY]   = "empty value",
	[RELVDSO_OPT_UNKNOWN] = "unknown value",
};

static const char *const fixmap_err_strs[] = {
	[RELVDSO_FIXMAP_OK]        = "ok",
	[RELVDSO_FIXMAP_E_RULE]    = "unknown fixmap rule",
	[RELVDSO_FIXMAP_E_TOO_BIG] = "reservation leaves no room for the vDSO page above the floor",
	[RELVDSO_FIXMAP_E_INVAL]   = "no fixmap configuration or result given",
};

static_assert(RV_ARRAY_SIZE(mode_names) == RELVDSO_MODE_COUNT, "mode names");
static_assert(RV_ARRAY_SIZE(opt_status_strs) == RELVDSO_OPT_COUNT, "status strings");
static_assert(RV_ARRAY_SIZE(fixmap_err_strs) == RELVDSO_FIXMAP_E_COUNT, "fixmap errors");

const char *relvdso_mode_name(enum relvdso_mode mode)
{
	return RV_STR_OF(mode_names, mode, "?");
}

const char *relvdso_opt_status_str(enum relvdso_opt_status st)
{
	return RV_STR_OF(opt_status_strs, st, "unknown status");
}

const char *relvdso_fixmap_strerror(enum relvdso_fixmap_err err)
{
	return RV_STR_OF(fixmap_err_strs, err, "unknown fixmap error");
}
