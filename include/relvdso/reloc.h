/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * relvdso relocator: rebase a vDSO image in place from one base address to
 * another (docs/design.md, "Relocation rules").  Freestanding: no libc, no
 * allocation, no global state.
 *
 * Two steps.  relvdso_reloc_check() validates the whole image and never
 * writes.  relvdso_reloc_apply() runs the same check first and writes only
 * when it passes, so a rejected image is left byte-identical.
 */
#ifndef RELVDSO_RELOC_H
#define RELVDSO_RELOC_H

#include "types.h"

#ifdef __cplusplus
extern "C" {
#endif

enum relvdso_reloc_err {
	RELVDSO_RELOC_OK = 0,
	RELVDSO_RELOC_E_NULL,			/* no image or no size */
	RELVDSO_RELOC_E_TRUNCATED,		/* smaller than an ELF header */
	RELVDSO_RELOC_E_MAGIC,			/* not \177ELF */
	RELVDSO_RELOC_E_CLASS,			/* not ELFCLASS32 */
	RELVDSO_RELOC_E_DATA,			/* not little-endian */
	RELVDSO_RELOC_E_VERSION,		/* EI_VERSION / e_version */
	RELVDSO_RELOC_E_TYPE,			/* not ET_DYN */
	RELVDSO_RELOC_E_MACHINE,		/* not EM_386 */
	RELVDSO_RELOC_E_EHSIZE,			/* e_ehsize != 52 */
	RELVDSO_RELOC_E_PHENTSIZE,		/* e_phentsize != 32 */
	RELVDSO_RELOC_E_XNUM,			/* extended numbering: PN_XNUM, SHN_XINDEX */
	RELVDSO_RELOC_E_PHDRS_RANGE,		/* program headers past the image */
	RELVDSO_RELOC_E_NO_LOAD,		/* no PT_LOAD segment */
	RELVDSO_RELOC_E_SEGMENT_RANGE,		/* p_offset + p_filesz past the image */
	RELVDSO_RELOC_E_SEGMENT_SIZE,		/* p_filesz > p_memsz */
	RELVDSO_RELOC_E_SEGMENT_WRAP,		/* p_vaddr + p_memsz wraps 32 bits */
	RELVDSO_RELOC_E_SHENTSIZE,		/* e_shentsize != 40 */
	RELVDSO_RELOC_E_SHDRS_RANGE,		/* section headers past the image */
	RELVDSO_RELOC_E_SHSTRNDX,		/* e_shstrndx not a string table */
	RELVDSO_RELOC_E_SECTION_RANGE,		/* section contents past the image */
	RELVDSO_RELOC_E_SECTION_NAME,		/* sh_name outside .shstrtab */
	RELVDSO_RELOC_E_SECTION_LINK,		/* symbol table's sh_link not a string table */
	RELVDSO_RELOC_E_SYMTAB_DUP,		/* more than one SHT_SYMTAB or SHT_DYNSYM */
	RELVDSO_RELOC_E_NO_DYNAMIC,		/* no PT_DYNAMIC */
	RELVDSO_RELOC_E_DYNAMIC_DUP,		/* more than one PT_DYNAMIC */
	RELVDSO_RELOC_E_DYNAMIC_RANGE,		/* dynamic section past the image */
	RELVDSO_RELOC_E_DYNAMIC_UNTERMINATED,	/* no DT_NULL inside the segment */
	RELVDSO_RELOC_E_DYN_TAG,		/* a tag we cannot classify */
	RELVDSO_RELOC_E_DYN_ADDR,		/* pointer tag outside the load range */
	RELVDSO_RELOC_E_DYN_RELOCS,		/* dynamic relocations we would not apply */
	RELVDSO_RELOC_E_STRTAB_RANGE,		/* string table past the image */
	RELVDSO_RELOC_E_SYMENT,			/* symbol entry size != 16 */
	RELVDSO_RELOC_E_SYMTAB_RANGE,		/* symbol table past the image */
	RELVDSO_RELOC_E_DYNSYM_MISMATCH,	/* DT_SYMTAB is not the .dynsym section */
	RELVDSO_RELOC_E_HASH,			/* DT_HASH past the image or nchain wrong */
	RELVDSO_RELOC_E_SYM_NAME,		/* st_name outside its string table */
	RELVDSO_RELOC_E_SYM_SHNDX,		/* st_shndx names no section */
	RELVDSO_RELOC_E_SYM_TLS,		/* defined TLS symbol: value is no address */
	RELVDSO_RELOC_E_SYM_ADDR,		/* defined symbol outside the load range */
	RELVDSO_RELOC_E_ENTRY_ADDR,		/* e_entry outside the load range */
	RELVDSO_RELOC_E_OVERLAP,		/* two rebased tables share bytes */
	RELVDSO_RELOC_E_WRAP,			/* rebased range leaves 0..4 GiB */
	RELVDSO_RELOC_E_SECTION_ENTSIZE,	/* sh_size not a multiple of its entry size */
	RELVDSO_RELOC_E_SECTION_COMPRESSED,	/* SHF_COMPRESSED section */
	RELVDSO_RELOC_E_OLD_BASE,		/* old_base is not the first PT_LOAD's p_vaddr */
	RELVDSO_RELOC_E_ALIGN,			/* new_base breaks a PT_LOAD's p_align */
	RELVDSO_RELOC_E_TOO_BIG,		/* size > RELVDSO_RELOC_MAX_SIZE */
	RELVDSO_RELOC_E_DATA_ROOM,		/* 0 < new_base < RELVDSO_DATA_SIZE: no data room */
	RELVDSO_RELOC_E_COUNT
};

/*
 * Largest image the relocator accepts (1 MiB): a vDSO is a few pages.  The
 * host tools refuse a bigger input before reading it.
 */
#define RELVDSO_RELOC_MAX_SIZE	(1u << 20)

/* How many fields of each kind were rebased. */
struct relvdso_reloc_stats {
	uint32_t ehdr;		/* e_entry */
	uint32_t phdr;		/* program headers rebased (p_vaddr + p_paddr) */
	uint32_t shdr;		/* SHF_ALLOC section headers rebased */
	uint32_t dyn;		/* pointer-valued dynamic entries */
	uint32_t sym;		/* defined symbols in .dynsym and .symtab */
};

/* Human-readable reason for an error code; never NULL. */
const char *relvdso_reloc_strerror(enum relvdso_reloc_err err);

/*
 * Validate @image (@size bytes) for a rebase from @old_base, which must be
 * where the image is linked (its first PT_LOAD's p_vaddr), to @new_base,
 * which must keep new_base == old_base modulo every PT_LOAD's p_align and
 * leave RELVDSO_DATA_SIZE bytes below it for the data pages (vdso_data.h);
 * 0, where images are linked, is exempt.
 */
enum relvdso_reloc_err relvdso_reloc_check(const void *image, uint32_t size,
					   uint32_t old_base, uint32_t new_base);

/*
 * Check, then rebase by (new_base - old_base).  @stats may be NULL; on
 * error it is zeroed and the image is untouched.
 */
enum relvdso_reloc_err relvdso_reloc_apply(void *image, uint32_t size,
					   uint32_t old_base, uint32_t new_base,
					   struct relvdso_reloc_stats *stats);

#ifdef __cplusplus
}
#endif

#endif /* RELVDSO_RELOC_H */
