// SPDX-License-Identifier: GPL-2.0-only
/*
 * reloc_verify(): walk both images with libelf, field by field.
 *
 * For each address field the rules name, the value in @after must be the
 * value in @before plus the delta; the field's file position comes from the
 * <elf.h> layouts and the table offsets libelf reports.  Each verified field
 * is then put back to its old value in a copy of @after, and the copy must
 * equal @before byte for byte: that proves nothing else moved.
 */
#include <gelf.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reloc_verify.h"

struct verify {
	Elf *before, *after;
	uint8_t *undo;		/* copy of @after, fields put back as verified */
	size_t size;
	uint32_t old_base, delta;
	struct reloc_verify_report *rep;
};

static bool fail(struct verify *v, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(v->rep->msg, sizeof(v->rep->msg), fmt, ap);
	va_end(ap);
	return false;
}

static void put_le32(uint8_t *p, uint32_t val)
{
	for (int i = 0; i < 4; i++, val >>= 8)
		p[i] = (uint8_t)val;
}

/* One address field at file offset @pos: old @was, new @now. */
static bool check_field(struct verify *v, const char *what, size_t index,
			size_t pos, uint64_t was, uint64_t now)
{
	uint32_t want = (uint32_t)was + v->delta;

	if (pos > v->size || v->size - pos < 4)
		return fail(v, "%s %zu: field at 0x%zx is past the image", what, index, pos);
	if (now != want)
		return fail(v, "%s %zu: 0x%llx became 0x%llx, expected 0x%x", what,
			    index, (unsigned long long)was, (unsigned long long)now, want);
	put_le32(v->undo + pos, (uint32_t)was);
	v->rep->fields++;
	return true;
}

static bool verify_ehdr(struct verify *v, GElf_Ehdr *eb)
{
	GElf_Ehdr ea;

	if (!gelf_getehdr(v->before, eb) || !gelf_getehdr(v->after, &ea))
		return fail(v, "ELF header: %s", elf_errmsg(-1));
	v->rep->counts.ehdr = 1;
	return check_field(v, "e_entry", 0, offsetof(Elf32_Ehdr, e_entry),
			   eb->e_entry, ea.e_entry);
}

/* Absolute, not only relative: the first PT_LOAD is the image's base. */
static bool verify_base(struct verify *v, const GElf_Phdr *pb, const GElf_Phdr *pa)
{
	uint32_t new_base = v->old_base + v->delta;

	if (pb->p_vaddr != v->old_base)
		return fail(v, "first PT_LOAD at 0x%llx, not at the old base 0x%x",
			    (unsigned long long)pb->p_vaddr, v->old_base);
	if (pa->p_vaddr != new_base)
		return fail(v, "first PT_LOAD moved to 0x%llx, not to the new base 0x%x",
			    (unsigned long long)pa->p_vaddr, new_base);
	return true;
}

static bool verify_phdrs(struct verify *v, const GElf_Ehdr *eh)
{
	bool base_seen = false;
	size_t n, n_after;

	if (elf_getphdrnum(v->before, &n) || elf_getphdrnum(v->after, &n_after) ||
	    n != n_after)
		return fail(v, "program header count differs or is unreadable");
	for (size_t i = 0; i < n; i++) {
		GElf_Phdr pb, pa;
		size_t at = eh->e_phoff + i * eh->e_phentsize;

		if (!gelf_getphdr(v->before, (int)i, &pb) || !gelf_getphdr(v->after, (int)i, &pa))
			return fail(v, "phdr %zu: %s", i, elf_errmsg(-1));
		if (pb.p_type == PT_LOAD && !base_seen) {
			if (!verify_base(v, &pb, &pa))
				return false;
			base_seen = true;
		}
		if (!check_field(v, "phdr p_vaddr", i, at + offsetof(Elf32_Phdr, p_vaddr),
				 pb.p_vaddr, pa.p_vaddr) ||
		    !check_field(v, "phdr p_paddr", i, at + offsetof(Elf32_Phdr, p_paddr),
				 pb.p_paddr, pa.p_paddr))
			return false;
		v->rep->counts.phdr++;
	}
	return base_seen || fail(v, "no PT_LOAD");
}

static bool verify_shdrs(struct verify *v, const GElf_Ehdr *eh)
{
	Elf_Scn *sb = NULL;

	while ((sb = elf_nextscn(v->before, sb))) {
		size_t i = elf_ndxscn(sb);
		Elf_Scn *sa = elf_getscn(v->after, i);
		GElf_Shdr hb, ha;

		if (!sa || !gelf_getshdr(sb, &hb) || !gelf_getshdr(sa, &ha))
			return fail(v, "section %zu: %s", i, elf_errmsg(-1));
		if (!(hb.sh_flags & SHF_ALLOC))
			continue;
		if (!check_field(v, "section sh_addr", i,
				 eh->e_shoff + i * eh->e_shentsize + offsetof(Elf32_Shdr, sh_addr),
				 hb.sh_addr, ha.sh_addr))
			return false;
		v->rep->counts.shdr++;
	}
	return true;
}

