/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/* Helpers shared by the sysenter/ files; not part of the public interface. */
#ifndef RELVDSO_SYSENTER_INTERNAL_H
#define RELVDSO_SYSENTER_INTERNAL_H

#include "relvdso/entry.h"

#define RELVDSO_ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* tab[i], or @dflt when @i is out of range or the slot is empty. */
static inline const char *relvdso_sysenter_str(const char *const *tab, size_t n,
					       unsigned int i, const char *dflt)
{
	return i < n && tab[i] ? tab[i] : dflt;
}

/* Does @backend take sysenter/syscall entries?  False when out of range. */
bool relvdso_backend_fast(enum relvdso_backend backend);

#endif /* RELVDSO_SYSENTER_INTERNAL_H */
