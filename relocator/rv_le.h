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

#include <relvdso/types.h>

static inline uint32_t rv_le_read(const uint8_t *p, size_t width)
{
	uint32_t v = 0;

	while (width--)
		v = (v << 8) | p[width];
	return v;
}

static inline void rv_le_write(uint8_t *p, size_t width, uint32_t v)
{
	size_t i;

	for (i = 0; i < width; i++, v >>= 8)
		p[i] = (uint8_t)v;
}

#define RV_FIELD_WIDTH(type, field)	sizeof(((const type *)0)->field)

/* Field @field of the @type record starting at byte @rec of @img. */
#define RV_GET(img, rec, type, field) \
	rv_le_read((img) + (rec) + offsetof(type, field), RV_FIELD_WIDTH(type, field))

#endif /* RELOCATOR_RV_LE_H */
