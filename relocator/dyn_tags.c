// SPDX-License-Identifier: GPL-2.0-only OR MIT
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
#include "relvdso/internal/util.h"

/*
 * The generic tags, indexed by tag: one load per entry, because every
 * dynamic entry is classified three times per relocation (scan, wrap check,
 * apply).  31 (between DT_FLAGS and DT_PREINIT_ARRAY) is unassigned.
 */
const u8 rv_dyn_generic[RV_DYN_GENERIC_TAGS] = {
	[RV_DT_NULL]		= RV_DYN_VALUE,
	[RV_DT_NEEDED]		= RV_DYN_VALUE,
	[RV_DT_PLTRELSZ]	= RV_DYN_RELOC_SIZE,
	[RV_DT_PLTGOT]		= RV_DYN_POINTER,
	[RV_DT_HASH]		= RV_DYN_POINTER,
	[RV_DT_STRTAB]		= RV_DYN_POINTER,
	[RV_DT_SYMTAB]		= RV_DYN_POINTER,
	[RV_DT_RELA]		= RV_DYN_POINTER,
	[RV_DT_RELASZ]		= RV_DYN_RELOC_SIZE,
	[RV_DT_RELAENT]		= RV_DYN_VALUE,
	[RV_DT_STRSZ]		= RV_DYN_VALUE,
	[RV_DT_SYMENT]		= RV_DYN_VALUE,
	[RV_DT_INIT]		= RV_DYN_POINTER,
	[RV_DT_FINI]		= RV_DYN_POINTER,
	[RV_DT_SONAME]		= RV_DYN_VALUE,
	[RV_DT_RPATH]		= RV_DYN_VALUE,
	[RV_DT_SYMBOLIC]	= RV_DYN_VALUE,
	[RV_DT_REL]		= RV_DYN_POINTER,
	[RV_DT_RELSZ]		= RV_DYN_RELOC_SIZE,
	[RV_DT_RELENT]		= RV_DYN_VALUE,
	[RV_DT_PLTREL]		= RV_DYN_VALUE,
	[RV_DT_DEBUG]		= RV_DYN_VALUE,
	[RV_DT_TEXTREL]		= RV_DYN_VALUE,
	[RV_DT_JMPREL]		= RV_DYN_POINTER,
	[RV_DT_BIND_NOW]	= RV_DYN_VALUE,
	[RV_DT_INIT_ARRAY]	= RV_DYN_POINTER,
	[RV_DT_FINI_ARRAY]	= RV_DYN_POINTER,
	[RV_DT_INIT_ARRAYSZ]	= RV_DYN_VALUE,
	[RV_DT_FINI_ARRAYSZ]	= RV_DYN_VALUE,
	[RV_DT_RUNPATH]		= RV_DYN_VALUE,
	[RV_DT_FLAGS]		= RV_DYN_VALUE,
	[RV_DT_PREINIT_ARRAY]	= RV_DYN_POINTER,
	[RV_DT_PREINIT_ARRAYSZ]	= RV_DYN_VALUE,
	[RV_DT_SYMTAB_SHNDX]	= RV_DYN_POINTER,
	[RV_DT_RELRSZ]		= RV_DYN_RELOC_SIZE,
	[RV_DT_RELR]		= RV_DYN_POINTER,
	[RV_DT_RELRENT]		= RV_DYN_VALUE,
};

/*
 * The OS-specific (GNU) area: DT_VERSYM .. DT_VERNEEDNUM by tag, the two
 * DT_*RNG ranges (DT_GNU_HASH is in the address one) by bounds.
 */
static const u8 rv_dyn_gnu_ver[] = {
	[RV_DT_VERSYM - RV_DT_VERSYM]		= RV_DYN_POINTER,
	[RV_DT_RELACOUNT - RV_DT_VERSYM]	= RV_DYN_VALUE,
	[RV_DT_RELCOUNT - RV_DT_VERSYM]		= RV_DYN_VALUE,
	[RV_DT_FLAGS_1 - RV_DT_VERSYM]		= RV_DYN_VALUE,
	[RV_DT_VERDEF - RV_DT_VERSYM]		= RV_DYN_POINTER,
	[RV_DT_VERDEFNUM - RV_DT_VERSYM]	= RV_DYN_VALUE,
	[RV_DT_VERNEED - RV_DT_VERSYM]		= RV_DYN_POINTER,
	[RV_DT_VERNEEDNUM - RV_DT_VERSYM]	= RV_DYN_VALUE,
};

enum rv_dyn_class rv_dyn_classify_gnu(u32 tag)
{
	if (tag >= RV_DT_VERSYM && tag - RV_DT_VERSYM < RV_ARRAY_SIZE(rv_dyn_gnu_ver))
		return (enum rv_dyn_class)rv_dyn_gnu_ver[tag - RV_DT_VERSYM];
	if (tag >= RV_DT_ADDRRNGLO && tag <= RV_DT_ADDRRNGHI)
		return RV_DYN_POINTER;
	if (tag >= RV_DT_VALRNGLO && tag <= RV_DT_VALRNGHI)
		return RV_DYN_VALUE;
	return RV_DYN_UNKNOWN;
}
