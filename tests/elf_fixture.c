// SPDX-License-Identifier: GPL-2.0-only
/* One ELF32 image to read and patch in a test; see elf_fixture.h. */
#include "elf_fixture.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vdso_testutil.h"

/* The images are ELFDATA2LSB; host structs read them only on a little-endian host. */
_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "little-endian host required");

struct elf_image elf_load(const char *path)
{
	struct elf_image im;

	im.data = slurp(path, &im.size);
	return im;
}

struct elf_image elf_load_vdso(const char *name)
{
	char rel[256];

	snprintf(rel, sizeof(rel), "vdso/%s", name);
	return elf_load(build_path(rel));
}

struct elf_image elf_copy(struct elf_image im)
{
	struct elf_image c = { malloc(im.size + 1), im.size };

	ck_assert_ptr_nonnull(c.data);
	memcpy(c.data, im.data, im.size);
	return c;
}

void elf_grow(struct elf_image *im, size_t extra)
{
	im->data = realloc(im->data, im->size + extra);
	ck_assert_ptr_nonnull(im->data);
	memset(im->data + im->size, 0, extra);
	im->size += extra;
}

/* @len bytes at @off, inside the image. */
static void *at(const struct elf_image *im, size_t off, size_t len, const char *what)
{
	ck_assert_msg(off <= im->size && len <= im->size - off,
		      "%s at %#zx+%#zx is past the end of the image (%#zx)", what, off, len, im->size);
	return im->data + off;
}

/* The NUL-terminated string at @off, inside the image. */
static const char *string_at(const struct elf_image *im, size_t off, const char *what)
{
	const char *s = at(im, off, 1, what);

	ck_assert_msg(memchr(s, '\0', im->size - off), "%s at %#zx is unterminated", what, off);
	return s;
}

Elf32_Ehdr *elf_ehdr(const struct elf_image *im)
{
	return at(im, 0, sizeof(Elf32_Ehdr), "ELF header");
}

Elf32_Phdr *elf_phdr_at(const struct elf_image *im, size_t index)
{
	return at(im, elf_ehdr(im)->e_phoff + index * sizeof(Elf32_Phdr), sizeof(Elf32_Phdr),
		  "program header");
}

Elf32_Phdr *elf_phdr(const struct elf_image *im, uint32_t type, unsigned int nth)
{
	for (size_t i = 0; i < elf_ehdr(im)->e_phnum; i++) {
		Elf32_Phdr *ph = elf_phdr_at(im, i);

		if (ph->p_type == type && nth-- == 0)
			return ph;
	}
	ck_abort_msg("no program header of type %#x", type);
	return NULL;
}

Elf32_Shdr *elf_shdr_at(const struct elf_image *im, size_t index)
{
	return at(im, elf_ehdr(im)->e_shoff + index * sizeof(Elf32_Shdr), sizeof(Elf32_Shdr),
		  "section header");
}

size_t elf_shdr_index(const struct elf_image *im, const char *name)
{
	const Elf32_Ehdr *eh = elf_ehdr(im);
	const Elf32_Shdr *names = elf_shdr_at(im, eh->e_shstrndx);

	for (size_t i = 0; i < eh->e_shnum; i++) {
		if (!strcmp(string_at(im, names->sh_offset + elf_shdr_at(im, i)->sh_name,
				      "section name"), name))
			return i;
	}
	ck_abort_msg("no section %s", name);
	return 0;
}

Elf32_Shdr *elf_shdr(const struct elf_image *im, const char *name)
{
	return elf_shdr_at(im, elf_shdr_index(im, name));
}

void *elf_section(const struct elf_image *im, const char *name)
{
	const Elf32_Shdr *sh = elf_shdr(im, name);

	return at(im, sh->sh_offset, sh->sh_size, name);
}

Elf32_Dyn *elf_dyn(const struct elf_image *im, int32_t tag)
{
	const Elf32_Phdr *ph = elf_phdr(im, PT_DYNAMIC, 0);
	Elf32_Dyn *d = at(im, ph->p_offset, ph->p_filesz, "PT_DYNAMIC");

	for (size_t i = 0; i < ph->p_filesz / sizeof(*d) && d[i].d_tag != DT_NULL; i++)
		if (d[i].d_tag == tag)
			return &d[i];
	ck_abort_msg("no dynamic tag %#x", tag);
	return NULL;
}

Elf32_Sym *elf_sym_at(const struct elf_image *im, const char *table, size_t index)
{
	const Elf32_Shdr *sh = elf_shdr(im, table);

	ck_assert_msg(index < sh->sh_size / sizeof(Elf32_Sym), "%s has no symbol %zu", table, index);
	return at(im, sh->sh_offset + index * sizeof(Elf32_Sym), sizeof(Elf32_Sym), table);
}

size_t elf_sym_index(const struct elf_image *im, const char *table, const char *name)
{
	const Elf32_Shdr *sh = elf_shdr(im, table);
	const Elf32_Shdr *str = elf_shdr_at(im, sh->sh_link);

	for (size_t i = 1; i < sh->sh_size / sizeof(Elf32_Sym); i++) {
		if (!strcmp(string_at(im, str->sh_offset + elf_sym_at(im, table, i)->st_name,
				      "symbol name"), name))
			return i;
	}
	ck_abort_msg("no symbol %s in %s", name, table);
	return 0;
}

Elf32_Sym *elf_sym(const struct elf_image *im, const char *table, const char *name)
{
	return elf_sym_at(im, table, elf_sym_index(im, table, name));
}
