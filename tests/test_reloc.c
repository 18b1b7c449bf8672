// SPDX-License-Identifier: GPL-2.0-only
/*
 * Relocator: the real images rebased and cross-checked with libelf, the
 * 32-bit wrap, A->B->A, a table of malformed images (each must fail with
 * its own code and stay byte-identical) and the error strings.  The
 * vdso-reloc tool is tested in test_reloc_tool.c.
 *
 * Images come from $RELVDSO_BUILD/vdso (default "build").
 */
#include <check.h>
#include <gelf.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <relvdso/reloc.h>
#include <relvdso/vdso_data.h>
#include <relvdso/vdso_facts.h>

#include "../tools/reloc_verify.h"
#include "check_main.h"
#include "elf_fixture.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define STATS_POISON	0xa5

/* The facts table's symbol names, by enum relvdso_sym. */
#define SYM_NAME(id, name, node, type, field)	[RELVDSO_SYM_##id] = RELVDSO_VDSO_STR(name),
static const char *const sym_names[RELVDSO_SYM_COUNT] = { RELVDSO_VDSO_SYMS(SYM_NAME) };
#define VSYSCALL_NAME	sym_names[RELVDSO_SYM_VSYSCALL]

static const char *const image_names[] = {
	"vdso-int80.so", "vdso-sysenter.so", "vdso-syscall.so",
	"vdso-int80.so.dbg", "vdso-sysenter.so.dbg", "vdso-syscall.so.dbg",
};

static const uint32_t bases[] = {
	0xffffe000, 0xfbffe000, 0xfeffe000, 0x1000, 0x00400000, 0x80000000,
	0xc0000000, 0,
};

static bool has_symtab(const char *name)
{
	return strstr(name, ".dbg") != NULL;
}

/* ---- what libelf says about an image ---------------------------------- */

struct facts {
	Elf *elf;
	GElf_Ehdr eh;
	size_t phnum, shnum;
	int load_ph, dyn_ph, note_ph;
	GElf_Phdr load, dyn;
	uint32_t load_lo, load_hi;
	size_t dyn_count;		/* entries before DT_NULL */
	int dynsym, symtab, dynstr, text, ehframe;	/* section indexes, -1 if none */
	GElf_Shdr sh_dynsym, sh_symtab, sh_dynstr, sh_text, sh_ehframe;
	uint32_t vsyscall;
};

static int find_section(struct facts *f, const char *want, GElf_Shdr *out)
{
	size_t shstrndx;
	Elf_Scn *scn = NULL;

	ck_assert_int_eq(elf_getshdrstrndx(f->elf, &shstrndx), 0);
	while ((scn = elf_nextscn(f->elf, scn))) {
		GElf_Shdr sh;
		const char *name;

		ck_assert_ptr_nonnull(gelf_getshdr(scn, &sh));
		name = elf_strptr(f->elf, shstrndx, sh.sh_name);
		if (name && !strcmp(name, want)) {
			*out = sh;
			return (int)elf_ndxscn(scn);
		}
	}
	return -1;
}

static uint32_t find_symbol(struct facts *f, const GElf_Shdr *sh, int index,
			    const char *want)
{
	Elf_Data *d = elf_getdata(elf_getscn(f->elf, (size_t)index), NULL);

	ck_assert_ptr_nonnull(d);
	for (size_t i = 0; i < sh->sh_size / sh->sh_entsize; i++) {
		GElf_Sym s;
		const char *name;

		ck_assert_ptr_nonnull(gelf_getsym(d, (int)i, &s));
		name = elf_strptr(f->elf, sh->sh_link, s.st_name);
		if (name && !strcmp(name, want))
			return (uint32_t)s.st_value;
	}
	ck_abort_msg("symbol %s not found", want);
	return 0;
}

static void facts_open(struct facts *f, struct elf_image b)
{
	Elf_Data *dyn;

	memset(f, 0, sizeof(*f));
	elf_version(EV_CURRENT);
	f->elf = elf_memory((char *)b.data, b.size);
	ck_assert_ptr_nonnull(f->elf);
	ck_assert_ptr_nonnull(gelf_getehdr(f->elf, &f->eh));
	ck_assert_int_eq(elf_getphdrnum(f->elf, &f->phnum), 0);
	ck_assert_int_eq(elf_getshdrnum(f->elf, &f->shnum), 0);
	f->load_ph = f->dyn_ph = f->note_ph = -1;
	f->load_lo = UINT32_MAX;
	for (size_t i = 0; i < f->phnum; i++) {
		GElf_Phdr ph;

		ck_assert_ptr_nonnull(gelf_getphdr(f->elf, (int)i, &ph));
		if (ph.p_type == PT_LOAD) {
			if (f->load_ph < 0) {
				f->load_ph = (int)i;
				f->load = ph;
			}
			if (ph.p_vaddr < f->load_lo)
				f->load_lo = (uint32_t)ph.p_vaddr;
			if (ph.p_vaddr + ph.p_memsz > f->load_hi)
				f->load_hi = (uint32_t)(ph.p_vaddr + ph.p_memsz);
		}
		if (ph.p_type == PT_DYNAMIC) {
			f->dyn_ph = (int)i;
			f->dyn = ph;
		}
		if (ph.p_type == PT_NOTE)
			f->note_ph = (int)i;
	}
	ck_assert_int_ge(f->load_ph, 0);
	ck_assert_int_ge(f->dyn_ph, 0);
	dyn = elf_getdata_rawchunk(f->elf, f->dyn.p_offset, f->dyn.p_filesz, ELF_T_DYN);
	ck_assert_ptr_nonnull(dyn);
	for (f->dyn_count = 0; f->dyn_count < f->dyn.p_filesz / sizeof(Elf32_Dyn); f->dyn_count++) {
		GElf_Dyn d;

		ck_assert_ptr_nonnull(gelf_getdyn(dyn, (int)f->dyn_count, &d));
		if (d.d_tag == DT_NULL)
			break;
	}
	f->dynsym = find_section(f, ".dynsym", &f->sh_dynsym);
	f->symtab = find_section(f, ".symtab", &f->sh_symtab);
	f->dynstr = find_section(f, ".dynstr", &f->sh_dynstr);
	f->text = find_section(f, ".text", &f->sh_text);
	f->ehframe = find_section(f, ".eh_frame", &f->sh_ehframe);
	ck_assert_int_gt(f->dynsym, 0);
	ck_assert_int_gt(f->dynstr, 0);
	ck_assert_int_gt(f->text, 0);
	f->vsyscall = find_symbol(f, &f->sh_dynsym, f->dynsym, VSYSCALL_NAME);
}

static void facts_close(struct facts *f)
{
	elf_end(f->elf);
}

/* ---- counts computed here, with libelf, for the stats ----------------- */

static bool vdso_pointer_tag(GElf_Sxword tag)
{
	static const GElf_Sxword tags[] = {
		DT_HASH, DT_GNU_HASH, DT_STRTAB, DT_SYMTAB, DT_VERSYM,
		DT_VERDEF, DT_VERNEED, DT_PLTGOT, DT_INIT, DT_FINI,
	};

	for (size_t i = 0; i < ARRAY_SIZE(tags); i++)
		if (tags[i] == tag)
			return true;
	return false;
}

