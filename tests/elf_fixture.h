/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One ELF32 image in a mutable buffer, for the tests that patch a real image
 * (a vDSO, runner-probe) or read one the code under test wrote: load it,
 * find a program header by type, a section header by name, a dynamic entry
 * by tag, a symbol by name or index, and patch any field by its name
 * through the pointer returned:
 *
 *	elf_phdr(&im, PT_LOAD, 0)->p_vaddr = 0xffffe000;
 *	elf_dyn(&im, DT_SONAME)->d_tag = DT_DEBUG;
 *
 * Fields are accessed in place as host structs: the images are
 * little-endian like the host (checked in elf_fixture.c) and their tables
 * are aligned.  Lookups read the headers as they are now, so a patch that
 * breaks a header a later lookup needs must come last.  A lookup that finds
 * nothing fails the test.
 */
#ifndef RELVDSO_TESTS_ELF_FIXTURE_H
#define RELVDSO_TESTS_ELF_FIXTURE_H

#include <elf.h>
#include <stddef.h>
#include <stdint.h>

struct elf_image {
	uint8_t *data;
	size_t size;
};

/* The whole file, malloc'd: free(im.data). */
struct elf_image elf_load(const char *path);
/* $RELVDSO_BUILD/vdso/@name, e.g. "vdso-int80.so.dbg". */
struct elf_image elf_load_vdso(const char *name);
struct elf_image elf_copy(struct elf_image im);
/* Append @extra zero bytes. */
void elf_grow(struct elf_image *im, size_t extra);

Elf32_Ehdr *elf_ehdr(const struct elf_image *im);
Elf32_Phdr *elf_phdr_at(const struct elf_image *im, size_t index);
/* The @nth (0 = first) program header of @type. */
Elf32_Phdr *elf_phdr(const struct elf_image *im, uint32_t type, unsigned int nth);

Elf32_Shdr *elf_shdr_at(const struct elf_image *im, size_t index);
Elf32_Shdr *elf_shdr(const struct elf_image *im, const char *name);
size_t elf_shdr_index(const struct elf_image *im, const char *name);
/* The bytes of section @name. */
void *elf_section(const struct elf_image *im, const char *name);

/* The first entry with @tag in PT_DYNAMIC (not .dynamic: works without sections). */
Elf32_Dyn *elf_dyn(const struct elf_image *im, int32_t tag);

/* Entry @index of the symbol table section @table (".dynsym", ".symtab"). */
Elf32_Sym *elf_sym_at(const struct elf_image *im, const char *table, size_t index);
/* The index of the symbol called @name in @table (names from its sh_link). */
size_t elf_sym_index(const struct elf_image *im, const char *table, const char *name);
Elf32_Sym *elf_sym(const struct elf_image *im, const char *table, const char *name);

#endif /* RELVDSO_TESTS_ELF_FIXTURE_H */
