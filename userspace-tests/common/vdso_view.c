// SPDX-License-Identifier: GPL-2.0-only
/* See vdso_view.h.  Written from the ELF gABI; no libc's loader code. */
#include <string.h>

#include "vdso_view.h"

#define PAGE 4096u

static const void *at(const struct vdso_view *v, uint32_t vaddr)
{
	return (const void *)(uintptr_t)(vaddr + v->bias);
}

static const char *version_name(const struct vdso_view *v, unsigned ndx)
{
	const Elf32_Verdef *d = v->verdef;

	while (d) {
		if (d->vd_ndx == ndx) {
			const Elf32_Verdaux *a = (const void *)((const char *)d + d->vd_aux);

			return v->strtab + a->vda_name;
		}
		if (!d->vd_next)
			break;
		d = (const void *)((const char *)d + d->vd_next);
	}
	return NULL;
}

const char *vdso_view_open(struct vdso_view *v, uint32_t ehdr)
{
	const Elf32_Ehdr *eh = (const void *)(uintptr_t)ehdr;
	const Elf32_Phdr *ph, *dynph = NULL;
	const Elf32_Dyn *d;
	uint32_t soname = 0;
	int i;

	memset(v, 0, sizeof(*v));
	v->ehdr = ehdr;
	if (!ehdr || (ehdr & (PAGE - 1)))
		return "AT_SYSINFO_EHDR is 0 or not page aligned";
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG) || eh->e_ident[EI_CLASS] != ELFCLASS32 ||
	    eh->e_type != ET_DYN || eh->e_machine != EM_386)
		return "not an ELF32 i386 ET_DYN image";
	if (eh->e_phoff + eh->e_phnum * sizeof(Elf32_Phdr) > PAGE)
		return "program headers outside the first page";
	ph = (const void *)(uintptr_t)(ehdr + eh->e_phoff);
	for (i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type == PT_LOAD && !v->load)
			v->load = &ph[i];
		else if (ph[i].p_type == PT_DYNAMIC)
			dynph = &ph[i];
		else if (ph[i].p_type == PT_GNU_EH_FRAME)
			v->has_eh_frame_hdr = 1;
	}
	if (!v->load || !dynph)
		return "no PT_LOAD or no PT_DYNAMIC";
	v->bias = ehdr - v->load->p_vaddr;
	for (d = at(v, dynph->p_vaddr); d->d_tag != DT_NULL; d++) {
		switch (d->d_tag) {
		case DT_HASH:	v->hash = at(v, d->d_un.d_ptr); break;
		case DT_SYMTAB:	v->symtab = at(v, d->d_un.d_ptr); break;
		case DT_STRTAB:	v->strtab = at(v, d->d_un.d_ptr); break;
		case DT_VERSYM:	v->versym = at(v, d->d_un.d_ptr); break;
		case DT_VERDEF:	v->verdef = at(v, d->d_un.d_ptr); break;
		case DT_SONAME:	soname = d->d_un.d_val; break;
		}
	}
	if (!v->hash || !v->symtab || !v->strtab)
		return "DT_HASH, DT_SYMTAB or DT_STRTAB missing";
	v->soname = soname ? v->strtab + soname : NULL;
	return NULL;
}

static uint32_t sysv_hash(const char *s)
{
	uint32_t h = 0, g;

	for (; *s; s++) {
		h = (h << 4) + (unsigned char)*s;
		g = h & 0xf0000000u;
		h ^= g >> 24;
		h &= ~g;
	}
	return h;
}

uint32_t vdso_view_lookup(const struct vdso_view *v, const char *name, const char *version)
{
	uint32_t nbucket = v->hash[0];
	const Elf32_Word *bucket = v->hash + 2, *chain = bucket + nbucket;
	uint32_t i;

	if (!nbucket)
		return 0;
	for (i = bucket[sysv_hash(name) % nbucket]; i; i = chain[i]) {
		const Elf32_Sym *s = &v->symtab[i];

		if (s->st_shndx == SHN_UNDEF || strcmp(v->strtab + s->st_name, name) != 0)
			continue;
		if (version) {
			const char *have;

			if (!v->versym || !v->verdef)
				continue;
			have = version_name(v, v->versym[i] & 0x7fff);
			if (!have || strcmp(have, version) != 0)
				continue;
		}
		return s->st_value + v->bias;
	}
	return 0;
}