static struct relvdso_reloc_stats expected_stats(struct facts *f)
{
	struct relvdso_reloc_stats s = { .ehdr = 1, .phdr = (uint32_t)f->phnum };
	Elf_Scn *scn = NULL;
	Elf_Data *d = elf_getdata_rawchunk(f->elf, f->dyn.p_offset, f->dyn.p_filesz, ELF_T_DYN);

	ck_assert_ptr_nonnull(d);
	for (size_t i = 0; i < f->dyn_count; i++) {
		GElf_Dyn dyn;

		ck_assert_ptr_nonnull(gelf_getdyn(d, (int)i, &dyn));
		s.dyn += vdso_pointer_tag(dyn.d_tag);
	}
	while ((scn = elf_nextscn(f->elf, scn))) {
		GElf_Shdr sh;

		ck_assert_ptr_nonnull(gelf_getshdr(scn, &sh));
		s.shdr += !!(sh.sh_flags & SHF_ALLOC);
		if (sh.sh_type != SHT_SYMTAB && sh.sh_type != SHT_DYNSYM)
			continue;
		d = elf_getdata(scn, NULL);
		for (size_t i = 0; i < sh.sh_size / sh.sh_entsize; i++) {
			GElf_Sym sym;

			ck_assert_ptr_nonnull(gelf_getsym(d, (int)i, &sym));
			s.sym += sym.st_shndx != SHN_UNDEF && sym.st_shndx < SHN_LORESERVE;
		}
	}
	return s;
}

static void assert_stats_eq(const struct relvdso_reloc_stats *a,
			    const struct relvdso_reloc_stats *b)
{
	ck_assert_uint_eq(a->ehdr, b->ehdr);
	ck_assert_uint_eq(a->phdr, b->phdr);
	ck_assert_uint_eq(a->shdr, b->shdr);
	ck_assert_uint_eq(a->dyn, b->dyn);
	ck_assert_uint_eq(a->sym, b->sym);
}

static void assert_stats_zero(const struct relvdso_reloc_stats *s)
{
	static const struct relvdso_reloc_stats zero;

	assert_stats_eq(s, &zero);
}

/* ---- rebasing the real images ----------------------------------------- */

/* Field-by-field libelf assertions on @after = @before moved to @base. */
static void assert_moved(struct elf_image before, struct elf_image after, uint32_t base,
			 const char *name)
{
	struct facts fb, fa;
	uint32_t delta = base - (uint32_t)0;
	Elf_Data *db, *da;

	facts_open(&fb, before);
	facts_open(&fa, after);
	ck_assert_uint_eq(fa.load.p_vaddr, base);
	ck_assert_uint_eq(fa.eh.e_entry, base + fb.vsyscall);
	ck_assert_uint_eq(find_symbol(&fa, &fa.sh_dynsym, fa.dynsym, VSYSCALL_NAME),
			  base + fb.vsyscall);

	for (size_t i = 0; i < fb.phnum; i++) {
		GElf_Phdr pb, pa;

		gelf_getphdr(fb.elf, (int)i, &pb);
		gelf_getphdr(fa.elf, (int)i, &pa);
		ck_assert_uint_eq(pa.p_vaddr, (uint32_t)(pb.p_vaddr + delta));
		ck_assert_uint_eq(pa.p_paddr, (uint32_t)(pb.p_paddr + delta));
		ck_assert_uint_eq(pa.p_offset, pb.p_offset);
		ck_assert_uint_eq(pa.p_memsz, pb.p_memsz);
	}

	for (size_t i = 1; i < fb.shnum; i++) {
		GElf_Shdr sb, sa;

		gelf_getshdr(elf_getscn(fb.elf, i), &sb);
		gelf_getshdr(elf_getscn(fa.elf, i), &sa);
		ck_assert_uint_eq(sa.sh_addr, (sb.sh_flags & SHF_ALLOC) ?
				  (uint32_t)(sb.sh_addr + delta) : sb.sh_addr);
	}

	db = elf_getdata_rawchunk(fb.elf, fb.dyn.p_offset, fb.dyn.p_filesz, ELF_T_DYN);
	da = elf_getdata_rawchunk(fa.elf, fa.dyn.p_offset, fa.dyn.p_filesz, ELF_T_DYN);
	for (size_t i = 0; i < fb.dyn_count; i++) {
		GElf_Dyn eb, ea;

		gelf_getdyn(db, (int)i, &eb);
		gelf_getdyn(da, (int)i, &ea);
		ck_assert_int_eq(ea.d_tag, eb.d_tag);
		ck_assert_uint_eq(ea.d_un.d_val, vdso_pointer_tag(eb.d_tag) ?
				  (uint32_t)(eb.d_un.d_ptr + delta) : eb.d_un.d_val);
	}

	da = elf_getdata(elf_getscn(fa.elf, (size_t)fa.dynsym), NULL);
	for (size_t i = 0; i < fa.sh_dynsym.sh_size / sizeof(Elf32_Sym); i++) {
		GElf_Sym s;

		gelf_getsym(da, (int)i, &s);
		if (s.st_shndx == SHN_UNDEF || s.st_shndx >= SHN_LORESERVE)
			continue;
		ck_assert_msg(s.st_value >= base && s.st_value < (uint64_t)base + fb.load_hi,
			      "%s: .dynsym %zu at 0x%llx outside [0x%x, +0x%x)", name, i,
			      (unsigned long long)s.st_value, base, fb.load_hi);
	}
	facts_close(&fb);
	facts_close(&fa);
}

static void rebase_and_check(const char *name, uint32_t base)
{
	struct elf_image before = elf_load_vdso(name), after = elf_copy(before);
	struct relvdso_reloc_stats stats, want;
	struct reloc_verify_report rep;
	struct facts f;
	int fields;

	ck_assert_int_eq(relvdso_reloc_check(after.data, (uint32_t)after.size, 0, base),
			 RELVDSO_RELOC_OK);
	ck_assert_int_eq(relvdso_reloc_apply(after.data, (uint32_t)after.size, 0, base, &stats),
			 RELVDSO_RELOC_OK);

	fields = reloc_verify(before.data, before.size, after.data, after.size, 0, base, &rep);
	ck_assert_msg(fields > 0 || (base == 0 && fields >= 0),
		      "%s -> 0x%x: %s", name, base, rep.msg);
	facts_open(&f, before);
	want = expected_stats(&f);
	facts_close(&f);
	assert_stats_eq(&stats, &want);
	ck_assert_uint_eq(rep.counts.ehdr, stats.ehdr);
	ck_assert_uint_eq(rep.counts.phdr, stats.phdr);
	ck_assert_uint_eq(rep.counts.shdr, stats.shdr);
	ck_assert_uint_eq(rep.counts.dyn, stats.dyn);
	ck_assert_uint_eq(rep.counts.sym, stats.sym);
	ck_assert_uint_eq((unsigned int)fields,
			  stats.ehdr + 2 * stats.phdr + stats.shdr + stats.dyn + stats.sym);
	if (has_symtab(name))
		ck_assert_uint_gt(stats.sym, 12);
	assert_moved(before, after, base, name);
	free(before.data);
	free(after.data);
}

