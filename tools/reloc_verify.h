/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Independent check of a rebase: reads the image before and after with
 * libelf and confirms that the image sits at the new base, that every
 * address field the relocation rules name moved by exactly the delta
 * (mod 2^32) and that no other byte changed.
 * It shares no code with relocator/, so a bug there cannot hide itself.
 */
#ifndef TOOLS_RELOC_VERIFY_H
#define TOOLS_RELOC_VERIFY_H

#include <stddef.h>
#include <stdint.h>

/* Address-bearing records found, counted like struct relvdso_reloc_stats. */
struct reloc_verify_counts {
	unsigned int ehdr;	/* e_entry */
	unsigned int phdr;	/* program headers (p_vaddr and p_paddr each) */
	unsigned int shdr;	/* SHF_ALLOC sections */
	unsigned int dyn;	/* pointer-valued dynamic entries */
	unsigned int sym;	/* defined symbols in .dynsym and .symtab */
};

struct reloc_verify_report {
	struct reloc_verify_counts counts;
	unsigned int fields;	/* 32-bit fields verified (a phdr has two) */
	char msg[256];		/* the first mismatch, when verification fails */
};

/*
 * Verify that @after is @before, linked at @old_base (its first PT_LOAD's
 * p_vaddr), rebased to @new_base: that PT_LOAD now at @new_base and every
 * address field moved by new_base - old_base.  Returns the number of fields
 * verified, or -1 with @rep->msg naming the first mismatch.
 */
int reloc_verify(const void *before, size_t before_size,
		 const void *after, size_t after_size,
		 uint32_t old_base, uint32_t new_base, struct reloc_verify_report *rep);

#endif /* TOOLS_RELOC_VERIFY_H */
