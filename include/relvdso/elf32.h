/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * The few ELF32 definitions the core needs, under our own names so that this
 * header can sit beside <elf.h>/<gelf.h> in the host tools without clashing.
 * Layouts follow the System V gABI; all fields are little-endian on i386.
 * The core never dereferences these structs inside an image (the image may be
 * misaligned or hostile): it reads fields byte-wise at offsetof() positions.
 */
#ifndef RELVDSO_ELF32_H
#define RELVDSO_ELF32_H

#include "types.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RV_EI_NIDENT	16
#define RV_EI_CLASS	4
#define RV_EI_DATA	5
#define RV_EI_VERSION	6
#define RV_ELFCLASS32	1
#define RV_ELFDATA2LSB	1
#define RV_EV_CURRENT	1
#define RV_ET_DYN	3
#define RV_EM_386	3
#define RV_PN_XNUM	0xffffu		/* e_phnum: the real count is in section 0 */

struct rv_ehdr {
	uint8_t  e_ident[RV_EI_NIDENT];
	uint16_t e_type;
	uint16_t e_machine;
	uint32_t e_version;
	uint32_t e_entry;
	uint32_t e_phoff;
	uint32_t e_shoff;
	uint32_t e_flags;
	uint16_t e_ehsize;
	uint16_t e_phentsize;
	uint16_t e_phnum;
	uint16_t e_shentsize;
	uint16_t e_shnum;
	uint16_t e_shstrndx;
};

struct rv_phdr {
	uint32_t p_type;
	uint32_t p_offset;
	uint32_t p_vaddr;
	uint32_t p_paddr;
	uint32_t p_filesz;
	uint32_t p_memsz;
	uint32_t p_flags;
	uint32_t p_align;
};

struct rv_shdr {
	uint32_t sh_name;
	uint32_t sh_type;
	uint32_t sh_flags;
	uint32_t sh_addr;
	uint32_t sh_offset;
	uint32_t sh_size;
	uint32_t sh_link;
	uint32_t sh_info;
	uint32_t sh_addralign;
	uint32_t sh_entsize;
};

struct rv_dyn {
	int32_t  d_tag;
	uint32_t d_val;
};

struct rv_sym {
	uint32_t st_name;
	uint32_t st_value;
	uint32_t st_size;
	uint8_t  st_info;
	uint8_t  st_other;
	uint16_t st_shndx;
};

#define RV_EHDR_SIZE	52u
#define RV_PHDR_SIZE	32u
#define RV_SHDR_SIZE	40u
#define RV_DYN_SIZE	8u
#define RV_SYM_SIZE	16u

/* p_type */
#define RV_PT_NULL		0
#define RV_PT_LOAD		1
#define RV_PT_DYNAMIC		2
#define RV_PT_INTERP		3
#define RV_PT_NOTE		4
#define RV_PT_PHDR		6
#define RV_PT_GNU_EH_FRAME	0x6474e550
#define RV_PT_GNU_STACK		0x6474e551
/* p_flags */
#define RV_PF_X	1u
#define RV_PF_W	2u
#define RV_PF_R	4u

/* sh_type / sh_flags */
#define RV_SHT_NULL	0
#define RV_SHT_SYMTAB	2
#define RV_SHT_STRTAB	3
#define RV_SHT_RELA	4
#define RV_SHT_HASH	5
#define RV_SHT_DYNAMIC	6
#define RV_SHT_NOBITS	8
#define RV_SHT_REL	9
#define RV_SHT_DYNSYM	11
#define RV_SHT_INIT_ARRAY	14
#define RV_SHT_FINI_ARRAY	15
#define RV_SHT_PREINIT_ARRAY	16
#define RV_SHT_SYMTAB_SHNDX	18
#define RV_SHT_GNU_HASH		0x6ffffff6
#define RV_SHT_GNU_VERSYM	0x6fffffff
#define RV_SHF_ALLOC	2u
#define RV_SHF_COMPRESSED	0x800u

/* special section indexes */
#define RV_SHN_UNDEF		0
#define RV_SHN_LORESERVE	0xff00
#define RV_SHN_ABS		0xfff1
#define RV_SHN_COMMON		0xfff2
#define RV_SHN_XINDEX		0xffff

#define RV_ST_TYPE(info)	((info) & 0xf)
#define RV_STT_NOTYPE	0
#define RV_STT_OBJECT	1
#define RV_STT_FUNC	2
#define RV_STT_SECTION	3
#define RV_STT_FILE	4
#define RV_STT_TLS	6

/* d_tag: the gABI numbers plus the GNU extensions a vDSO carries */
#define RV_DT_NULL		0
#define RV_DT_NEEDED		1
#define RV_DT_PLTRELSZ		2
#define RV_DT_PLTGOT		3
#define RV_DT_HASH		4
#define RV_DT_STRTAB		5
#define RV_DT_SYMTAB		6
#define RV_DT_RELA		7
#define RV_DT_RELASZ		8
#define RV_DT_RELAENT		9
#define RV_DT_STRSZ		10
#define RV_DT_SYMENT		11
#define RV_DT_INIT		12
#define RV_DT_FINI		13
#define RV_DT_SONAME		14
#define RV_DT_RPATH		15
#define RV_DT_SYMBOLIC		16
#define RV_DT_REL		17
#define RV_DT_RELSZ		18
#define RV_DT_RELENT		19
#define RV_DT_PLTREL		20
#define RV_DT_DEBUG		21
#define RV_DT_TEXTREL		22
#define RV_DT_JMPREL		23
#define RV_DT_BIND_NOW		24
#define RV_DT_INIT_ARRAY	25
#define RV_DT_FINI_ARRAY	26
#define RV_DT_INIT_ARRAYSZ	27
#define RV_DT_FINI_ARRAYSZ	28
#define RV_DT_RUNPATH		29
#define RV_DT_FLAGS		30
#define RV_DT_PREINIT_ARRAY	32
#define RV_DT_PREINIT_ARRAYSZ	33
#define RV_DT_SYMTAB_SHNDX	34
#define RV_DT_RELRSZ		35
#define RV_DT_RELR		36
#define RV_DT_RELRENT		37
#define RV_DT_VALRNGLO		0x6ffffd00
#define RV_DT_VALRNGHI		0x6ffffdff
#define RV_DT_ADDRRNGLO		0x6ffffe00
#define RV_DT_GNU_HASH		0x6ffffef5
#define RV_DT_ADDRRNGHI		0x6ffffeff
#define RV_DT_VERSYM		0x6ffffff0
#define RV_DT_RELACOUNT		0x6ffffff9
#define RV_DT_RELCOUNT		0x6ffffffa
#define RV_DT_FLAGS_1		0x6ffffffb
#define RV_DT_VERDEF		0x6ffffffc
#define RV_DT_VERDEFNUM		0x6ffffffd
#define RV_DT_VERNEED		0x6ffffffe
#define RV_DT_VERNEEDNUM	0x6fffffff

#ifdef __cplusplus
}
#endif

#endif /* RELVDSO_ELF32_H */