START_TEST(test_rebase_real_images)
{
	const char *name = image_names[_i / ARRAY_SIZE(bases)];

	rebase_and_check(name, bases[_i % ARRAY_SIZE(bases)]);
}
END_TEST

/* p_align 1: no alignment rule, so a wrap edge can be met byte for byte. */
static void drop_load_alignment(struct elf_image *im)
{
	elf_phdr(im, PT_LOAD, 0)->p_align = 1;
}

/* The load range may end exactly at 2^32; one byte more wraps. */
START_TEST(test_rebase_to_top_of_address_space)
{
	struct elf_image before = elf_load_vdso(image_names[_i]), b;
	struct relvdso_reloc_stats stats;
	struct reloc_verify_report rep;
	struct facts f;
	uint32_t top;

	drop_load_alignment(&before);
	b = elf_copy(before);
	facts_open(&f, before);
	top = (uint32_t)(0x100000000ull - f.load_hi);
	facts_close(&f);
	ck_assert_int_eq(relvdso_reloc_apply(b.data, (uint32_t)b.size, 0, top + 1, &stats),
			 RELVDSO_RELOC_E_WRAP);
	ck_assert_mem_eq(b.data, before.data, before.size);
	ck_assert_int_eq(relvdso_reloc_apply(b.data, (uint32_t)b.size, 0, top, &stats),
			 RELVDSO_RELOC_OK);
	ck_assert_int_gt(reloc_verify(before.data, before.size, b.data, b.size, 0, top, &rep), 0);
	free(before.data);
	free(b.data);
}
END_TEST

static void assert_wraps(struct elf_image image, uint32_t old_base, uint32_t new_base)
{
	struct elf_image b = elf_copy(image);
	struct relvdso_reloc_stats stats;

	memset(&stats, STATS_POISON, sizeof(stats));
	ck_assert_int_eq(relvdso_reloc_check(b.data, (uint32_t)b.size, old_base, new_base),
			 RELVDSO_RELOC_E_WRAP);
	ck_assert_int_eq(relvdso_reloc_apply(b.data, (uint32_t)b.size, old_base, new_base, &stats),
			 RELVDSO_RELOC_E_WRAP);
	ck_assert_mem_eq(b.data, image.data, image.size);
	assert_stats_zero(&stats);
	free(b.data);
}

START_TEST(test_wrap_rejected)
{
	struct elf_image image = elf_load_vdso(image_names[_i]);
	struct facts f;

	facts_open(&f, image);
	assert_wraps(image, 0, 0xffffffff);
	/* 0xfffff800 wraps once the load range passes 2 KiB; pick a base that
	 * wraps for this image's range the same way */
	assert_wraps(image, 0, f.load_hi > 0x800 ? 0xfffff800 :
		     (uint32_t)(0x100000000ull - f.load_hi / 2));
	assert_wraps(image, 0, (uint32_t)(0x100000000ull - f.load_hi + 4));
	/* moving below address 0 */
	assert_wraps(image, 0x1000, 0);
	assert_wraps(image, 0xffffe000, 0xffffd000);
	facts_close(&f);
	free(image.data);
}
END_TEST

/*
 * The wrap check walks only the header fields unless the load range ends at
 * exactly 2^32 (relocator/check.c): an _end-style symbol at the end of the
 * range is then the one field that wraps, and must still be caught.
 */
START_TEST(test_wrap_symbol_at_end_of_range)
{
	struct elf_image image = elf_load_vdso(image_names[_i]), b;
	struct facts f;
	uint32_t top;

	facts_open(&f, image);
	top = (uint32_t)(0x100000000ull - f.load_hi);
	elf_sym_at(&image, ".dynsym", 1)->st_value = f.load_hi;
	drop_load_alignment(&image);
	facts_close(&f);
	ck_assert_int_eq(relvdso_reloc_check(image.data, (uint32_t)image.size, 0, top - 1),
			 RELVDSO_RELOC_OK);
	assert_wraps(image, 0, top);
	b = elf_copy(image);
	ck_assert_int_eq(relvdso_reloc_apply(b.data, (uint32_t)b.size, 0, top - 1, NULL),
			 RELVDSO_RELOC_OK);
	free(b.data);
	free(image.data);
}
END_TEST

/* A header field outside the load range wraps on its own. */
START_TEST(test_wrap_header_field)
{
	struct elf_image image = elf_load_vdso(image_names[_i]);
	struct facts f;
	/* the lowest base a move may reach (the data pages lie below it), and a field that wraps just past it */
	const uint32_t low = RELVDSO_DATA_SIZE;

	facts_open(&f, image);
	elf_phdr_at(&image, f.dyn_ph)->p_paddr = 0xffffffff - (low + 0xfff);
	drop_load_alignment(&image);
	facts_close(&f);
	ck_assert_int_eq(relvdso_reloc_check(image.data, (uint32_t)image.size, 0, low + 0xfff),
			 RELVDSO_RELOC_OK);
	assert_wraps(image, 0, low + 0x1000);
	free(image.data);
}
END_TEST

/* ---- A -> B -> A ------------------------------------------------------ */

static const uint32_t round_trips[][2] = {
	{ 0, 0xffffe000 },
	{ 0xffffe000, 0x1000 },
	{ 0x1000, 0xffffe000 },
	{ 0xfeffe000, 0xfbffe000 },
	{ 0x80000000, 0x7ffff000 },
	{ 0xfbffe000, 0 },
};

START_TEST(test_round_trip)
{
	const char *name = image_names[_i / ARRAY_SIZE(round_trips)];
	uint32_t a = round_trips[_i % ARRAY_SIZE(round_trips)][0];
	uint32_t b = round_trips[_i % ARRAY_SIZE(round_trips)][1];
	struct elf_image image = elf_load_vdso(name), at_a, work;
	struct relvdso_reloc_stats there, back;

	ck_assert_int_eq(relvdso_reloc_apply(image.data, (uint32_t)image.size, 0, a, NULL),
			 RELVDSO_RELOC_OK);
	at_a = elf_copy(image);
	work = elf_copy(image);
	ck_assert_int_eq(relvdso_reloc_apply(work.data, (uint32_t)work.size, a, b, &there),
			 RELVDSO_RELOC_OK);
	ck_assert_int_eq(relvdso_reloc_apply(work.data, (uint32_t)work.size, b, a, &back),
			 RELVDSO_RELOC_OK);
	ck_assert_mem_eq(work.data, at_a.data, at_a.size);
	assert_stats_eq(&there, &back);
	free(image.data);
	free(at_a.data);
	free(work.data);
}
END_TEST

/* An image without section headers: .dynsym found through DT_SYMTAB/DT_HASH. */
static void strip_section_headers(struct elf_image *im)
{
	elf_ehdr(im)->e_shoff = 0;
	elf_ehdr(im)->e_shnum = 0;
	elf_ehdr(im)->e_shstrndx = 0;
}

