/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Byte-wise little-endian access to fields inside an image.
 *
 * The image may be misaligned or hostile, so the relocator never casts it to
 * a struct pointer: it reads and writes each field one byte at a time at the
 * field's offsetof() position in the rv_* layouts of <relvdso/elf32.h>.
 * Callers have bounds-checked the record before touching any of its fields.
 */
#ifndef RELOCATOR_RV_LE_H
#define RELOCATOR_RV_LE_H

#include <relvdso/internal/ktypes.h>

/*
 * The shift-or of whole bytes, which the compiler merges into a single
 * (unaligned) load on a little-endian CPU.
 */
static inline u32 rv_le_read(const u8 *p, size_t width)
{
	switch (width) {
	case 1:
		return p[0];
	case 2:
		return (u32)p[0] | (u32)p[1] << 8;
	default:
		return (u32)p[0] | (u32)p[1] << 8 |
		       (u32)p[2] << 16 | (u32)p[3] << 24;
	}
}

static inline void rv_le_write32(u8 *p, u32 v)
{
	p[0] = (u8)v;
	p[1] = (u8)(v >> 8);
	p[2] = (u8)(v >> 16);
	p[3] = (u8)(v >> 24);
}

#define RV_FIELD_WIDTH(type, field)	sizeof(((const type *)0)->field)

/* Field @field of the @type record starting at byte @rec of @img. */
#define RV_GET(img, rec, type, field) \
	rv_le_read((img) + (rec) + offsetof(type, field), RV_FIELD_WIDTH(type, field))

#endif /* RELOCATOR_RV_LE_H */
