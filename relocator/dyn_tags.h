/*
 * Classification of dynamic tags by what their d_un holds.
 */
#ifndef RELOCATOR_DYN_TAGS_H
#define RELOCATOR_DYN_TAGS_H

#include <relvdso/types.h>

enum rv_dyn_class {
	RV_DYN_UNKNOWN = 0,	/* not in the table: the image is rejected */
	RV_DYN_VALUE,		/* d_val (size, count, flags, string offset): kept */
	RV_DYN_POINTER,		/* d_ptr into the image: rebased */
	RV_DYN_RELOC_SIZE,	/* size of relocations nobody would apply: must be 0 */
};

enum rv_dyn_class rv_dyn_classify(uint32_t tag);

#endif /* RELOCATOR_DYN_TAGS_H */