START_TEST(test_rebase_without_sections)
{
	struct elf_image image = elf_load_vdso(image_names[_i]), b;
	struct relvdso_reloc_stats stats;
	struct reloc_verify_report rep;
	struct facts f;
	uint32_t dynsym_defined = 0;

	facts_open(&f, image);
	for (size_t i = 0; i < f.sh_dynsym.sh_size / sizeof(Elf32_Sym); i++) {
		uint32_t shndx = elf_sym_at(&image, ".dynsym", i)->st_shndx;

		dynsym_defined += shndx != SHN_UNDEF && shndx < SHN_LORESERVE;
	}
	facts_close(&f);
	strip_section_headers(&image);
	b = elf_copy(image);
	ck_assert_int_eq(relvdso_reloc_apply(b.data, (uint32_t)b.size, 0, 0xfbffe000, &stats),
			 RELVDSO_RELOC_OK);
	ck_assert_uint_eq(stats.shdr, 0);
	ck_assert_uint_eq(stats.sym, dynsym_defined);
	ck_assert_msg(reloc_verify(image.data, image.size, b.data, b.size, 0, 0xfbffe000, &rep) > 0,
		      "%s", rep.msg);
	ck_assert_uint_eq(rep.counts.sym, stats.sym);
	ck_assert_uint_eq(rep.counts.dyn, stats.dyn);
	free(image.data);
	free(b.data);
}
END_TEST

/* The verifier itself must catch a field that did not move, or a stray byte. */
START_TEST(test_verify_catches_mistakes)
{
	struct elf_image image = elf_load_vdso("vdso-int80.so.dbg"), b = elf_copy(image);
	struct reloc_verify_report rep;
	struct facts f;
	Elf32_Sym *sym;

	ck_assert_int_eq(relvdso_reloc_apply(b.data, (uint32_t)b.size, 0, 0xffffe000, NULL),
			 RELVDSO_RELOC_OK);
	ck_assert_int_gt(reloc_verify(image.data, image.size, b.data, b.size, 0, 0xffffe000, &rep), 0);
	ck_assert_int_eq(reloc_verify(image.data, image.size, b.data, b.size, 0, 0xfffff000, &rep), -1);
	ck_assert_ptr_nonnull(strstr(rep.msg, "e_entry"));

	facts_open(&f, image);
	sym = elf_sym_at(&b, ".symtab", 3);
	sym->st_value -= 0xffffe000;				/* un-move one symbol */
	ck_assert_int_eq(reloc_verify(image.data, image.size, b.data, b.size, 0, 0xffffe000, &rep), -1);
	ck_assert_ptr_nonnull(strstr(rep.msg, ".symtab 3"));
	sym->st_value += 0xffffe000;
	b.data[f.sh_text.sh_offset + 1] ^= 1;			/* a code byte */
	ck_assert_int_eq(reloc_verify(image.data, image.size, b.data, b.size, 0, 0xffffe000, &rep), -1);
	ck_assert_ptr_nonnull(strstr(rep.msg, "outside any address field"));
	facts_close(&f);
	free(image.data);
	free(b.data);
}
END_TEST

/* ---- malformed images ------------------------------------------------- */

struct bad_case {
	const char *what;
	enum relvdso_reloc_err want;
	bool needs_symtab;
	/* patch @im (a copy of a real image described by @f); may shrink im->size */
	void (*patch)(struct elf_image *im, const struct facts *f);
};

/* DT_HASH: nbucket, nchain, ... (a file offset: the images are linked at 0) */
static uint32_t *hash_table(struct elf_image *im)
{
	return (uint32_t *)(im->data + elf_dyn(im, DT_HASH)->d_un.d_ptr);
}

/* One patch function per case; the table below gives each its error. */
#define BAD(name, body) \
	static void bad_##name(struct elf_image *im, const struct facts *f) \
	{ (void)im; (void)f; body; }

BAD(zero_size, im->size = 0)
BAD(trunc_header, im->size = sizeof(Elf32_Ehdr) - 1)
BAD(trunc_ident, im->size = EI_NIDENT)
BAD(magic0, im->data[EI_MAG0] = 0x7e)
BAD(magic3, im->data[EI_MAG3] = 'G')
BAD(class64, im->data[EI_CLASS] = ELFCLASS64)
BAD(class_none, im->data[EI_CLASS] = ELFCLASSNONE)
BAD(big_endian, im->data[EI_DATA] = ELFDATA2MSB)
BAD(ident_version, im->data[EI_VERSION] = 0)
BAD(e_version, elf_ehdr(im)->e_version = 2)
BAD(type_exec, elf_ehdr(im)->e_type = ET_EXEC)
BAD(type_rel, elf_ehdr(im)->e_type = ET_REL)
BAD(machine_x86_64, elf_ehdr(im)->e_machine = EM_X86_64)
BAD(ehsize, elf_ehdr(im)->e_ehsize = 64)
BAD(phentsize, elf_ehdr(im)->e_phentsize = 56)
BAD(phnum_xnum, elf_ehdr(im)->e_phnum = PN_XNUM)
BAD(phoff_past_end, elf_ehdr(im)->e_phoff = (uint32_t)im->size)
BAD(phoff_overflow, elf_ehdr(im)->e_phoff = 0xfffffff0)
BAD(phnum_too_many, elf_ehdr(im)->e_phnum = 0xfff0)
BAD(trunc_phdrs, im->size = f->eh.e_phoff + sizeof(Elf32_Phdr) - 4)
BAD(phnum_zero, elf_ehdr(im)->e_phnum = 0)
BAD(no_load, elf_phdr_at(im, f->load_ph)->p_type = PT_NULL)
BAD(load_past_end,
    elf_phdr_at(im, f->load_ph)->p_filesz = (uint32_t)im->size + 1;
    elf_phdr_at(im, f->load_ph)->p_memsz = (uint32_t)im->size + 1)
BAD(load_offset_overflow,
    elf_phdr_at(im, f->load_ph)->p_offset = 0xffffff00)
BAD(trunc_load, im->size = f->load.p_filesz - 1)
BAD(filesz_gt_memsz,
    elf_phdr_at(im, f->load_ph)->p_memsz = (uint32_t)f->load.p_filesz - 1)
BAD(load_vaddr_wraps,
    elf_phdr_at(im, f->load_ph)->p_vaddr = 0xffffff00)
BAD(shentsize, elf_ehdr(im)->e_shentsize = 64)
BAD(shoff_past_end, elf_ehdr(im)->e_shoff = (uint32_t)im->size - 8)
BAD(shoff_overflow, elf_ehdr(im)->e_shoff = 0xffffffd8)
BAD(shnum_too_many, elf_ehdr(im)->e_shnum = 0xfe00)
BAD(trunc_shdrs, im->size = im->size - 1)
BAD(shnum_xnum, elf_ehdr(im)->e_shnum = 0)
BAD(shstrndx_xindex, elf_ehdr(im)->e_shstrndx = SHN_XINDEX)
BAD(shstrndx_range, elf_ehdr(im)->e_shstrndx = (uint32_t)f->shnum)
BAD(shstrndx_not_strtab, elf_ehdr(im)->e_shstrndx = (uint32_t)f->dynsym)
BAD(section_past_end,
    elf_shdr_at(im, f->text)->sh_offset = (uint32_t)im->size)
