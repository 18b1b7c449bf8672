/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * The relocator's view of an image: where the tables that hold addresses
 * live, filled in by the check passes.  Every offset/length recorded here
 * has been bounds-checked against the image before it is stored, so the
 * field walker and the apply pass can read and write without re-checking.
 */
#ifndef RELOCATOR_LAYOUT_H
#define RELOCATOR_LAYOUT_H

#include <relvdso/elf32.h>
#include <relvdso/reloc.h>
#include <relvdso/internal/ktypes.h>

/* Bytes [off, off + len) of the image. */
struct rv_span {
	u32 off;
	u32 len;
};

/* A symbol table and the string table its st_name values index. */
struct rv_symtab {
	bool present;
	u32 off;		/* first entry */
	u32 count;		/* entries; 0 when there is no such table */
	u32 addr;		/* sh_addr (section-described tables only) */
	bool alloc;		/* SHF_ALLOC: sh_addr is rebased with the image */
	struct rv_span strtab;
};

struct rv_layout {
	const u8 *img;
	u32 size;
	u32 old_base;
	s64 delta;			/* new_base - old_base */
	u32 base;			/* first PT_LOAD p_vaddr: where the image is linked */
	u64 load_lo;		/* lowest PT_LOAD p_vaddr */
	u64 load_hi;		/* highest PT_LOAD p_vaddr + p_memsz (<= 2^32) */
	u32 phoff, phnum;
	u32 shoff, shnum;		/* shnum 0: no section headers */
	u32 dyn_off;		/* PT_DYNAMIC contents */
	u32 dyn_count;		/* entries before DT_NULL */
	struct rv_span hash_head;	/* DT_HASH nbucket + nchain; len 0 if none */
	struct rv_symtab symtab;	/* SHT_SYMTAB */
	struct rv_symtab dynsym;	/* SHT_DYNSYM, or DT_SYMTAB without sections */
};

static inline bool rv_span_in_image(const struct rv_layout *l, u64 off,
				    u64 len)
{
	return off <= l->size && len <= l->size - off;
}

/* The load range is closed at its end: an _end-style symbol may sit there. */
static inline bool rv_in_load_range(const struct rv_layout *l, u32 vaddr)
{
	return vaddr >= l->load_lo && vaddr <= l->load_hi;
}

/* A symbol the rules rebase: one defined in a real section. */
static inline bool rv_sym_is_rebased(u32 shndx)
{
	return shndx != RV_SHN_UNDEF && shndx < RV_SHN_LORESERVE;
}

static inline u32 rv_phdr_at(const struct rv_layout *l, u32 i)
{
	return l->phoff + i * RV_PHDR_SIZE;
}

static inline u32 rv_shdr_at(const struct rv_layout *l, u32 i)
{
	return l->shoff + i * RV_SHDR_SIZE;
}

/*
 * File offset of [vaddr, vaddr + len) if it lies in one PT_LOAD's file bytes.
 * Valid once rv_check_headers() has passed.
 */
bool rv_vaddr_to_off(const struct rv_layout *l, u32 vaddr, u64 len,
		     u32 *off);

/* The check passes, in the order relvdso_reloc_check() runs them. */
enum relvdso_reloc_err rv_check_headers(struct rv_layout *l);
enum relvdso_reloc_err rv_check_sections(struct rv_layout *l);
enum relvdso_reloc_err rv_check_dynamic(struct rv_layout *l);
enum relvdso_reloc_err rv_check_symbols(const struct rv_layout *l,
					const struct rv_symtab *t);
enum relvdso_reloc_err rv_check_move(struct rv_layout *l);

/* All of the above plus entry, overlap and wrap checks; fills @l. */
enum relvdso_reloc_err rv_check_layout(const void *image, u32 size,
				       u32 old_base, u32 new_base,
				       struct rv_layout *l);

#endif /* RELOCATOR_LAYOUT_H */
