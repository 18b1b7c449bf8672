// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * Per-method requirements as data.  The CPU capability bits and three
 * pseudo-bits for the host and backend form one "environment" word, so every
 * requirement reads the same: refuse with @why when (env & mask) == match.
 * Rows are checked in order; the first refusal is the reason reported.
 */
#include "relvdso/entry.h"
#include "relvdso/internal/util.h"

#define ENV_CPU_BITS	(RELVDSO_CPU_SEP | RELVDSO_CPU_SEP_ERRATUM | \
			 RELVDSO_CPU_SYSENTER32 | RELVDSO_CPU_SYSCALL32)
#define ENV_VALID	(1u << 16)	/* host and backend are in range */
#define ENV_X86_64	(1u << 17)	/* host is a 64-bit kernel */
#define ENV_FAST	(1u << 18)	/* backend takes fast entries */

static_assert((ENV_CPU_BITS & (ENV_VALID | ENV_X86_64 | ENV_FAST)) == 0,
	      "pseudo-bits must not overlap the CPU bits");

struct entry_rule {
	u32 mask;
	u32 match;
	enum relvdso_entry_why why;
};

static const struct entry_rule sysenter_rules[] = {
	{ ENV_VALID, 0, RELVDSO_WHY_BAD_INPUT },
	{ RELVDSO_CPU_SEP, 0, RELVDSO_WHY_NO_SEP },
	{ RELVDSO_CPU_SEP_ERRATUM, RELVDSO_CPU_SEP_ERRATUM, RELVDSO_WHY_SEP_ERRATUM },
	/* AMD CPUs fault on sysenter from compat mode */
	{ ENV_X86_64 | RELVDSO_CPU_SYSENTER32, ENV_X86_64, RELVDSO_WHY_NO_SYSENTER32 },
	{ ENV_FAST, 0, RELVDSO_WHY_BACKEND_SLOW },
};

static const struct entry_rule syscall_rules[] = {
	{ ENV_VALID, 0, RELVDSO_WHY_BAD_INPUT },
	/* a native i386 kernel has no SYSCALL entry: user syscall is SIGILL, even on AMD */
	{ ENV_X86_64, 0, RELVDSO_WHY_I386_NO_SYSCALL },
	/* Intel CPUs take syscall in 64-bit mode only, not from 32-bit code */
	{ ENV_X86_64 | RELVDSO_CPU_SYSCALL32, ENV_X86_64, RELVDSO_WHY_NO_SYSCALL32 },
	{ ENV_FAST, 0, RELVDSO_WHY_BACKEND_SLOW },
};

struct entry_method {
	const struct entry_rule *rules;
	size_t nrules;
};

#define RULES(r)	{ r, RV_ARRAY_SIZE(r) }

static const struct entry_method methods[] = {
	[RELVDSO_ENTRY_INT80]    = { NULL, 0 },	/* every kernel, CPU and backend */
	[RELVDSO_ENTRY_SYSENTER] = RULES(sysenter_rules),
	[RELVDSO_ENTRY_SYSCALL]  = RULES(syscall_rules),
};

static_assert(RV_ARRAY_SIZE(methods) == RELVDSO_ENTRY_COUNT,
	      "one row per entry method");

static const u32 host_env[] = {
	[RELVDSO_HOST_I386]   = 0,
	[RELVDSO_HOST_X86_64] = ENV_X86_64,
};

static_assert(RV_ARRAY_SIZE(host_env) == RELVDSO_HOST_COUNT,
	      "one row per host kind");

/* Out-of-range host or backend: no ENV_VALID, so only int80 passes. */
static u32 env_of(u32 cpu_caps, enum relvdso_host_kind host, enum relvdso_backend backend)
{
	u32 env = cpu_caps & ENV_CPU_BITS;

	if ((unsigned int)host < RELVDSO_HOST_COUNT &&
	    (unsigned int)backend < RELVDSO_BACKEND_COUNT)
		env |= ENV_VALID | host_env[host] |
		       (relvdso_backend_fast(backend) ? ENV_FAST : 0);
	return env;
}

enum relvdso_entry_why relvdso_entry_usable(enum relvdso_entry entry, u32 cpu_caps,
					    enum relvdso_host_kind host,
					    enum relvdso_backend backend)
{
	u32 env = env_of(cpu_caps, host, backend);
	const struct entry_method *m;
	size_t i;

	if ((unsigned int)entry >= RELVDSO_ENTRY_COUNT)
		return RELVDSO_WHY_BAD_INPUT;
	m = &methods[entry];
	for (i = 0; i < m->nrules; i++)
		if ((env & m->rules[i].mask) == m->rules[i].match)
			return m->rules[i].why;
	return RELVDSO_WHY_OK;
}