BAD(section_size_overflow,
    elf_shdr_at(im, f->ehframe)->sh_size = 0xffffffff)
BAD(section_name,
    elf_shdr_at(im, f->text)->sh_name = 0x10000)
BAD(dynsym_link_not_strtab,
    elf_shdr_at(im, f->dynsym)->sh_link = (uint32_t)f->text)
BAD(dynsym_link_range,
    elf_shdr_at(im, f->dynsym)->sh_link = (uint32_t)f->shnum)
BAD(symtab_link_zero,
    elf_shdr_at(im, f->symtab)->sh_link = 0)
BAD(dynsym_entsize, elf_shdr_at(im, f->dynsym)->sh_entsize = 24)
BAD(symtab_entsize, elf_shdr_at(im, f->symtab)->sh_entsize = 0)
BAD(dynsym_partial_entry,
    elf_shdr_at(im, f->dynsym)->sh_size = (uint32_t)f->sh_dynsym.sh_size - 8)
BAD(dynsym_past_end,
    elf_shdr_at(im, f->dynsym)->sh_offset = (uint32_t)im->size - 16)
BAD(symtab_past_end,
    elf_shdr_at(im, f->symtab)->sh_size = (uint32_t)f->sh_symtab.sh_size + 0x10000)
/* section 0 becomes a second copy of the .dynsym header */
BAD(dynsym_twice,
    *elf_shdr_at(im, 0) = *elf_shdr_at(im, f->dynsym))
BAD(symtab_as_second_dynsym,
    elf_shdr_at(im, f->symtab)->sh_type = SHT_DYNSYM)
BAD(no_dynamic, elf_phdr_at(im, f->dyn_ph)->p_type = PT_NULL)
BAD(dynamic_twice, elf_phdr_at(im, f->note_ph)->p_type = PT_DYNAMIC)
BAD(dynamic_past_end,
    elf_phdr_at(im, f->dyn_ph)->p_offset = (uint32_t)im->size - 8)
BAD(dynamic_vaddr_elsewhere,
    elf_phdr_at(im, f->dyn_ph)->p_vaddr = (uint32_t)f->dyn.p_vaddr + 8)
BAD(dynamic_outside_load,
    elf_phdr_at(im, f->dyn_ph)->p_vaddr = f->load_hi + 0x1000)
BAD(dynamic_unterminated,
    elf_phdr_at(im, f->dyn_ph)->p_filesz = (uint32_t)f->dyn_count * sizeof(Elf32_Dyn))
BAD(dynamic_empty, elf_phdr_at(im, f->dyn_ph)->p_filesz = 4)
BAD(dyn_tag_loproc, elf_dyn(im, DT_SONAME)->d_tag = 0x70000001)
BAD(dyn_tag_gap, elf_dyn(im, DT_SONAME)->d_tag = 31)
BAD(dyn_tag_negative, elf_dyn(im, DT_SONAME)->d_tag = INT32_MIN)
BAD(dyn_tag_gnu_unknown, elf_dyn(im, DT_SONAME)->d_tag = 0x6ffffff5)
BAD(dyn_ptr_outside,
    elf_dyn(im, DT_GNU_HASH)->d_un.d_val = f->load_hi + 4)
BAD(dyn_verdef_outside,
    elf_dyn(im, DT_VERDEF)->d_un.d_val = 0xfffff000)
BAD(dyn_relocs, elf_dyn(im, DT_SONAME)->d_tag = DT_RELSZ)
BAD(dyn_pltrelsz, elf_dyn(im, DT_SONAME)->d_tag = DT_PLTRELSZ)
BAD(strtab_past_end,
    elf_dyn(im, DT_STRSZ)->d_un.d_val = 0x100000)
BAD(strtab_no_strsz, elf_dyn(im, DT_STRSZ)->d_tag = DT_SYMBOLIC)
BAD(dyn_syment, elf_dyn(im, DT_SYMENT)->d_un.d_val = 24)
/* DT_SYMTAB inside the load range but past the file bytes (p_memsz grown) */
BAD(dyn_symtab_in_bss,
    elf_phdr_at(im, f->load_ph)->p_memsz = (uint32_t)f->load.p_memsz + 0x1000;
    elf_dyn(im, DT_SYMTAB)->d_un.d_val = (uint32_t)f->load.p_filesz + 0x10)
BAD(dyn_symtab_not_dynsym,
    elf_dyn(im, DT_SYMTAB)->d_un.d_val = (uint32_t)f->sh_dynstr.sh_addr)
BAD(hash_nchain,
    hash_table(im)[1] = (uint32_t)(f->sh_dynsym.sh_size / 16) + 1)
BAD(hash_outside_file,
    elf_phdr_at(im, f->load_ph)->p_memsz = (uint32_t)f->load.p_memsz + 0x1000;
    elf_dyn(im, DT_HASH)->d_un.d_val = (uint32_t)f->load.p_filesz)
BAD(no_sections_no_hash,
    strip_section_headers(im); elf_dyn(im, DT_HASH)->d_tag = DT_GNU_HASH)
BAD(no_sections_nchain,
    strip_section_headers(im);
    hash_table(im)[1] = 0x1000)
BAD(no_sections_no_strtab,
    strip_section_headers(im); elf_dyn(im, DT_STRTAB)->d_tag = DT_GNU_HASH)
BAD(sym_name,
    elf_sym_at(im, ".dynsym", 1)->st_name = (uint32_t)f->sh_dynstr.sh_size)
BAD(symtab_sym_name, elf_sym_at(im, ".symtab", 2)->st_name = 0x7fffffff)
BAD(sym_shndx, elf_sym_at(im, ".dynsym", 1)->st_shndx = (uint32_t)f->shnum)
BAD(symtab_sym_shndx, elf_sym_at(im, ".symtab", 3)->st_shndx = 0xfeff)
BAD(sym_shndx_xindex, elf_sym_at(im, ".dynsym", 1)->st_shndx = SHN_XINDEX)
BAD(sym_tls,
    elf_sym_at(im, ".dynsym", 1)->st_info = ELF32_ST_INFO(STB_GLOBAL, STT_TLS))
BAD(sym_outside_load, elf_sym_at(im, ".dynsym", 1)->st_value = f->load_hi + 1)
BAD(symtab_sym_outside, elf_sym_at(im, ".symtab", 3)->st_value = 0xfffffff0)
BAD(entry_outside_load, elf_ehdr(im)->e_entry = f->load_hi + 0x1000)
/* .symtab made an exact alias of .dynsym: every symbol would move twice */
BAD(symtab_aliases_dynsym,
    elf_shdr_at(im, f->symtab)->sh_offset = (uint32_t)f->sh_dynsym.sh_offset;
    elf_shdr_at(im, f->symtab)->sh_size = (uint32_t)f->sh_dynsym.sh_size;
    elf_shdr_at(im, f->symtab)->sh_link = (uint32_t)f->dynstr)
