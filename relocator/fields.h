/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * The address fields the relocation rules rebase, walked in one place so
 * that the wrap check and the apply pass can never disagree on the set.
 *
 * The walk is static inline, a template as vdso2c.h is: each of its two
 * users (check.c, apply.c) gets its own copy with a constant visitor that
 * the compiler inlines, so no field costs an indirect call.
 *
 * Fields are visited in file order of their tables.  Every program header
 * is rebased, whatever its type: PT_GNU_STACK carries p_vaddr 0 in an image
 * linked at 0, and moving it with the rest keeps it equal to the base, as a
 * linker would have written it for that base.  Symbols are chosen by
 * st_shndx alone: STT_SECTION symbols hold their section's address and are
 * rebased like any other symbol in a section; STT_FILE symbols are SHN_ABS
 * and so left alone.
 */
#ifndef RELOCATOR_FIELDS_H
#define RELOCATOR_FIELDS_H

#include "dyn_tags.h"
#include "layout.h"
#include "rv_le.h"

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
typedef bool (*rv_field_visitor)(void *ctx, u32 off, enum rv_field_kind kind);

static inline u32 rv_dyn_at(const struct rv_layout *l, u32 i)
{
	return l->dyn_off + i * RV_DYN_SIZE;
}

static inline u32 rv_sym_at(const struct rv_symtab *t, u32 i)
{
	return t->off + i * RV_SYM_SIZE;
}

static inline bool rv_visit_phdrs(const struct rv_layout *l,
				  rv_field_visitor visit, void *ctx)
{
	u32 i;

	for (i = 0; i < l->phnum; i++) {
		u32 ph = rv_phdr_at(l, i);

		if (!visit(ctx, ph + offsetof(struct rv_phdr, p_vaddr), RV_FIELD_PH_VADDR) ||
		    !visit(ctx, ph + offsetof(struct rv_phdr, p_paddr), RV_FIELD_PH_PADDR))
			return false;
	}
	return true;
}

static inline bool rv_visit_shdrs(const struct rv_layout *l,
				  rv_field_visitor visit, void *ctx)
{
	u32 i;

	for (i = 0; i < l->shnum; i++) {
		u32 sh = rv_shdr_at(l, i);

		if ((RV_GET(l->img, sh, struct rv_shdr, sh_flags) & RV_SHF_ALLOC) &&
		    !visit(ctx, sh + offsetof(struct rv_shdr, sh_addr), RV_FIELD_SH_ADDR))
			return false;
	}
	return true;
}

static inline bool rv_visit_dynamic(const struct rv_layout *l,
				    rv_field_visitor visit, void *ctx)
{
	u32 i;

	for (i = 0; i < l->dyn_count; i++) {
		u32 dyn = rv_dyn_at(l, i);

		if (rv_dyn_classify(RV_GET(l->img, dyn, struct rv_dyn, d_tag)) == RV_DYN_POINTER &&
		    !visit(ctx, dyn + offsetof(struct rv_dyn, d_val), RV_FIELD_DYN_PTR))
			return false;
	}
	return true;
}

static inline bool rv_visit_symbols(const struct rv_layout *l,
				    const struct rv_symtab *t,
				    rv_field_visitor visit, void *ctx)
{
	u32 i;

	for (i = 0; i < t->count; i++) {
		u32 sym = rv_sym_at(t, i);

		if (rv_sym_is_rebased(RV_GET(l->img, sym, struct rv_sym, st_shndx)) &&
		    !visit(ctx, sym + offsetof(struct rv_sym, st_value), RV_FIELD_SYM_VALUE))
			return false;
	}
	return true;
}

/*
 * The fields the check passes do not hold inside the load range: p_vaddr
 * and p_paddr of every program header and sh_addr of SHF_ALLOC sections.
 * (e_entry, dynamic pointers and symbol values are each checked against it.)
 */
static inline bool rv_visit_header_addr_fields(const struct rv_layout *l,
					       rv_field_visitor visit, void *ctx)
{
	return rv_visit_phdrs(l, visit, ctx) && rv_visit_shdrs(l, visit, ctx);
}

/* Visit every address field of a checked layout; false if a visit stopped it. */
static inline bool rv_visit_addr_fields(const struct rv_layout *l,
					rv_field_visitor visit, void *ctx)
{
	return visit(ctx, offsetof(struct rv_ehdr, e_entry), RV_FIELD_ENTRY) &&
	       rv_visit_header_addr_fields(l, visit, ctx) &&
	       rv_visit_dynamic(l, visit, ctx) &&
	       rv_visit_symbols(l, &l->dynsym, visit, ctx) &&
	       rv_visit_symbols(l, &l->symtab, visit, ctx);
}

#endif /* RELOCATOR_FIELDS_H */
