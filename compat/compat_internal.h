/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/* Helpers shared by the compat/ files; not part of the public interface. */
#ifndef RELVDSO_COMPAT_INTERNAL_H
#define RELVDSO_COMPAT_INTERNAL_H

#include "relvdso/policy.h"
#include "relvdso/internal/util.h"

/* A slice of a string; the command line is parsed in place, not copied. */
struct relvdso_span {
	const char *p;		/* NULL for "no string at all" */
	size_t len;
};

static inline struct relvdso_span relvdso_span_of(const char *s)
{
	struct relvdso_span span = { s, 0 };

	while (s && s[span.len])
		span.len++;
	return span;
}

/* A default outside the enum is taken as normal mode. */
static inline enum relvdso_mode relvdso_mode_sane(enum relvdso_mode mode)
{
	return (unsigned int)mode < RELVDSO_MODE_COUNT ? mode : RELVDSO_MODE_NORMAL;
}

/* The parsers on a slice (the command line's values are not NUL-terminated). */
enum relvdso_opt_status rv_opt_parse_mode_span(struct relvdso_span value,
					       enum relvdso_mode dflt,
					       enum relvdso_mode *out);
enum relvdso_opt_status rv_opt_parse_entry_span(struct relvdso_span value,
						enum relvdso_entry_req *out);

#endif /* RELVDSO_COMPAT_INTERNAL_H */
