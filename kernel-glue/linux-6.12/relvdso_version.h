/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the relvdso adapter (relvdso_linux.c) needs to know about Linux
 * 6.12 that another release lays out differently.
 */
#ifndef _RELVDSO_VERSION_H
#define _RELVDSO_VERSION_H

#include <linux/build_bug.h>
#include <linux/stddef.h>
#include <vdso/datapage.h>

/*
 * struct vdso_data (include/vdso/datapage.h), whose fields the adapter
 * copies into relvdso's page by name.  The pins make a new layout fail
 * the build, so that someone checks what the fields mean before the
 * image reads them.  Since 6.1, max_cycles (GENERIC_VDSO_OVERFLOW_PROTECT,
 * which x86 selects) follows cycle_last: the kernel's own vDSO takes a
 * 128-bit multiplication past it.  relvdso's image multiplies in 64 bits
 * as 6.1's did, so the adapter does not copy it.
 */
static_assert(offsetof(struct vdso_data, seq) == 0);
static_assert(offsetof(struct vdso_data, clock_mode) == 4);
static_assert(offsetof(struct vdso_data, cycle_last) == 8);
static_assert(offsetof(struct vdso_data, max_cycles) == 16);
static_assert(offsetof(struct vdso_data, mask) == 24);
static_assert(offsetof(struct vdso_data, mult) == 32);
static_assert(offsetof(struct vdso_data, shift) == 36);
static_assert(offsetof(struct vdso_data, basetime) == 40);
static_assert(offsetof(struct vdso_data, tz_minuteswest) == 232);
static_assert(offsetof(struct vdso_data, tz_dsttime) == 236);
static_assert(offsetof(struct vdso_data, hrtimer_res) == 240);
static_assert(sizeof(struct vdso_data) == 248);

#endif /* _RELVDSO_VERSION_H */
