// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * One option value against its word table.  Exact, case-sensitive matches
 * only, as the kernel's strcmp-based __setup handlers do: "ON", " 1", "02"
 * and "3" are all unknown.
 */
#include "relvdso/policy.h"
#include "compat_internal.h"

struct opt_word {
	const char *word;
	unsigned int value;
};

static const struct opt_word mode_words[] = {
	{ "0",        RELVDSO_MODE_DISABLED },
	{ "off",      RELVDSO_MODE_DISABLED },
	{ "disabled", RELVDSO_MODE_DISABLED },
	{ "1",        RELVDSO_MODE_NORMAL },
	{ "on",       RELVDSO_MODE_NORMAL },
	{ "enabled",  RELVDSO_MODE_NORMAL },
	{ "2",        RELVDSO_MODE_COMPAT },
	{ "compat",   RELVDSO_MODE_COMPAT },
};

static const struct opt_word entry_words[] = {
	{ "auto",     RELVDSO_ENTRY_REQ_AUTO },
	{ "int80",    RELVDSO_ENTRY_REQ_INT80 },
	{ "sysenter", RELVDSO_ENTRY_REQ_SYSENTER },
	{ "syscall",  RELVDSO_ENTRY_REQ_SYSCALL },
};

/* *value is left alone unless the word is found. */
static enum relvdso_opt_status lookup(struct relvdso_span v, const struct opt_word *tab,
				      size_t n, unsigned int *value)
{
	size_t i;

	if (!v.p)
		return RELVDSO_OPT_UNKNOWN;
	if (v.len == 0)
		return RELVDSO_OPT_EMPTY;
	for (i = 0; i < n; i++) {
		if (rv_span_is(v.p, v.len, tab[i].word)) {
			*value = tab[i].value;
			return RELVDSO_OPT_OK;
		}
	}
	return RELVDSO_OPT_UNKNOWN;
}

enum relvdso_opt_status rv_opt_parse_mode_span(struct relvdso_span value,
					       enum relvdso_mode dflt,
					       enum relvdso_mode *out)
{
	unsigned int mode = relvdso_mode_sane(dflt);
	enum relvdso_opt_status st = lookup(value, mode_words,
					    RV_ARRAY_SIZE(mode_words), &mode);

	if (out)
		*out = (enum relvdso_mode)mode;
	return st;
}

enum relvdso_opt_status rv_opt_parse_entry_span(struct relvdso_span value,
						enum relvdso_entry_req *out)
{
	unsigned int req = RELVDSO_ENTRY_REQ_AUTO;
	enum relvdso_opt_status st = lookup(value, entry_words,
					    RV_ARRAY_SIZE(entry_words), &req);

	if (out)
		*out = (enum relvdso_entry_req)req;
	return st;
}

enum relvdso_opt_status relvdso_opt_parse_mode(const char *value, enum relvdso_mode dflt,
					       enum relvdso_mode *out)
{
	return rv_opt_parse_mode_span(relvdso_span_of(value), dflt, out);
}

enum relvdso_opt_status relvdso_opt_parse_entry(const char *value,
						enum relvdso_entry_req *out)
{
	return rv_opt_parse_entry_span(relvdso_span_of(value), out);
}