static bool is_pointer_tag(GElf_Sxword tag)
{
	switch (tag) {
	case DT_PLTGOT: case DT_HASH: case DT_STRTAB: case DT_SYMTAB:
	case DT_RELA: case DT_INIT: case DT_FINI: case DT_REL: case DT_JMPREL:
	case DT_INIT_ARRAY: case DT_FINI_ARRAY: case DT_PREINIT_ARRAY:
	case DT_SYMTAB_SHNDX: case DT_VERSYM: case DT_VERDEF: case DT_VERNEED:
#ifdef DT_RELR
	case DT_RELR:
#endif
		return true;
	default:
		return tag >= DT_ADDRRNGLO && tag <= DT_ADDRRNGHI;
	}
}

/* The tables the dynamic segment names, for an image without sections. */
struct dyn_found {
	GElf_Addr symtab, hash;
	bool has_symtab, has_hash;
};

static bool find_dynamic(struct verify *v, GElf_Phdr *dyn)
{
	size_t n;

	if (elf_getphdrnum(v->before, &n))
		return false;
	for (size_t i = 0; i < n; i++)
		if (gelf_getphdr(v->before, (int)i, dyn) && dyn->p_type == PT_DYNAMIC)
			return true;
	return false;
}

static bool verify_dynamic(struct verify *v, struct dyn_found *found)
{
	GElf_Phdr ph;
	Elf_Data *db, *da;

	if (!find_dynamic(v, &ph))
		return fail(v, "no PT_DYNAMIC");
	db = elf_getdata_rawchunk(v->before, (int64_t)ph.p_offset, ph.p_filesz, ELF_T_DYN);
	da = elf_getdata_rawchunk(v->after, (int64_t)ph.p_offset, ph.p_filesz, ELF_T_DYN);
	if (!db || !da)
		return fail(v, "dynamic segment: %s", elf_errmsg(-1));
	for (size_t i = 0; i < ph.p_filesz / sizeof(Elf32_Dyn); i++) {
		GElf_Dyn eb, ea;

		if (!gelf_getdyn(db, (int)i, &eb) || !gelf_getdyn(da, (int)i, &ea))
			return fail(v, "dynamic entry %zu: %s", i, elf_errmsg(-1));
		if (eb.d_tag == DT_NULL)
			break;
		if (eb.d_tag == DT_SYMTAB) {
			found->symtab = eb.d_un.d_ptr;
			found->has_symtab = true;
		}
		if (eb.d_tag == DT_HASH) {
			found->hash = eb.d_un.d_ptr;
			found->has_hash = true;
		}
		if (!is_pointer_tag(eb.d_tag))
			continue;
		if (!check_field(v, "dynamic entry", i,
				 ph.p_offset + i * sizeof(Elf32_Dyn) + offsetof(Elf32_Dyn, d_un),
				 eb.d_un.d_ptr, ea.d_un.d_ptr))
			return false;
		v->rep->counts.dyn++;
	}
	return true;
}

static bool verify_symbols(struct verify *v, const char *what, Elf_Data *db,
			   Elf_Data *da, size_t table_off, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		GElf_Sym sb, sa;

		if (!gelf_getsym(db, (int)i, &sb) || !gelf_getsym(da, (int)i, &sa))
			return fail(v, "%s symbol %zu: %s", what, i, elf_errmsg(-1));
		if (sb.st_shndx == SHN_UNDEF || sb.st_shndx >= SHN_LORESERVE)
			continue;
		if (!check_field(v, what, i,
				 table_off + i * sizeof(Elf32_Sym) + offsetof(Elf32_Sym, st_value),
				 sb.st_value, sa.st_value))
			return false;
		v->rep->counts.sym++;
	}
	return true;
}

static bool verify_symbol_sections(struct verify *v)
{
	Elf_Scn *sb = NULL;

	while ((sb = elf_nextscn(v->before, sb))) {
		Elf_Scn *sa = elf_getscn(v->after, elf_ndxscn(sb));
		GElf_Shdr sh;
		Elf_Data *db, *da;

		if (!gelf_getshdr(sb, &sh) ||
		    (sh.sh_type != SHT_SYMTAB && sh.sh_type != SHT_DYNSYM))
			continue;
		/*
		 * The table's bytes as they are in the file: elf_getdata() would
		 * honour sh_flags (SHF_COMPRESSED) and hand back something else.
		 */
		db = elf_getdata_rawchunk(v->before, (int64_t)sh.sh_offset, sh.sh_size, ELF_T_SYM);
		da = sa ? elf_getdata_rawchunk(v->after, (int64_t)sh.sh_offset, sh.sh_size,
					       ELF_T_SYM) : NULL;
		if (!db || !da || !sh.sh_entsize)
			return fail(v, "symbol table %zu: %s", elf_ndxscn(sb), elf_errmsg(-1));
		if (!verify_symbols(v, sh.sh_type == SHT_SYMTAB ? ".symtab" : ".dynsym",
				    db, da, sh.sh_offset, sh.sh_size / sh.sh_entsize))
			return false;
	}
	return true;
}

