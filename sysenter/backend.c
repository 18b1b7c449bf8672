// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Paravirt backends and whether each can take the fast entries.  A new
 * backend is one row here (plus its enum value); nothing else names or
 * branches on a backend: hosts, tools and tests list and look them up here.
 */
#include "relvdso/entry.h"
#include "relvdso/internal/util.h"

struct backend_desc {
	const char *name;
	bool fast_entry;	/* sysenter/syscall from user mode reach this kernel */
};

static const struct backend_desc backends[] = {
	/* bare metal: the CPU's own entry MSRs point into this kernel */
	[RELVDSO_BACKEND_NATIVE] = { "native", true },
	/* hardware-assisted guest: the kernel owns ring 0 and its entry MSRs */
	[RELVDSO_BACKEND_KVM]    = { "kvm", true },
	/* 2007 32-bit Xen PV: kernel in ring 1, syscalls come via the trap table */
	[RELVDSO_BACKEND_XEN]    = { "xen", false },
	/* lguest: kernel in ring 1, the host owns the MSRs; only int $0x80 is direct */
	[RELVDSO_BACKEND_LGUEST] = { "lguest", false },
	/* VMware VMI: kept on int $0x80 in the seed thread */
	[RELVDSO_BACKEND_VMI]    = { "vmi", false },
};

static_assert(RV_ARRAY_SIZE(backends) == RELVDSO_BACKEND_COUNT,
	      "one row per backend");

bool relvdso_backend_fast(enum relvdso_backend backend)
{
	return (unsigned int)backend < RELVDSO_BACKEND_COUNT &&
	       backends[backend].fast_entry;
}

const char *relvdso_backend_name(enum relvdso_backend backend)
{
	return (unsigned int)backend < RELVDSO_BACKEND_COUNT ?
	       backends[backend].name : "?";
}

bool relvdso_backend_lookup(const char *name, enum relvdso_backend *out)
{
	unsigned int i;

	if (!name)
		return false;
	for (i = 0; i < RELVDSO_BACKEND_COUNT; i++) {
		if (rv_str_eq(backends[i].name, name)) {
			if (out)
				*out = (enum relvdso_backend)i;
			return true;
		}
	}
	return false;
}
