/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The rules a vDSO image must pass before it is embedded (docs/design.md,
 * "Consumer facts the image must satisfy").  Each rule has a name used in
 * messages ("pt-dynamic-readonly") and the first rule an image breaks is
 * reported with a detail line.  Host side, libelf; used by vdso-gen and the
 * tests.
 */
#ifndef RELVDSO_VDSO_VALIDATE_H
#define RELVDSO_VDSO_VALIDATE_H

#include <stddef.h>
#include <stdint.h>

#include "relvdso/vdso_facts.h"
#include "vdso_syms.h"

enum vdso_rule {
	VDSO_RULE_OK = 0,
	VDSO_RULE_ELF,			/* libelf reads it as an ELF file */
	VDSO_RULE_ELF_CLASS,		/* ELFCLASS32, little-endian */
	VDSO_RULE_ELF_MACHINE,		/* EM_386 */
	VDSO_RULE_ELF_TYPE,		/* ET_DYN */
	VDSO_RULE_ONE_LOAD,		/* exactly one PT_LOAD */
	VDSO_RULE_LOAD_AT_ZERO,		/* ... at offset 0, linked at address 0 */
	VDSO_RULE_LOAD_SIZE,		/* ... memsz == filesz, inside the file */
	VDSO_RULE_PT_DYNAMIC,		/* one PT_DYNAMIC, inside the PT_LOAD */
	VDSO_RULE_PT_DYNAMIC_RO,	/* ... without PF_W */
	VDSO_RULE_PT_GNU_EH_FRAME,	/* PT_GNU_EH_FRAME present */
	VDSO_RULE_NO_RELOCATIONS,	/* no relocation sections or tags */
	VDSO_RULE_DYNAMIC_TAGS,		/* DT_HASH, DT_SYMTAB, ... present */
	VDSO_RULE_LOAD_COVERS,		/* headers and dynamic tables inside the PT_LOAD */
	VDSO_RULE_SONAME,		/* DT_SONAME is linux-gate.so.1 */
	VDSO_RULE_SYMBOL_DEFINED,	/* required symbols defined, inside the PT_LOAD */
	VDSO_RULE_SYMBOL_RANGE,		/* every defined symbol in the image or its data page */
	VDSO_RULE_SYMBOL_TYPE,		/* ... with the right type */
	VDSO_RULE_SYMBOL_VERSION,	/* ... with the right version */
	VDSO_RULE_HASH_LOOKUP,		/* ... found through DT_HASH and DT_GNU_HASH */
	VDSO_RULE_ENTRY,		/* e_entry == the vsyscall symbol */
	VDSO_RULE_SIGRETURN_BYTES,	/* trampolines exact, each after a nop */
	VDSO_RULE_PAGE_BUDGET,		/* file fits the page budget */
	VDSO_RULE_COUNT
};

/* The trampolines' exact bytes (each after a nop), from the facts table. */
struct vdso_trampoline {
	enum relvdso_sym sym;
	uint8_t len;
	const char *len_field;		/* the struct relvdso_image member of len */
	uint8_t bytes[8];
};

extern const struct vdso_trampoline vdso_trampolines[];
extern const size_t vdso_ntrampolines;

/* What an accepted image tells the generator. */
struct vdso_layout {
	uint32_t size;			/* file size */
	uint32_t entry;			/* e_entry */
	uint32_t sym[RELVDSO_SYM_COUNT];	/* symbol offsets from the base (linked at 0) */
};

#define VDSO_DETAIL_MAX	192

struct vdso_verdict {
	enum vdso_rule rule;
	char detail[VDSO_DETAIL_MAX];	/* what broke it, e.g. "PT_DYNAMIC is writable" */
};

const char *vdso_rule_name(enum vdso_rule rule);	/* "pt-dynamic-readonly"; never NULL */

/*
 * Check @image (@size bytes) against every rule, in enum order, stopping at
 * the first broken one; @max_pages is the page budget
 * (RELVDSO_VDSO_MAX_PAGES for the real images).  Fills @layout when the
 * image passes (@layout may be NULL).  Returns verdict->rule.
 */
enum vdso_rule vdso_validate(const void *image, size_t size, unsigned int max_pages,
			     struct vdso_layout *layout, struct vdso_verdict *verdict);

#endif /* RELVDSO_VDSO_VALIDATE_H */
