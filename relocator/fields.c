/*
 * The address fields of a checked image, in file order of their tables.
 *
 * Every program header is rebased, whatever its type: PT_GNU_STACK carries
 * p_vaddr 0 in an image linked at 0, and moving it with the rest keeps it
 * equal to the base, as a linker would have written it for that base.
 * Symbols are chosen by st_shndx alone: STT_SECTION symbols hold their
 * section's address and are rebased like any other symbol in a section;
 * STT_FILE symbols are SHN_ABS and so left alone.
 */
#include "dyn_tags.h"
#include "fields.h"
#include "rv_le.h"

#define EHDR_FIELD_OFF(field)	offsetof(struct rv_ehdr, field)
#define PHDR_FIELD_OFF(l, i, field) \
	(rv_phdr_at(l, i) + offsetof(struct rv_phdr, field))
#define SHDR_FIELD_OFF(l, i, field) \
	(rv_shdr_at(l, i) + offsetof(struct rv_shdr, field))
#define DYN_FIELD_OFF(l, i, field) \
	((l)->dyn_off + (i) * RV_DYN_SIZE + offsetof(struct rv_dyn, field))
#define SYM_FIELD_OFF(t, i, field) \
	((t)->off + (i) * RV_SYM_SIZE + offsetof(struct rv_sym, field))

#define SHDR(l, i, field)	RV_GET((l)->img, rv_shdr_at(l, i), struct rv_shdr, field)
#define DYN(l, i, field) \
	RV_GET((l)->img, (l)->dyn_off + (i) * RV_DYN_SIZE, struct rv_dyn, field)
#define SYM(l, t, i, field) \
	RV_GET((l)->img, (t)->off + (i) * RV_SYM_SIZE, struct rv_sym, field)

static bool rv_visit_phdrs(const struct rv_layout *l, rv_field_visitor visit,
			   void *ctx)
{
	uint32_t i;

	for (i = 0; i < l->phnum; i++)
		if (!visit(ctx, PHDR_FIELD_OFF(l, i, p_vaddr), RV_FIELD_PH_VADDR) ||
		    !visit(ctx, PHDR_FIELD_OFF(l, i, p_paddr), RV_FIELD_PH_PADDR))
			return false;
	return true;
}

static bool rv_visit_shdrs(const struct rv_layout *l, rv_field_visitor visit,
			   void *ctx)
{
	uint32_t i;

	for (i = 0; i < l->shnum; i++)
		if ((SHDR(l, i, sh_flags) & RV_SHF_ALLOC) &&
		    !visit(ctx, SHDR_FIELD_OFF(l, i, sh_addr), RV_FIELD_SH_ADDR))
			return false;
	return true;
}

static bool rv_visit_dynamic(const struct rv_layout *l, rv_field_visitor visit,
			     void *ctx)
{
	uint32_t i;

	for (i = 0; i < l->dyn_count; i++)
		if (rv_dyn_classify(DYN(l, i, d_tag)) == RV_DYN_POINTER &&
		    !visit(ctx, DYN_FIELD_OFF(l, i, d_val), RV_FIELD_DYN_PTR))
			return false;
	return true;
}

static bool rv_visit_symbols(const struct rv_layout *l,
			     const struct rv_symtab *t,
			     rv_field_visitor visit, void *ctx)
{
	uint32_t i;

	for (i = 0; i < t->count; i++)
		if (rv_sym_is_rebased(SYM(l, t, i, st_shndx)) &&
		    !visit(ctx, SYM_FIELD_OFF(t, i, st_value), RV_FIELD_SYM_VALUE))
			return false;
	return true;
}

bool rv_for_each_addr_field(const struct rv_layout *l, rv_field_visitor visit,
			    void *ctx)
{
	return visit(ctx, EHDR_FIELD_OFF(e_entry), RV_FIELD_ENTRY) &&
	       rv_visit_phdrs(l, visit, ctx) &&
	       rv_visit_shdrs(l, visit, ctx) &&
	       rv_visit_dynamic(l, visit, ctx) &&
	       rv_visit_symbols(l, &l->dynsym, visit, ctx) &&
	       rv_visit_symbols(l, &l->symtab, visit, ctx);
}