/*
 * DT_HASH's nbucket/nchain read from symbol 1 of .dynsym, nchain (its
 * st_value) still equal to the symbol count: only the overlap check can
 * tell.  The two tables are far apart in the region list, not neighbours.
 */
BAD(hash_head_in_dynsym,
    elf_sym_at(im, ".dynsym", 1)->st_value = (uint32_t)(f->sh_dynsym.sh_size / sizeof(Elf32_Sym));
    elf_dyn(im, DT_HASH)->d_un.d_val = (uint32_t)f->sh_dynsym.sh_addr + 16)
/* what libelf refuses to read as records: a partial entry, compressed bytes */
BAD(dynamic_partial_entry,
    elf_shdr(im, ".dynamic")->sh_size = (uint32_t)f->dyn.p_filesz - 4)
BAD(versym_partial_entry,
    elf_shdr(im, ".gnu.version")->sh_size -= 1)
BAD(hash_partial_entry,
    elf_shdr(im, ".hash")->sh_size -= 2)
BAD(text_compressed, elf_shdr_at(im, f->text)->sh_flags |= SHF_COMPRESSED)
BAD(symtab_compressed, elf_shdr(im, ".symtab")->sh_flags |= SHF_COMPRESSED)
/* PT_DYNAMIC pointed at the program header table */
BAD(dynamic_over_phdrs,
    elf_phdr_at(im, f->dyn_ph)->p_offset = (uint32_t)f->eh.e_phoff;
    elf_phdr_at(im, f->dyn_ph)->p_vaddr = (uint32_t)f->eh.e_phoff;
    elf_phdr_at(im, f->dyn_ph)->p_filesz = 2 * sizeof(Elf32_Phdr))

#undef BAD

static const struct bad_case bad_cases[] = {
#define C(name, err, symtab)	{ #name, RELVDSO_RELOC_##err, symtab, bad_##name }
	C(zero_size, E_NULL, 0),
	C(trunc_header, E_TRUNCATED, 0),
	C(trunc_ident, E_TRUNCATED, 0),
	C(magic0, E_MAGIC, 0),
	C(magic3, E_MAGIC, 0),
	C(class64, E_CLASS, 0),
	C(class_none, E_CLASS, 0),
	C(big_endian, E_DATA, 0),
	C(ident_version, E_VERSION, 0),
	C(e_version, E_VERSION, 0),
	C(type_exec, E_TYPE, 0),
	C(type_rel, E_TYPE, 0),
	C(machine_x86_64, E_MACHINE, 0),
	C(ehsize, E_EHSIZE, 0),
	C(phentsize, E_PHENTSIZE, 0),
	C(phnum_xnum, E_XNUM, 0),
	C(phoff_past_end, E_PHDRS_RANGE, 0),
	C(phoff_overflow, E_PHDRS_RANGE, 0),
	C(phnum_too_many, E_PHDRS_RANGE, 0),
	C(trunc_phdrs, E_PHDRS_RANGE, 0),
	C(phnum_zero, E_NO_LOAD, 0),
	C(no_load, E_NO_LOAD, 0),
	C(load_past_end, E_SEGMENT_RANGE, 0),
	C(load_offset_overflow, E_SEGMENT_RANGE, 0),
	C(trunc_load, E_SEGMENT_RANGE, 0),
	C(filesz_gt_memsz, E_SEGMENT_SIZE, 0),
	C(load_vaddr_wraps, E_SEGMENT_WRAP, 0),
	C(shentsize, E_SHENTSIZE, 0),
	C(shoff_past_end, E_SHDRS_RANGE, 0),
	C(shoff_overflow, E_SHDRS_RANGE, 0),
	C(shnum_too_many, E_SHDRS_RANGE, 0),
	C(trunc_shdrs, E_SHDRS_RANGE, 0),
	C(shnum_xnum, E_XNUM, 0),
	C(shstrndx_xindex, E_XNUM, 0),
	C(shstrndx_range, E_SHSTRNDX, 0),
	C(shstrndx_not_strtab, E_SHSTRNDX, 0),
	C(section_past_end, E_SECTION_RANGE, 0),
	C(section_size_overflow, E_SECTION_RANGE, 0),
	C(section_name, E_SECTION_NAME, 0),
	C(dynsym_link_not_strtab, E_SECTION_LINK, 0),
	C(dynsym_link_range, E_SECTION_LINK, 0),
	C(symtab_link_zero, E_SECTION_LINK, 1),
	C(dynsym_entsize, E_SYMENT, 0),
	C(symtab_entsize, E_SYMENT, 1),
	C(dynsym_partial_entry, E_SYMTAB_RANGE, 0),
	C(dynsym_past_end, E_SYMTAB_RANGE, 0),
	C(symtab_past_end, E_SYMTAB_RANGE, 1),
	C(dynsym_twice, E_SYMTAB_DUP, 0),
	C(symtab_as_second_dynsym, E_SYMTAB_DUP, 1),
	C(no_dynamic, E_NO_DYNAMIC, 0),
	C(dynamic_twice, E_DYNAMIC_DUP, 0),
	C(dynamic_past_end, E_DYNAMIC_RANGE, 0),
	C(dynamic_vaddr_elsewhere, E_DYNAMIC_RANGE, 0),
	C(dynamic_outside_load, E_DYNAMIC_RANGE, 0),
	C(dynamic_unterminated, E_DYNAMIC_UNTERMINATED, 0),
	C(dynamic_empty, E_DYNAMIC_UNTERMINATED, 0),
	C(dyn_tag_loproc, E_DYN_TAG, 0),
	C(dyn_tag_gap, E_DYN_TAG, 0),
	C(dyn_tag_negative, E_DYN_TAG, 0),
	C(dyn_tag_gnu_unknown, E_DYN_TAG, 0),
	C(dyn_ptr_outside, E_DYN_ADDR, 0),
	C(dyn_verdef_outside, E_DYN_ADDR, 0),
	C(dyn_relocs, E_DYN_RELOCS, 0),
	C(dyn_pltrelsz, E_DYN_RELOCS, 0),
	C(strtab_past_end, E_STRTAB_RANGE, 0),
	C(strtab_no_strsz, E_STRTAB_RANGE, 0),
	C(dyn_syment, E_SYMENT, 0),
	C(dyn_symtab_in_bss, E_SYMTAB_RANGE, 0),
	C(dyn_symtab_not_dynsym, E_DYNSYM_MISMATCH, 0),
	C(hash_nchain, E_HASH, 0),
	C(hash_outside_file, E_HASH, 0),
	C(no_sections_no_hash, E_HASH, 0),
	C(no_sections_nchain, E_SYMTAB_RANGE, 0),
	C(no_sections_no_strtab, E_STRTAB_RANGE, 0),
	C(sym_name, E_SYM_NAME, 0),
	C(symtab_sym_name, E_SYM_NAME, 1),
	C(sym_shndx, E_SYM_SHNDX, 0),
	C(symtab_sym_shndx, E_SYM_SHNDX, 1),
	C(sym_shndx_xindex, E_XNUM, 0),
	C(sym_tls, E_SYM_TLS, 0),
	C(sym_outside_load, E_SYM_ADDR, 0),
	C(symtab_sym_outside, E_SYM_ADDR, 1),
	C(entry_outside_load, E_ENTRY_ADDR, 0),
	C(symtab_aliases_dynsym, E_OVERLAP, 1),
	C(dynamic_over_phdrs, E_OVERLAP, 0),
	C(hash_head_in_dynsym, E_OVERLAP, 0),
	C(dynamic_partial_entry, E_SECTION_ENTSIZE, 0),
	C(versym_partial_entry, E_SECTION_ENTSIZE, 0),
	C(hash_partial_entry, E_SECTION_ENTSIZE, 0),
	C(text_compressed, E_SECTION_COMPRESSED, 0),
	C(symtab_compressed, E_SECTION_COMPRESSED, 1),
#undef C
};

