/* SPDX-License-Identifier: GPL-2.0-only OR MIT */
/*
 * Layout of every vDSO image: one read+execute PT_LOAD at offset 0 and
 * vaddr 0 holding the ELF and program headers, the dynamic tables, the code
 * and the unwind tables.  Nothing is writable and nothing needs relocating,
 * so the same bytes work at any base once headers and symbols are rebased.
 * Preprocessed with cpp -P.
 */
OUTPUT_FORMAT("elf32-i386", "elf32-i386", "elf32-i386")
OUTPUT_ARCH(i386)
ENTRY(__kernel_vsyscall)

SECTIONS
{
	. = SIZEOF_HEADERS;

	.hash		: { *(.hash) }				:text
	.gnu.hash	: { *(.gnu.hash) }
	.dynsym		: { *(.dynsym) }
	.dynstr		: { *(.dynstr) }
	.gnu.version	: { *(.gnu.version) }
	.gnu.version_d	: { *(.gnu.version_d) }
	.gnu.version_r	: { *(.gnu.version_r) }

	.dynamic	: { *(.dynamic) }			:text	:dynamic
	.note		: { *(.note.*) }			:text	:note

	.text		: { *(.text .text.*) }			:text

	.eh_frame_hdr	: { *(.eh_frame_hdr) }			:text	:eh_frame_hdr
	/*
	 * The zero terminator lets a consumer without the header walk the
	 * table too (__register_frame in the runtime test does).
	 */
	.eh_frame	: { KEEP (*(.eh_frame)) LONG(0) }	:text

	/*
	 * The time functions find the data page GOT-relative (from the ELF
	 * header), so the linker emits the GOT's three reserved words.  Nothing
	 * reads them and no entry may follow: an entry would need a relocation.
	 */
	.got		: { *(.got.plt) *(.got) }		:text
	ASSERT(SIZEOF(.got) <= 12, "vDSO: no GOT entries allowed")

	/* anything writable or relocatable would break the image: fail loudly */
	.data		: { *(.data .data.* .bss .bss.* COMMON .rodata .rodata.*) }
	ASSERT(SIZEOF(.data) == 0, "vDSO: no data, bss or read-only data allowed")

	/DISCARD/	: { *(.comment) *(.note.GNU-stack) }
}

PHDRS
{
	text		PT_LOAD		FILEHDR PHDRS FLAGS(5);	/* R+X */
	dynamic		PT_DYNAMIC	FLAGS(4);		/* R */
	note		PT_NOTE		FLAGS(4);		/* R */
	eh_frame_hdr	PT_GNU_EH_FRAME	FLAGS(4);		/* R */
}
