/*
 * Dynamic tag classes, from the gABI tables and the GNU ranges.
 *
 * A tag that is not listed is rejected rather than guessed: the gABI's
 * even/odd encoding rule would classify any tag from DT_ENCODING up, but a
 * new tag may carry meaning we must act on (DT_RELR did), so we only rebase
 * what we know.  DT_DEBUG is a slot the dynamic linker fills at run time,
 * not an address in the image: it is a value here.
 */
#include <relvdso/elf32.h>

#include "dyn_tags.h"

/* Tags newer than <relvdso/elf32.h>; numbers from the gABI. */
#define RV_DT_RELRSZ	35
#define RV_DT_RELR	36
#define RV_DT_RELRENT	37

struct rv_dyn_range {
	uint32_t first, last;
	enum rv_dyn_class kind;
};

static const struct rv_dyn_range rv_dyn_ranges[] = {
	{ RV_DT_NULL,		RV_DT_NEEDED,		RV_DYN_VALUE },
	{ RV_DT_PLTRELSZ,	RV_DT_PLTRELSZ,		RV_DYN_RELOC_SIZE },
	{ RV_DT_PLTGOT,		RV_DT_RELA,		RV_DYN_POINTER },
	{ RV_DT_RELASZ,		RV_DT_RELASZ,		RV_DYN_RELOC_SIZE },
	{ RV_DT_RELAENT,	RV_DT_SYMENT,		RV_DYN_VALUE },
	{ RV_DT_INIT,		RV_DT_FINI,		RV_DYN_POINTER },
	{ RV_DT_SONAME,		RV_DT_SYMBOLIC,		RV_DYN_VALUE },
	{ RV_DT_REL,		RV_DT_REL,		RV_DYN_POINTER },
	{ RV_DT_RELSZ,		RV_DT_RELSZ,		RV_DYN_RELOC_SIZE },
	{ RV_DT_RELENT,		RV_DT_TEXTREL,		RV_DYN_VALUE },
	{ RV_DT_JMPREL,		RV_DT_JMPREL,		RV_DYN_POINTER },
	{ RV_DT_BIND_NOW,	RV_DT_BIND_NOW,		RV_DYN_VALUE },
	{ RV_DT_INIT_ARRAY,	RV_DT_FINI_ARRAY,	RV_DYN_POINTER },
	{ RV_DT_INIT_ARRAYSZ,	RV_DT_FLAGS,		RV_DYN_VALUE },
	{ RV_DT_PREINIT_ARRAY,	RV_DT_PREINIT_ARRAY,	RV_DYN_POINTER },
	{ RV_DT_PREINIT_ARRAYSZ, RV_DT_PREINIT_ARRAYSZ,	RV_DYN_VALUE },
	{ RV_DT_SYMTAB_SHNDX,	RV_DT_SYMTAB_SHNDX,	RV_DYN_POINTER },
	{ RV_DT_RELRSZ,		RV_DT_RELRSZ,		RV_DYN_RELOC_SIZE },
	{ RV_DT_RELR,		RV_DT_RELR,		RV_DYN_POINTER },
	{ RV_DT_RELRENT,	RV_DT_RELRENT,		RV_DYN_VALUE },
	{ RV_DT_VALRNGLO,	RV_DT_VALRNGHI,		RV_DYN_VALUE },
	{ RV_DT_ADDRRNGLO,	RV_DT_ADDRRNGHI,	RV_DYN_POINTER },
	{ RV_DT_VERSYM,		RV_DT_VERSYM,		RV_DYN_POINTER },
	{ RV_DT_RELACOUNT,	RV_DT_FLAGS_1,		RV_DYN_VALUE },
	{ RV_DT_VERDEF,		RV_DT_VERDEF,		RV_DYN_POINTER },
	{ RV_DT_VERDEFNUM,	RV_DT_VERDEFNUM,	RV_DYN_VALUE },
	{ RV_DT_VERNEED,	RV_DT_VERNEED,		RV_DYN_POINTER },
	{ RV_DT_VERNEEDNUM,	RV_DT_VERNEEDNUM,	RV_DYN_VALUE },
};

enum rv_dyn_class rv_dyn_classify(uint32_t tag)
{
	size_t i;

	for (i = 0; i < sizeof(rv_dyn_ranges) / sizeof(rv_dyn_ranges[0]); i++)
		if (tag >= rv_dyn_ranges[i].first && tag <= rv_dyn_ranges[i].last)
			return rv_dyn_ranges[i].kind;
	return RV_DYN_UNKNOWN;
}
