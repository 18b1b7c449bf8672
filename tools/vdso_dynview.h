/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A vDSO image as a dynamic loader sees it: through its program headers and
 * dynamic section, not its section headers.  Addresses in the image (which
 * may be linked or relocated anywhere) are turned into file offsets through
 * the first PT_LOAD, as a loader applying a load bias would.
 *
 * Reading only; every accessor is bounds-checked against the segment and the
 * file and fails softly, so callers decide what a gap means.  Host side,
 * libelf.
 */
#ifndef RELVDSO_VDSO_DYNVIEW_H
#define RELVDSO_VDSO_DYNVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <gelf.h>

/* DT_VERSYM: set on a non-default ("@", not "@@") version; not in <elf.h> */
#define VDSO_VERSYM_HIDDEN	0x8000u

struct vdso_dynview {
	Elf *elf;
	size_t size;			/* file size */
	GElf_Ehdr ehdr;
	size_t phnum;
	unsigned int nload;		/* PT_LOAD count */
	GElf_Phdr load;			/* the first PT_LOAD, if nload */
	bool has_dynamic;
	GElf_Phdr dynamic;		/* PT_DYNAMIC, if has_dynamic */
	Elf_Data *dyn;			/* dynamic entries, or NULL */
	size_t ndyn;			/* entries before DT_NULL */
	size_t nsyms;			/* .dynsym entries: DT_HASH's nchain, or 0 */
	Elf_Data *verdef;		/* DT_VERDEF to the end of the PT_LOAD, or NULL */
};

/* False if libelf cannot read @image as an ELF file; then nothing to close. */
bool vdso_dynview_open(struct vdso_dynview *view, const void *image, size_t size);
void vdso_dynview_close(struct vdso_dynview *view);

/* The first entry with @tag; false if there is none. */
bool vdso_dynview_tag(const struct vdso_dynview *view, int64_t tag, uint64_t *value);

/* @len bytes at address @addr inside the PT_LOAD, as @type; NULL if not all inside. */
Elf_Data *vdso_dynview_chunk(const struct vdso_dynview *view, uint64_t addr, uint64_t len,
			     Elf_Type type);

/* File offset of address @addr if @len bytes there lie inside the PT_LOAD. */
bool vdso_dynview_offset(const struct vdso_dynview *view, uint64_t addr, uint64_t len,
			 uint64_t *offset);

/* NUL-terminated string at offset @off of DT_STRTAB, or NULL. */
const char *vdso_dynview_str(const struct vdso_dynview *view, uint64_t off);

/* Symbol @idx of DT_SYMTAB (idx < nsyms); false if unreadable. */
bool vdso_dynview_sym(const struct vdso_dynview *view, size_t idx, GElf_Sym *sym);
const char *vdso_dynview_sym_name(const struct vdso_dynview *view, const GElf_Sym *sym);

/* DT_VERSYM entry of symbol @idx; false if there is no readable table. */
bool vdso_dynview_versym(const struct vdso_dynview *view, size_t idx, GElf_Versym *ver);

/*
 * Walk DT_VERDEF: the definition whose vd_ndx is @ndx, and its name.
 * False if absent or unreadable.
 */
bool vdso_dynview_verdef(const struct vdso_dynview *view, unsigned int ndx,
			 GElf_Verdef *def, const char **name);

/* Version name of symbol @idx ("LINUX_2.5"), or NULL. */
const char *vdso_dynview_sym_version(const struct vdso_dynview *view, size_t idx);

#endif /* RELVDSO_VDSO_DYNVIEW_H */