/* Patch a copy of @name per @c; returns the error apply gave. */
static enum relvdso_reloc_err run_bad_case(const struct bad_case *c, const char *name)
{
	struct elf_image image = elf_load_vdso(name), bad, before;
	struct relvdso_reloc_stats stats;
	struct facts f;
	size_t size;
	enum relvdso_reloc_err err;

	facts_open(&f, image);
	bad = elf_copy(image);
	c->patch(&bad, &f);
	facts_close(&f);
	/* the relocator sees the patched size; the whole buffer must stay as it was */
	size = bad.size;
	bad.size = image.size;
	before = elf_copy(bad);

	memset(&stats, STATS_POISON, sizeof(stats));
	err = relvdso_reloc_check(bad.data, (uint32_t)size, 0, 0xfbffe000);
	ck_assert_msg(err == c->want, "%s on %s: check gave %d (%s), want %d (%s)",
		      c->what, name, err, relvdso_reloc_strerror(err), c->want,
		      relvdso_reloc_strerror(c->want));
	err = relvdso_reloc_apply(bad.data, (uint32_t)size, 0, 0xfbffe000, &stats);
	ck_assert_msg(err == c->want, "%s on %s: apply gave %d (%s)", c->what, name,
		      err, relvdso_reloc_strerror(err));
	ck_assert_msg(!memcmp(bad.data, before.data, bad.size),
		      "%s on %s: rejected image was modified", c->what, name);
	assert_stats_zero(&stats);
	free(image.data);
	free(bad.data);
	free(before.data);
	return err;
}

START_TEST(test_malformed)
{
	const struct bad_case *c = &bad_cases[_i];

	for (size_t i = 0; i < ARRAY_SIZE(image_names); i++)
		if (!c->needs_symtab || has_symtab(image_names[i]))
			run_bad_case(c, image_names[i]);
}
END_TEST

/* @old -> @new refused with @want, the image byte-identical and no stats. */
static void assert_move_refused(struct elf_image image, uint32_t old, uint32_t new,
				enum relvdso_reloc_err want)
{
	struct elf_image b = elf_copy(image);
	struct relvdso_reloc_stats stats;
	enum relvdso_reloc_err err;

	memset(&stats, STATS_POISON, sizeof(stats));
	err = relvdso_reloc_check(b.data, (uint32_t)b.size, old, new);
	ck_assert_msg(err == want, "0x%x -> 0x%x: check gave %d (%s), want %d (%s)", old, new,
		      err, relvdso_reloc_strerror(err), want, relvdso_reloc_strerror(want));
	ck_assert_int_eq(relvdso_reloc_apply(b.data, (uint32_t)b.size, old, new, &stats), want);
	ck_assert_mem_eq(b.data, image.data, image.size);
	assert_stats_zero(&stats);
	free(b.data);
}

/* The move starts where the image is linked: its first PT_LOAD's p_vaddr. */
START_TEST(test_old_base_is_the_linked_base)
{
	struct elf_image image = elf_load_vdso(image_names[_i]);

	assert_move_refused(image, 0x1234, 0x2000, RELVDSO_RELOC_E_OLD_BASE);
	assert_move_refused(image, 0x1000, 0x2000, RELVDSO_RELOC_E_OLD_BASE);
	ck_assert_int_eq(relvdso_reloc_apply(image.data, (uint32_t)image.size, 0, 0xfbffe000, NULL),
			 RELVDSO_RELOC_OK);
	assert_move_refused(image, 0, 0x1000, RELVDSO_RELOC_E_OLD_BASE);
	assert_move_refused(image, 0, 0, RELVDSO_RELOC_E_OLD_BASE);
	ck_assert_int_eq(relvdso_reloc_check(image.data, (uint32_t)image.size, 0xfbffe000, 0),
			 RELVDSO_RELOC_OK);
	free(image.data);
}
END_TEST

/* new_base == old_base modulo the PT_LOAD's p_align; p_align 0 and 1 ask nothing. */
START_TEST(test_new_base_keeps_p_align)
{
	struct elf_image image = elf_load_vdso(image_names[_i]);
	Elf32_Phdr *load = elf_phdr(&image, PT_LOAD, 0);
	static const uint32_t unaligned[] = { 0x1001, 0x800, 0xfbffe004, 0xfffff };

	ck_assert_uint_eq(load->p_align, 0x1000);
	for (size_t i = 0; i < ARRAY_SIZE(unaligned); i++)
		assert_move_refused(image, 0, unaligned[i], RELVDSO_RELOC_E_ALIGN);
	load->p_align = 0x10;
	ck_assert_int_eq(relvdso_reloc_check(image.data, (uint32_t)image.size, 0, 0x1010),
			 RELVDSO_RELOC_OK);
	assert_move_refused(image, 0, 0x1008, RELVDSO_RELOC_E_ALIGN);
	/* linked off the alignment's zero: congruence, not multiples */
	load->p_align = 0x1000;
	ck_assert_int_eq(relvdso_reloc_apply(image.data, (uint32_t)image.size, 0, 0x3000, NULL),
			 RELVDSO_RELOC_OK);
	load->p_align = 0x2000;		/* 0x3000 is 0x1000 mod 0x2000, so must the new base be */
	ck_assert_int_eq(relvdso_reloc_check(image.data, (uint32_t)image.size, 0x3000, 0x5000),
			 RELVDSO_RELOC_OK);
	assert_move_refused(image, 0x3000, 0x4000, RELVDSO_RELOC_E_ALIGN);
	load->p_align = 0x3000;		/* not a power of two: the rule still holds */
	ck_assert_int_eq(relvdso_reloc_check(image.data, (uint32_t)image.size, 0x3000, 0x9000),
			 RELVDSO_RELOC_OK);
	assert_move_refused(image, 0x3000, 0x4000, RELVDSO_RELOC_E_ALIGN);
	for (uint32_t align = 0; align <= 1; align++) {
		load->p_align = align;
		ck_assert_int_eq(relvdso_reloc_check(image.data, (uint32_t)image.size, 0x3000,
						     0x1001), RELVDSO_RELOC_OK);
	}
	free(image.data);
}
END_TEST

/*
 * Every mapping puts the data pages right below the image, so a new base
 * must leave RELVDSO_DATA_SIZE bytes under it; 0, where images are linked
 * (and a relocated copy goes back to), is no mapping.  Real images are
 * page-aligned, so only an alignment of 1 reaches the bases in between.
 */
