// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * The choice itself: the override if it can run, else the best method in
 * preference order.  syscall first, as Linux's compat vDSO prefers it where
 * it works (it is the cheapest on AMD); int80 last because it always works.
 */
#include "relvdso/entry.h"
#include "relvdso/internal/util.h"

static const enum relvdso_entry preference[] = {
	RELVDSO_ENTRY_SYSCALL,
	RELVDSO_ENTRY_SYSENTER,
	RELVDSO_ENTRY_INT80,	/* last: always usable */
};

static const enum relvdso_entry req_target[] = {
	[RELVDSO_ENTRY_REQ_AUTO]     = RELVDSO_ENTRY_COUNT,	/* none: preference decides */
	[RELVDSO_ENTRY_REQ_INT80]    = RELVDSO_ENTRY_INT80,
	[RELVDSO_ENTRY_REQ_SYSENTER] = RELVDSO_ENTRY_SYSENTER,
	[RELVDSO_ENTRY_REQ_SYSCALL]  = RELVDSO_ENTRY_SYSCALL,
};

static_assert(RV_ARRAY_SIZE(req_target) == RELVDSO_ENTRY_REQ_COUNT,
	      "one row per request");

static enum relvdso_entry best_usable(u32 cpu_caps, enum relvdso_host_kind host,
				      enum relvdso_backend backend)
{
	size_t i;

	for (i = 0; i + 1 < RV_ARRAY_SIZE(preference); i++)
		if (relvdso_entry_usable(preference[i], cpu_caps, host,
					 backend) == RELVDSO_WHY_OK)
			return preference[i];
	return preference[i];
}

struct relvdso_entry_choice relvdso_entry_choose(u32 cpu_caps,
						 enum relvdso_host_kind host,
						 enum relvdso_backend backend,
						 enum relvdso_entry_req req)
{
	struct relvdso_entry_choice c = {
		.entry = RELVDSO_ENTRY_INT80,
		.overridden = false,
		.fell_back = false,
		.why = RELVDSO_WHY_OK,
	};
	bool req_known = (unsigned int)req < RELVDSO_ENTRY_REQ_COUNT;
	enum relvdso_entry target = req_known ? req_target[req] : RELVDSO_ENTRY_COUNT;

	/* An unknown request is answered as restrictively as an unknown host. */
	if (!req_known)
		host = RELVDSO_HOST_COUNT;
	c.entry = best_usable(cpu_caps, host, backend);
	if (req == RELVDSO_ENTRY_REQ_AUTO)
		return c;

	c.overridden = true;
	c.why = relvdso_entry_usable(target, cpu_caps, host, backend);
	c.fell_back = c.why != RELVDSO_WHY_OK;
	if (!c.fell_back)
		c.entry = target;
	return c;
}
