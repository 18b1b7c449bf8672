// SPDX-License-Identifier: GPL-2.0-only
/*
 * The loader's view of a vDSO image, through libelf.  See vdso_dynview.h.
 */
#include "vdso_dynview.h"

#include <string.h>

/* Upper bound on DT_VERDEF entries walked; a vDSO has three. */
#define VERDEF_WALK_MAX	256

static void find_segments(struct vdso_dynview *view)
{
	for (size_t i = 0; i < view->phnum; i++) {
		GElf_Phdr ph;

		if (!gelf_getphdr(view->elf, (int)i, &ph))
			continue;
		if (ph.p_type == PT_LOAD && view->nload++ == 0)
			view->load = ph;
		if (ph.p_type == PT_DYNAMIC && !view->has_dynamic) {
			view->dynamic = ph;
			view->has_dynamic = true;
		}
	}
}

static void read_dynamic(struct vdso_dynview *view)
{
	GElf_Dyn dyn;

	if (!view->has_dynamic)
		return;
	view->dyn = vdso_dynview_chunk(view, view->dynamic.p_vaddr,
				       view->dynamic.p_filesz, ELF_T_DYN);
	if (!view->dyn)
		return;
	while (gelf_getdyn(view->dyn, (int)view->ndyn, &dyn) && dyn.d_tag != DT_NULL)
		view->ndyn++;
}

/* DT_HASH's nchain is the number of symbols: the only count a loader has. */
static void count_symbols(struct vdso_dynview *view)
{
	uint64_t hash;
	Elf_Data *head;

	if (!vdso_dynview_tag(view, DT_HASH, &hash))
		return;
	head = vdso_dynview_chunk(view, hash, 8, ELF_T_WORD);
	if (head)
		view->nsyms = ((const uint32_t *)head->d_buf)[1];
}

/* Verdef entries are walked by offset; libelf wants them as one chunk. */
static void map_verdef(struct vdso_dynview *view)
{
	uint64_t verdef;

	if (vdso_dynview_tag(view, DT_VERDEF, &verdef) && view->nload &&
	    verdef >= view->load.p_vaddr)
		view->verdef = vdso_dynview_chunk(view, verdef, view->load.p_vaddr +
						  view->load.p_filesz - verdef, ELF_T_VDEF);
}

bool vdso_dynview_open(struct vdso_dynview *view, const void *image, size_t size)
{
	memset(view, 0, sizeof(*view));
	if (elf_version(EV_CURRENT) == EV_NONE)
		return false;
	/* libelf only reads through this pointer; its API is not const-clean */
	view->elf = elf_memory((char *)image, size);
	if (!view->elf)
		return false;
	if (elf_kind(view->elf) != ELF_K_ELF || !gelf_getehdr(view->elf, &view->ehdr) ||
	    elf_getphdrnum(view->elf, &view->phnum) != 0) {
		elf_end(view->elf);
		view->elf = NULL;
		return false;
	}
	view->size = size;
	find_segments(view);
	read_dynamic(view);
	count_symbols(view);
	map_verdef(view);
	return true;
}

void vdso_dynview_close(struct vdso_dynview *view)
{
	elf_end(view->elf);
	view->elf = NULL;
}

bool vdso_dynview_tag(const struct vdso_dynview *view, int64_t tag, uint64_t *value)
{
	GElf_Dyn dyn;

	for (size_t i = 0; i < view->ndyn; i++) {
		if (gelf_getdyn(view->dyn, (int)i, &dyn) && dyn.d_tag == tag) {
			*value = dyn.d_un.d_val;
			return true;
		}
	}
	return false;
}

bool vdso_dynview_offset(const struct vdso_dynview *view, uint64_t addr, uint64_t len,
			 uint64_t *offset)
{
	const GElf_Phdr *ld = &view->load;

	if (!view->nload || addr < ld->p_vaddr || addr - ld->p_vaddr > ld->p_filesz ||
	    len > ld->p_filesz - (addr - ld->p_vaddr))
		return false;
	*offset = ld->p_offset + (addr - ld->p_vaddr);
	return *offset <= view->size && len <= view->size - *offset;
}

Elf_Data *vdso_dynview_chunk(const struct vdso_dynview *view, uint64_t addr, uint64_t len,
			     Elf_Type type)
{
	uint64_t off;

	if (!vdso_dynview_offset(view, addr, len, &off) || len == 0)
		return NULL;
	return elf_getdata_rawchunk(view->elf, (int64_t)off, len, type);
}

const char *vdso_dynview_str(const struct vdso_dynview *view, uint64_t off)
{
	uint64_t strtab, strsz;
	Elf_Data *str;

	if (!vdso_dynview_tag(view, DT_STRTAB, &strtab) ||
	    !vdso_dynview_tag(view, DT_STRSZ, &strsz) || off >= strsz)
		return NULL;
	str = vdso_dynview_chunk(view, strtab, strsz, ELF_T_BYTE);
	if (!str || !memchr((const char *)str->d_buf + off, '\0', strsz - off))
		return NULL;
	return (const char *)str->d_buf + off;
}

bool vdso_dynview_sym(const struct vdso_dynview *view, size_t idx, GElf_Sym *sym)
{
	uint64_t symtab, syment;
	Elf_Data *syms;

	if (idx >= view->nsyms || !vdso_dynview_tag(view, DT_SYMTAB, &symtab) ||
	    !vdso_dynview_tag(view, DT_SYMENT, &syment) ||
	    syment != gelf_fsize(view->elf, ELF_T_SYM, 1, EV_CURRENT))
		return false;
	syms = vdso_dynview_chunk(view, symtab + idx * syment, syment, ELF_T_SYM);
	return syms && gelf_getsym(syms, 0, sym);
}

const char *vdso_dynview_sym_name(const struct vdso_dynview *view, const GElf_Sym *sym)
{
	return vdso_dynview_str(view, sym->st_name);
}

bool vdso_dynview_versym(const struct vdso_dynview *view, size_t idx, GElf_Versym *ver)
{
	uint64_t versym;
	Elf_Data *vs;

	if (idx >= view->nsyms || !vdso_dynview_tag(view, DT_VERSYM, &versym))
		return false;
	vs = vdso_dynview_chunk(view, versym + idx * sizeof(GElf_Versym),
				sizeof(GElf_Versym), ELF_T_HALF);
	return vs && gelf_getversym(vs, 0, ver);
}

bool vdso_dynview_verdef(const struct vdso_dynview *view, unsigned int ndx,
			 GElf_Verdef *def, const char **name)
{
	GElf_Verdaux aux;
	size_t off = 0;

	for (int n = 0; view->verdef && n < VERDEF_WALK_MAX; n++) {
		if (!gelf_getverdef(view->verdef, (int)off, def))
			return false;
		if (def->vd_ndx == ndx) {
			if (!gelf_getverdaux(view->verdef, (int)(off + def->vd_aux), &aux))
				return false;
			*name = vdso_dynview_str(view, aux.vda_name);
			return *name;
		}
		if (def->vd_next == 0)
			return false;
		off += def->vd_next;
	}
	return false;
}

const char *vdso_dynview_sym_version(const struct vdso_dynview *view, size_t idx)
{
	GElf_Versym ver;
	GElf_Verdef def;
	const char *name;

	if (!vdso_dynview_versym(view, idx, &ver) ||
	    !vdso_dynview_verdef(view, ver & ~VDSO_VERSYM_HIDDEN, &def, &name))
		return NULL;
	return name;
}