START_TEST(test_new_base_leaves_room_for_data)
{
	struct elf_image image = elf_load_vdso(image_names[_i]);
	static const uint32_t too_low[] = { 1, 0x800, RELVDSO_DATA_SIZE - 1 };

	ck_assert_int_eq(relvdso_reloc_check(image.data, (uint32_t)image.size, 0, RELVDSO_DATA_SIZE),
			 RELVDSO_RELOC_OK);
	drop_load_alignment(&image);
	for (size_t i = 0; i < ARRAY_SIZE(too_low); i++)
		assert_move_refused(image, 0, too_low[i], RELVDSO_RELOC_E_DATA_ROOM);
	ck_assert_int_eq(relvdso_reloc_check(image.data, (uint32_t)image.size, 0, 0), RELVDSO_RELOC_OK);
	ck_assert_int_eq(relvdso_reloc_check(image.data, (uint32_t)image.size, 0, RELVDSO_DATA_SIZE),
			 RELVDSO_RELOC_OK);
	/* back to 0 from anywhere is undoing a move, not a mapping */
	ck_assert_int_eq(relvdso_reloc_apply(image.data, (uint32_t)image.size, 0, 0x12345, NULL),
			 RELVDSO_RELOC_OK);
	ck_assert_int_eq(relvdso_reloc_check(image.data, (uint32_t)image.size, 0x12345, 0),
			 RELVDSO_RELOC_OK);
	assert_move_refused(image, 0x12345, RELVDSO_DATA_SIZE - 1, RELVDSO_RELOC_E_DATA_ROOM);
	free(image.data);
}
END_TEST

START_TEST(test_null_image)
{
	struct relvdso_reloc_stats stats;
	uint8_t byte = 0x7f;

	memset(&stats, STATS_POISON, sizeof(stats));
	ck_assert_int_eq(relvdso_reloc_check(NULL, 4096, 0, 0x1000), RELVDSO_RELOC_E_NULL);
	ck_assert_int_eq(relvdso_reloc_apply(NULL, 4096, 0, 0x1000, &stats), RELVDSO_RELOC_E_NULL);
	assert_stats_zero(&stats);
	ck_assert_int_eq(relvdso_reloc_apply(&byte, 1, 0, 0x1000, NULL), RELVDSO_RELOC_E_TRUNCATED);
	ck_assert_uint_eq(byte, 0x7f);
}
END_TEST

/* The size limit: a real image padded to exactly the limit passes, one byte more is refused untouched. */
START_TEST(test_size_limit)
{
	struct elf_image im = elf_load_vdso("vdso-int80.so");
	struct elf_image before;

	elf_grow(&im, RELVDSO_RELOC_MAX_SIZE - im.size);
	ck_assert_int_eq(relvdso_reloc_check(im.data, (uint32_t)im.size, 0, 0x1000), RELVDSO_RELOC_OK);
	elf_grow(&im, 1);
	before = elf_copy(im);
	ck_assert_int_eq(relvdso_reloc_check(im.data, (uint32_t)im.size, 0, 0x1000), RELVDSO_RELOC_E_TOO_BIG);
	ck_assert_int_eq(relvdso_reloc_apply(im.data, (uint32_t)im.size, 0, 0x1000, NULL),
			 RELVDSO_RELOC_E_TOO_BIG);
	ck_assert_mem_eq(im.data, before.data, im.size);
	free(before.data);
	free(im.data);
}
END_TEST

/* Every error code has its own string and at least one case above. */
START_TEST(test_error_strings_and_coverage)
{
	bool produced[RELVDSO_RELOC_E_COUNT] = { false };

	produced[RELVDSO_RELOC_E_WRAP] = true;		/* test_wrap_rejected */
	produced[RELVDSO_RELOC_E_OLD_BASE] = true;	/* test_old_base_is_the_linked_base */
	produced[RELVDSO_RELOC_E_ALIGN] = true;		/* test_new_base_keeps_p_align */
	produced[RELVDSO_RELOC_E_TOO_BIG] = true;	/* test_size_limit */
	produced[RELVDSO_RELOC_E_DATA_ROOM] = true;	/* test_new_base_leaves_room_for_data */
	for (size_t i = 0; i < ARRAY_SIZE(bad_cases); i++)
		produced[bad_cases[i].want] = true;

	for (int e = RELVDSO_RELOC_OK; e < RELVDSO_RELOC_E_COUNT; e++) {
		const char *s = relvdso_reloc_strerror(e);

		ck_assert_ptr_nonnull(s);
		ck_assert_msg(*s, "error %d has an empty string", e);
		for (int o = RELVDSO_RELOC_OK; o < e; o++)
			ck_assert_msg(strcmp(s, relvdso_reloc_strerror(o)),
				      "errors %d and %d share \"%s\"", o, e, s);
		if (e != RELVDSO_RELOC_OK)
			ck_assert_msg(produced[e], "no test produces error %d (%s)", e, s);
	}
	ck_assert_ptr_nonnull(relvdso_reloc_strerror(RELVDSO_RELOC_E_COUNT));
	ck_assert_ptr_nonnull(relvdso_reloc_strerror((enum relvdso_reloc_err)-1));
	ck_assert_uint_ge(ARRAY_SIZE(bad_cases), 30);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("reloc");
	TCase *tc;

	tc = tcase_create("real images");
	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, test_rebase_real_images, 0,
			    (int)(ARRAY_SIZE(image_names) * ARRAY_SIZE(bases)));
	tcase_add_loop_test(tc, test_rebase_to_top_of_address_space, 0, (int)ARRAY_SIZE(image_names));
	tcase_add_loop_test(tc, test_wrap_rejected, 0, (int)ARRAY_SIZE(image_names));
	tcase_add_loop_test(tc, test_wrap_symbol_at_end_of_range, 0, (int)ARRAY_SIZE(image_names));
	tcase_add_loop_test(tc, test_wrap_header_field, 0, (int)ARRAY_SIZE(image_names));
	tcase_add_loop_test(tc, test_round_trip, 0,
			    (int)(ARRAY_SIZE(image_names) * ARRAY_SIZE(round_trips)));
	tcase_add_loop_test(tc, test_rebase_without_sections, 0, (int)ARRAY_SIZE(image_names));
	tcase_add_test(tc, test_verify_catches_mistakes);
	suite_add_tcase(s, tc);

	tc = tcase_create("malformed");
	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, test_malformed, 0, (int)ARRAY_SIZE(bad_cases));
	tcase_add_loop_test(tc, test_old_base_is_the_linked_base, 0, (int)ARRAY_SIZE(image_names));
	tcase_add_loop_test(tc, test_new_base_keeps_p_align, 0, (int)ARRAY_SIZE(image_names));
	tcase_add_loop_test(tc, test_new_base_leaves_room_for_data, 0, (int)ARRAY_SIZE(image_names));
	tcase_add_test(tc, test_null_image);
	tcase_add_test(tc, test_size_limit);
	tcase_add_test(tc, test_error_strings_and_coverage);
	suite_add_tcase(s, tc);
	return s;
}
