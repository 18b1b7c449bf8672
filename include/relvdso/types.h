/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Fixed-width types for the freestanding core.
 *
 * In a Linux kernel build <linux/types.h> supplies them; everywhere else the
 * compiler's own freestanding headers do (C11 4p6: <stdint.h>, <stddef.h>,
 * <stdbool.h> and <stdarg.h> belong to the compiler, not to libc).
 */
#ifndef RELVDSO_TYPES_H
#define RELVDSO_TYPES_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/stddef.h>
#include <linux/limits.h>
/* the kernel spells the <stdint.h> limits U32_MAX, U64_MAX */
#ifndef UINT32_MAX
#define UINT32_MAX	U32_MAX
#endif
#ifndef UINT64_MAX
#define UINT64_MAX	U64_MAX
#endif
#else
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#endif

#ifdef __cplusplus
extern "C" {
#endif

/*
 * RELVDSO_PRINTF(fmt, args): check a printf-like function's calls against
 * its format.  In a kernel, __printf() of <linux/compiler_attributes.h>,
 * which Kbuild includes in every file.  Another host's build may define it
 * as its compiler's format attribute; without that the calls go unchecked.
 */
#ifndef RELVDSO_PRINTF
#ifdef __KERNEL__
#define RELVDSO_PRINTF(fmt, args)	__printf(fmt, args)
#else
#define RELVDSO_PRINTF(...)
#endif
#endif

#ifdef __cplusplus
}
#endif

#endif /* RELVDSO_TYPES_H */
