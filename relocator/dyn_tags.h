/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Classification of dynamic tags by what their d_un holds.
 */
#ifndef RELOCATOR_DYN_TAGS_H
#define RELOCATOR_DYN_TAGS_H

#include <relvdso/elf32.h>
#include <relvdso/internal/ktypes.h>

enum rv_dyn_class {
	RV_DYN_UNKNOWN = 0,	/* not in the table: the image is rejected */
	RV_DYN_VALUE,		/* d_val (size, count, flags, string offset): kept */
	RV_DYN_POINTER,		/* d_ptr into the image: rebased */
	RV_DYN_RELOC_SIZE,	/* size of relocations nobody would apply: must be 0 */
};

/* DT_NULL .. DT_RELRENT, classified by rv_dyn_generic[tag] */
#define RV_DYN_GENERIC_TAGS	(RV_DT_RELRENT + 1)

extern const u8 rv_dyn_generic[RV_DYN_GENERIC_TAGS];
enum rv_dyn_class rv_dyn_classify_gnu(u32 tag);

/* Inline: every entry is classified on each of three walks. */
static inline enum rv_dyn_class rv_dyn_classify(u32 tag)
{
	if (tag < RV_DYN_GENERIC_TAGS)
		return (enum rv_dyn_class)rv_dyn_generic[tag];
	return rv_dyn_classify_gnu(tag);
}

#endif /* RELOCATOR_DYN_TAGS_H */
