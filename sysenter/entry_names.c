// SPDX-License-Identifier: GPL-2.0-only OR MIT
/* Names and reasons for logs and tools; total over every input value. */
#include "relvdso/entry.h"
#include "relvdso/internal/util.h"

static const char *const entry_names[] = {
	[RELVDSO_ENTRY_INT80]    = "int80",
	[RELVDSO_ENTRY_SYSENTER] = "sysenter",
	[RELVDSO_ENTRY_SYSCALL]  = "syscall",
};

static const char *const req_names[] = {
	[RELVDSO_ENTRY_REQ_AUTO]     = "auto",
	[RELVDSO_ENTRY_REQ_INT80]    = "int80",
	[RELVDSO_ENTRY_REQ_SYSENTER] = "sysenter",
	[RELVDSO_ENTRY_REQ_SYSCALL]  = "syscall",
};

static const char *const host_names[] = {
	[RELVDSO_HOST_I386]   = "i386",
	[RELVDSO_HOST_X86_64] = "x86_64",
};

static const char *const why_strs[] = {
	[RELVDSO_WHY_OK]              = "usable",
	[RELVDSO_WHY_NO_SEP]          = "CPU lacks SEP (sysenter/sysexit)",
	[RELVDSO_WHY_SEP_ERRATUM]     = "CPU has the Pentium Pro SEP erratum",
	[RELVDSO_WHY_I386_NO_SYSCALL] = "an i386 kernel has no SYSCALL entry",
	[RELVDSO_WHY_NO_SYSENTER32] =
		"CPU faults on sysenter from 32-bit code under a 64-bit kernel",
	[RELVDSO_WHY_NO_SYSCALL32]    = "CPU cannot syscall from 32-bit code",
	[RELVDSO_WHY_BACKEND_SLOW]    = "paravirt backend cannot take fast entries",
	[RELVDSO_WHY_BAD_INPUT]       = "host, backend, entry or request out of range",
};

static_assert(RV_ARRAY_SIZE(entry_names) == RELVDSO_ENTRY_COUNT, "entry names");
static_assert(RV_ARRAY_SIZE(req_names) == RELVDSO_ENTRY_REQ_COUNT, "request names");
static_assert(RV_ARRAY_SIZE(host_names) == RELVDSO_HOST_COUNT, "host names");
static_assert(RV_ARRAY_SIZE(why_strs) == RELVDSO_WHY_COUNT, "reasons");

const char *relvdso_entry_name(enum relvdso_entry entry)
{
	return RV_STR_OF(entry_names, entry, "?");
}

const char *relvdso_entry_req_name(enum relvdso_entry_req req)
{
	return RV_STR_OF(req_names, req, "?");
}

const char *relvdso_host_name(enum relvdso_host_kind host)
{
	return RV_STR_OF(host_names, host, "?");
}

bool relvdso_host_lookup(const char *name, enum relvdso_host_kind *out)
{
	unsigned int i;

	for (i = 0; name && i < RELVDSO_HOST_COUNT; i++) {
		if (rv_str_eq(host_names[i], name)) {
			if (out)
				*out = (enum relvdso_host_kind)i;
			return true;
		}
	}
	return false;
}

const char *relvdso_entry_why_str(enum relvdso_entry_why why)
{
	return RV_STR_OF(why_strs, why, "unknown reason");
}
