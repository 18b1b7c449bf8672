/*
 * The address fields the relocation rules rebase, walked in one place so
 * that the wrap check and the apply pass can never disagree on the set.
 */
#ifndef RELOCATOR_FIELDS_H
#define RELOCATOR_FIELDS_H

#include "layout.h"

enum rv_field_kind {
	RV_FIELD_ENTRY,		/* e_entry */
	RV_FIELD_PH_VADDR,	/* p_vaddr of every program header */
	RV_FIELD_PH_PADDR,	/* p_paddr of every program header */
	RV_FIELD_SH_ADDR,	/* sh_addr of every SHF_ALLOC section */
	RV_FIELD_DYN_PTR,	/* d_ptr of every pointer-valued dynamic entry */
	RV_FIELD_SYM_VALUE,	/* st_value of every symbol defined in a section */
	RV_FIELD_KINDS
};

/*
 * Called with the image offset of each 32-bit address field; returning
 * false stops the walk.
 */
typedef bool (*rv_field_visitor)(void *ctx, uint32_t off, enum rv_field_kind kind);

/* Visit every address field of a checked layout; false if a visit stopped it. */
bool rv_for_each_addr_field(const struct rv_layout *l, rv_field_visitor visit,
			    void *ctx);

#endif /* RELOCATOR_FIELDS_H */
