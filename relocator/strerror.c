// SPDX-License-Identifier: GPL-2.0-only OR MIT
/*
 * One line of text per relocator error, phrased to follow "rejected: ".
 */
#include <relvdso/reloc.h>

static const char *const rv_reloc_errstr[RELVDSO_RELOC_E_COUNT] = {
	[RELVDSO_RELOC_OK]			= "success",
	[RELVDSO_RELOC_E_NULL]			= "no image or zero size",
	[RELVDSO_RELOC_E_TRUNCATED]		= "image smaller than an ELF header",
	[RELVDSO_RELOC_E_MAGIC]			= "not an ELF file (bad magic)",
	[RELVDSO_RELOC_E_CLASS]			= "not a 32-bit ELF file",
	[RELVDSO_RELOC_E_DATA]			= "not a little-endian ELF file",
	[RELVDSO_RELOC_E_VERSION]		= "unknown ELF version",
	[RELVDSO_RELOC_E_TYPE]			= "not a shared object (ET_DYN)",
	[RELVDSO_RELOC_E_MACHINE]		= "not an i386 (EM_386) image",
	[RELVDSO_RELOC_E_EHSIZE]		= "ELF header size is not 52",
	[RELVDSO_RELOC_E_PHENTSIZE]		= "program header entry size is not 32",
	[RELVDSO_RELOC_E_XNUM] =
		"extended header numbering (PN_XNUM/SHN_XINDEX) is not supported",
	[RELVDSO_RELOC_E_PHDRS_RANGE]		= "program headers extend past the image",
	[RELVDSO_RELOC_E_NO_LOAD]		= "no PT_LOAD segment",
	[RELVDSO_RELOC_E_SEGMENT_RANGE]		= "PT_LOAD file contents extend past the image",
	[RELVDSO_RELOC_E_SEGMENT_SIZE]		= "PT_LOAD p_filesz exceeds p_memsz",
	[RELVDSO_RELOC_E_SEGMENT_WRAP]		= "PT_LOAD p_vaddr + p_memsz wraps past 4 GiB",
	[RELVDSO_RELOC_E_SHENTSIZE]		= "section header entry size is not 40",
	[RELVDSO_RELOC_E_SHDRS_RANGE]		= "section headers extend past the image",
	[RELVDSO_RELOC_E_SHSTRNDX]		= "e_shstrndx does not name a string table",
	[RELVDSO_RELOC_E_SECTION_RANGE]		= "section contents extend past the image",
	[RELVDSO_RELOC_E_SECTION_NAME]		= "section name outside the section name table",
	[RELVDSO_RELOC_E_SECTION_LINK]		= "symbol table's sh_link is not a string table",
	[RELVDSO_RELOC_E_SYMTAB_DUP]		= "more than one SHT_SYMTAB or SHT_DYNSYM section",
	[RELVDSO_RELOC_E_NO_DYNAMIC]		= "no PT_DYNAMIC segment",
	[RELVDSO_RELOC_E_DYNAMIC_DUP]		= "more than one PT_DYNAMIC segment",
	[RELVDSO_RELOC_E_DYNAMIC_RANGE] =
		"dynamic segment outside the image or its PT_LOAD",
	[RELVDSO_RELOC_E_DYNAMIC_UNTERMINATED]	= "dynamic segment has no DT_NULL",
	[RELVDSO_RELOC_E_DYN_TAG]		= "dynamic tag of unknown kind",
	[RELVDSO_RELOC_E_DYN_ADDR]		= "dynamic pointer outside the load range",
	[RELVDSO_RELOC_E_DYN_RELOCS]		= "image has dynamic relocations",
	[RELVDSO_RELOC_E_STRTAB_RANGE]		= "string table outside the image",
	[RELVDSO_RELOC_E_SYMENT]		= "symbol entry size is not 16",
	[RELVDSO_RELOC_E_SYMTAB_RANGE]		= "symbol table outside the image",
	[RELVDSO_RELOC_E_DYNSYM_MISMATCH]	= "DT_SYMTAB does not match the .dynsym section",
	[RELVDSO_RELOC_E_HASH] =
		"DT_HASH missing, outside the image or its nchain disagrees with .dynsym",
	[RELVDSO_RELOC_E_SYM_NAME]		= "symbol name outside its string table",
	[RELVDSO_RELOC_E_SYM_SHNDX]		= "symbol section index names no section",
	[RELVDSO_RELOC_E_SYM_TLS] =
		"defined TLS symbol (its value is not an address)",
	[RELVDSO_RELOC_E_SYM_ADDR]		= "defined symbol outside the load range",
	[RELVDSO_RELOC_E_ENTRY_ADDR]		= "entry point outside the load range",
	[RELVDSO_RELOC_E_OVERLAP]		= "rebased tables overlap each other",
	[RELVDSO_RELOC_E_WRAP] =
		"rebased image would leave the 32-bit address space",
	[RELVDSO_RELOC_E_SECTION_ENTSIZE] =
		"section size is not a multiple of its type's entry size",
	[RELVDSO_RELOC_E_SECTION_COMPRESSED]	= "compressed section (SHF_COMPRESSED)",
	[RELVDSO_RELOC_E_OLD_BASE] =
		"old base is not where the image is linked (its first PT_LOAD's p_vaddr)",
	[RELVDSO_RELOC_E_ALIGN] =
		"new base is not congruent to the old one modulo PT_LOAD p_align",
	[RELVDSO_RELOC_E_TOO_BIG]		= "image larger than the relocator's 1 MiB limit",
	[RELVDSO_RELOC_E_DATA_ROOM] =
		"new base leaves no room below it for the vDSO data pages",
};

const char *relvdso_reloc_strerror(enum relvdso_reloc_err err)
{
	if ((unsigned int)err >= RELVDSO_RELOC_E_COUNT || !rv_reloc_errstr[err])
		return "unknown relocator error";
	return rv_reloc_errstr[err];
}
