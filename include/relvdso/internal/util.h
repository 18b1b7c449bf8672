/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Helpers shared by the core's files (relocator/, sysenter/, compat/,
 * kernel-glue/); not part of the public interface and not installed.
 */
#ifndef RELVDSO_INTERNAL_UTIL_H
#define RELVDSO_INTERNAL_UTIL_H

#include "relvdso/types.h"
#include "relvdso/internal/ktypes.h"

/* static_assert(expr, msg): <linux/build_bug.h>'s in a kernel, else C11's. */
#ifdef __KERNEL__
#include <linux/build_bug.h>
#elif !defined(static_assert)
#define static_assert	_Static_assert
#endif

#define RV_ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/*
 * Are the first @len characters of @s, or all of them if its NUL comes
 * first, exactly the NUL-terminated @word?  @s may be NULL when @len is 0.
 */
static inline bool rv_span_is(const char *s, size_t len, const char *word)
{
	size_t i;

	for (i = 0; i < len && s[i]; i++)
		if (s[i] != word[i])	/* also stops at word's NUL */
			return false;
	return word[i] == '\0';
}

/* Exact, case-sensitive equality of two NUL-terminated strings. */
static inline bool rv_str_eq(const char *a, const char *b)
{
	return rv_span_is(a, SIZE_MAX, b);
}

/* tab[i] of a string table, or @dflt when @i is out of range or the slot is empty. */
static inline const char *rv_str_at(const char *const *tab, size_t n, unsigned int i,
				    const char *dflt)
{
	return i < n && tab[i] ? tab[i] : dflt;
}

#define RV_STR_OF(tab, i, dflt)	rv_str_at(tab, RV_ARRAY_SIZE(tab), (unsigned int)(i), dflt)

#endif /* RELVDSO_INTERNAL_UTIL_H */