/* File offset of @addr inside a PT_LOAD's file bytes. */
static bool addr_to_offset(Elf *elf, GElf_Addr addr, size_t len, size_t *off)
{
	size_t n;
	GElf_Phdr ph;

	if (elf_getphdrnum(elf, &n))
		return false;
	for (size_t i = 0; i < n; i++) {
		if (!gelf_getphdr(elf, (int)i, &ph) || ph.p_type != PT_LOAD ||
		    addr < ph.p_vaddr || addr - ph.p_vaddr + len > ph.p_filesz)
			continue;
		*off = ph.p_offset + (addr - ph.p_vaddr);
		return true;
	}
	return false;
}

/* No section headers: .dynsym is DT_SYMTAB, DT_HASH's nchain entries long. */
static bool verify_dynsym_by_tags(struct verify *v, const struct dyn_found *f)
{
	size_t hash_off, sym_off;
	Elf_Data *hash, *db, *da;
	uint32_t nchain;

	if (!f->has_symtab)
		return true;
	if (!f->has_hash || !addr_to_offset(v->before, f->hash, 8, &hash_off))
		return fail(v, "no section headers and no usable DT_HASH");
	hash = elf_getdata_rawchunk(v->before, (int64_t)hash_off, 8, ELF_T_WORD);
	if (!hash)
		return fail(v, "DT_HASH: %s", elf_errmsg(-1));
	nchain = ((const uint32_t *)hash->d_buf)[1];
	if (!addr_to_offset(v->before, f->symtab, (size_t)nchain * sizeof(Elf32_Sym), &sym_off))
		return fail(v, "DT_SYMTAB with %u entries is outside the image", nchain);
	db = elf_getdata_rawchunk(v->before, (int64_t)sym_off, nchain * sizeof(Elf32_Sym), ELF_T_SYM);
	da = elf_getdata_rawchunk(v->after, (int64_t)sym_off, nchain * sizeof(Elf32_Sym), ELF_T_SYM);
	if (!db || !da)
		return fail(v, "DT_SYMTAB: %s", elf_errmsg(-1));
	return verify_symbols(v, ".dynsym", db, da, sym_off, nchain);
}

static bool verify_rest_unchanged(struct verify *v, const uint8_t *before)
{
	for (size_t i = 0; i < v->size; i++)
		if (v->undo[i] != before[i])
			return fail(v, "byte 0x%zx changed (0x%02x -> 0x%02x) outside any address field",
				    i, before[i], v->undo[i]);
	return true;
}

static bool verify_all(struct verify *v, const uint8_t *before)
{
	struct dyn_found found = { 0 };
	GElf_Ehdr eh;
	size_t shnum;

	if (elf_kind(v->before) != ELF_K_ELF || gelf_getclass(v->before) != ELFCLASS32 ||
	    elf_kind(v->after) != ELF_K_ELF || gelf_getclass(v->after) != ELFCLASS32)
		return fail(v, "not an ELF32 image");
	if (!verify_ehdr(v, &eh) || !verify_phdrs(v, &eh) ||
	    !verify_shdrs(v, &eh) || !verify_dynamic(v, &found))
		return false;
	if (elf_getshdrnum(v->before, &shnum))
		return fail(v, "section count: %s", elf_errmsg(-1));
	if (!(shnum ? verify_symbol_sections(v) : verify_dynsym_by_tags(v, &found)))
		return false;
	return verify_rest_unchanged(v, before);
}

int reloc_verify(const void *before, size_t before_size,
		 const void *after, size_t after_size,
		 uint32_t old_base, uint32_t new_base, struct reloc_verify_report *rep)
{
	struct verify v = { .size = before_size, .old_base = old_base,
			    .delta = new_base - old_base, .rep = rep };
	char *copy_before = malloc(before_size + 1), *copy_after = malloc(after_size + 1);
	bool ok = false;

	memset(rep, 0, sizeof(*rep));
	v.undo = malloc(after_size + 1);
	if (!copy_before || !copy_after || !v.undo) {
		fail(&v, "out of memory");
		goto out;
	}
	if (before_size != after_size) {
		fail(&v, "size changed from %zu to %zu bytes", before_size, after_size);
		goto out;
	}
	/* libelf wants writable buffers; it reads, and we keep our own copies. */
	memcpy(copy_before, before, before_size);
	memcpy(copy_after, after, after_size);
	memcpy(v.undo, after, after_size);
	elf_version(EV_CURRENT);
	v.before = elf_memory(copy_before, before_size);
	v.after = elf_memory(copy_after, after_size);
	if (!v.before || !v.after)
		fail(&v, "libelf: %s", elf_errmsg(-1));
	else
		ok = verify_all(&v, before);
out:
	elf_end(v.before);
	elf_end(v.after);
	free(copy_before);
	free(copy_after);
	free(v.undo);
	return ok ? (int)rep->fields : -1;
}
