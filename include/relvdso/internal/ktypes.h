/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * The kernel's fixed-width type names (u8..u64, s8..s64) for the core's own
 * files: relocator/, sysenter/, compat/, kernel-glue/ and the image
 * sources.  A kernel has them from <linux/types.h>; other hosts get them
 * here, from <stdint.h>'s.  The public headers keep <stdint.h>'s names, so
 * that they add none to a user's namespace; the two spellings name the same
 * types.
 */
#ifndef RELVDSO_INTERNAL_KTYPES_H
#define RELVDSO_INTERNAL_KTYPES_H

#include "relvdso/types.h"

#ifndef __KERNEL__
typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;
#endif

#endif /* RELVDSO_INTERNAL_KTYPES_H */
