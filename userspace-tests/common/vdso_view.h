/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A reader for the vDSO image a process was given, working from
 * AT_SYSINFO_EHDR alone: finds the load bias (0 for a prelinked compat
 * image, the base for an image linked at 0), the dynamic tables, and looks
 * symbols up through DT_HASH with their version (as musl and old glibc do).
 */
#ifndef UT_VDSO_VIEW_H
#define UT_VDSO_VIEW_H

#include <elf.h>
#include <stdint.h>

struct vdso_view {
	uint32_t ehdr;			/* AT_SYSINFO_EHDR */
	uint32_t bias;			/* ehdr - first PT_LOAD p_vaddr */
	const Elf32_Phdr *load;
	const Elf32_Sym *symtab;
	const char *strtab;
	const Elf32_Word *hash;		/* nbucket, nchain, buckets, chains */
	const Elf32_Half *versym;	/* may be NULL */
	const Elf32_Verdef *verdef;	/* may be NULL */
	const char *soname;
	int has_eh_frame_hdr;
};

/* NULL on success, else what is wrong with the image. */
const char *vdso_view_open(struct vdso_view *v, uint32_t ehdr);

/* Absolute address of NAME defined with VERSION (NULL: any), or 0. */
uint32_t vdso_view_lookup(const struct vdso_view *v, const char *name, const char *version);

#endif
