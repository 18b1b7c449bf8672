// SPDX-License-Identifier: GPL-2.0-only
/*
 * Relocator: the real images rebased and cross-checked with libelf, the
 * 32-bit wrap, A->B->A, a table of malformed images (each must fail with
 * its own code and stay byte-identical), the error strings, and the
 * vdso-reloc tool end to end.
 *
 * Images come from $RELVDSO_BUILD/vdso (default "build").
 */
#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <relvdso/reloc.h>

#include "../tools/reloc_verify.h"
#include "vdso_testutil.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define STATS_POISON	0xa5

static const char *const image_names[] = {
	"vdso-int80.so", "vdso-sysenter.so", "vdso-syscall.so",
	"vdso-int80.so.dbg", "vdso-sysenter.so.dbg", "vdso-syscall.so.dbg",
};

static const uint32_t bases[] = {
	0xffffe000, 0xfbffe000, 0xfeffe000, 0x1000, 0x00400000, 0x80000000,
	0xc0000000, 0,
};

struct blob {
	uint8_t *data;
	size_t size;
};

static const char *build_dir(void)
{
	const char *b = getenv("RELVDSO_BUILD");

	return b && *b ? b : "build";
}

static struct blob read_blob(const char *path)
{
	struct blob b;

	b.data = slurp(path, &b.size);
	return b;
}

static struct blob load_image(const char *name)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/vdso/%s", build_dir(), name);
	return read_blob(path);
}

static struct blob copy_blob(struct blob b)
{
	struct blob c = { malloc(b.size + 1), b.size };

	ck_assert_ptr_nonnull(c.data);
	memcpy(c.data, b.data, b.size);
	return c;
}

static bool has_symtab(const char *name)
{
	return strstr(name, ".dbg") != NULL;
}

static void put(uint8_t *p, size_t width, uint32_t v)
{
	for (size_t i = 0; i < width; i++, v >>= 8)
		p[i] = (uint8_t)v;
}

static uint32_t get(const uint8_t *p, size_t width)
{
	uint32_t v = 0;

	while (width--)
		v = v << 8 | p[width];
	return v;
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

static void facts_open(struct facts *f, struct blob b)
{
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
	for (f->dyn_count = 0; f->dyn_count < f->dyn.p_filesz / 8; f->dyn_count++)
		if (get(b.data + f->dyn.p_offset + f->dyn_count * 8, 4) == DT_NULL)
			break;
	f->dynsym = find_section(f, ".dynsym", &f->sh_dynsym);
	f->symtab = find_section(f, ".symtab", &f->sh_symtab);
	f->dynstr = find_section(f, ".dynstr", &f->sh_dynstr);
	f->text = find_section(f, ".text", &f->sh_text);
	f->ehframe = find_section(f, ".eh_frame", &f->sh_ehframe);
	ck_assert_int_gt(f->dynsym, 0);
	ck_assert_int_gt(f->dynstr, 0);
	ck_assert_int_gt(f->text, 0);
	f->vsyscall = find_symbol(f, &f->sh_dynsym, f->dynsym, "__kernel_vsyscall");
}

static void facts_close(struct facts *f)
{
	elf_end(f->elf);
}

/* Offset of the dynamic entry with @tag, or abort. */
static size_t dyn_entry(const struct facts *f, const uint8_t *img, uint32_t tag)
{
	for (size_t i = 0; i < f->dyn_count; i++) {
		size_t at = f->dyn.p_offset + i * sizeof(Elf32_Dyn);

		if (get(img + at, 4) == tag)
			return at;
	}
	ck_abort_msg("dynamic tag 0x%x not found", tag);
	return 0;
}

#define FIELD_W(type, field)	sizeof(((type *)0)->field)
#define PUT_EHDR(img, field, v) \
	put((img) + offsetof(Elf32_Ehdr, field), FIELD_W(Elf32_Ehdr, field), (v))
#define PHDR_AT(f, i, field)	((f)->eh.e_phoff + (size_t)(i) * sizeof(Elf32_Phdr) + \
				 offsetof(Elf32_Phdr, field))
#define PUT_PHDR(img, f, i, field, v) \
	put((img) + PHDR_AT(f, i, field), FIELD_W(Elf32_Phdr, field), (v))
#define SHDR_AT(f, i, field)	((f)->eh.e_shoff + (size_t)(i) * sizeof(Elf32_Shdr) + \
				 offsetof(Elf32_Shdr, field))
#define PUT_SHDR(img, f, i, field, v) \
	put((img) + SHDR_AT(f, i, field), FIELD_W(Elf32_Shdr, field), (v))
#define SYM_AT(sh, i, field)	((sh).sh_offset + (size_t)(i) * sizeof(Elf32_Sym) + \
				 offsetof(Elf32_Sym, field))
#define PUT_SYM(img, sh, i, field, v) \
	put((img) + SYM_AT(sh, i, field), FIELD_W(Elf32_Sym, field), (v))

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
static void assert_moved(struct blob before, struct blob after, uint32_t base,
			 const char *name)
{
	struct facts fb, fa;
	uint32_t delta = base - (uint32_t)0;
	Elf_Data *db, *da;

	facts_open(&fb, before);
	facts_open(&fa, after);
	ck_assert_uint_eq(fa.load.p_vaddr, base);
	ck_assert_uint_eq(fa.eh.e_entry, base + fb.vsyscall);
	ck_assert_uint_eq(find_symbol(&fa, &fa.sh_dynsym, fa.dynsym, "__kernel_vsyscall"),
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
	struct blob before = load_image(name), after = copy_blob(before);
	struct relvdso_reloc_stats stats, want;
	struct reloc_verify_report rep;
	struct facts f;
	int fields;

	ck_assert_int_eq(relvdso_reloc_check(after.data, (uint32_t)after.size, 0, base),
			 RELVDSO_RELOC_OK);
	ck_assert_int_eq(relvdso_reloc_apply(after.data, (uint32_t)after.size, 0, base, &stats),
			 RELVDSO_RELOC_OK);

	fields = reloc_verify(before.data, before.size, after.data, after.size, base, &rep);
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

/* The load range may end exactly at 2^32; one byte more wraps. */
START_TEST(test_rebase_to_top_of_address_space)
{
	struct blob before = load_image(image_names[_i]), b = copy_blob(before);
	struct relvdso_reloc_stats stats;
	struct reloc_verify_report rep;
	struct facts f;
	uint32_t top;

	facts_open(&f, before);
	top = (uint32_t)(0x100000000ull - f.load_hi);
	facts_close(&f);
	ck_assert_int_eq(relvdso_reloc_apply(b.data, (uint32_t)b.size, 0, top + 1, &stats),
			 RELVDSO_RELOC_E_WRAP);
	ck_assert_mem_eq(b.data, before.data, before.size);
	ck_assert_int_eq(relvdso_reloc_apply(b.data, (uint32_t)b.size, 0, top, &stats),
			 RELVDSO_RELOC_OK);
	ck_assert_int_gt(reloc_verify(before.data, before.size, b.data, b.size, top, &rep), 0);
	free(before.data);
	free(b.data);
}
END_TEST

static void assert_wraps(struct blob image, uint32_t old_base, uint32_t new_base)
{
	struct blob b = copy_blob(image);
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
	struct blob image = load_image(image_names[_i]);
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
	struct blob image = load_image(image_names[_i]), b;
	struct facts f;
	uint32_t top;

	facts_open(&f, image);
	top = (uint32_t)(0x100000000ull - f.load_hi);
	PUT_SYM(image.data, f.sh_dynsym, 1, st_value, f.load_hi);
	facts_close(&f);
	ck_assert_int_eq(relvdso_reloc_check(image.data, (uint32_t)image.size, 0, top - 1),
			 RELVDSO_RELOC_OK);
	assert_wraps(image, 0, top);
	b = copy_blob(image);
	ck_assert_int_eq(relvdso_reloc_apply(b.data, (uint32_t)b.size, 0, top - 1, NULL),
			 RELVDSO_RELOC_OK);
	free(b.data);
	free(image.data);
}
END_TEST

/* A header field outside the load range wraps on its own. */
START_TEST(test_wrap_header_field)
{
	struct blob image = load_image(image_names[_i]);
	struct facts f;

	facts_open(&f, image);
	PUT_PHDR(image.data, &f, f.dyn_ph, p_paddr, 0xfffff000);
	facts_close(&f);
	ck_assert_int_eq(relvdso_reloc_check(image.data, (uint32_t)image.size, 0, 0xfff),
			 RELVDSO_RELOC_OK);
	assert_wraps(image, 0, 0x1000);
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
	struct blob image = load_image(name), at_a, work;
	struct relvdso_reloc_stats there, back;

	ck_assert_int_eq(relvdso_reloc_apply(image.data, (uint32_t)image.size, 0, a, NULL),
			 RELVDSO_RELOC_OK);
	at_a = copy_blob(image);
	work = copy_blob(image);
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
static void strip_section_headers(uint8_t *img)
{
	PUT_EHDR(img, e_shoff, 0);
	PUT_EHDR(img, e_shnum, 0);
	PUT_EHDR(img, e_shstrndx, 0);
}

START_TEST(test_rebase_without_sections)
{
	struct blob image = load_image(image_names[_i]), b;
	struct relvdso_reloc_stats stats;
	struct reloc_verify_report rep;
	struct facts f;
	uint32_t dynsym_defined = 0;

	facts_open(&f, image);
	for (size_t i = 0; i < f.sh_dynsym.sh_size / sizeof(Elf32_Sym); i++) {
		uint32_t shndx = get(image.data + SYM_AT(f.sh_dynsym, i, st_shndx), 2);

		dynsym_defined += shndx != SHN_UNDEF && shndx < SHN_LORESERVE;
	}
	facts_close(&f);
	strip_section_headers(image.data);
	b = copy_blob(image);
	ck_assert_int_eq(relvdso_reloc_apply(b.data, (uint32_t)b.size, 0, 0xfbffe000, &stats),
			 RELVDSO_RELOC_OK);
	ck_assert_uint_eq(stats.shdr, 0);
	ck_assert_uint_eq(stats.sym, dynsym_defined);
	ck_assert_msg(reloc_verify(image.data, image.size, b.data, b.size, 0xfbffe000, &rep) > 0,
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
	struct blob image = load_image("vdso-int80.so.dbg"), b = copy_blob(image);
	struct reloc_verify_report rep;
	struct facts f;
	size_t at;

	ck_assert_int_eq(relvdso_reloc_apply(b.data, (uint32_t)b.size, 0, 0xffffe000, NULL),
			 RELVDSO_RELOC_OK);
	ck_assert_int_gt(reloc_verify(image.data, image.size, b.data, b.size, 0xffffe000, &rep), 0);
	ck_assert_int_eq(reloc_verify(image.data, image.size, b.data, b.size, 0xfffff000, &rep), -1);
	ck_assert_ptr_nonnull(strstr(rep.msg, "e_entry"));

	facts_open(&f, image);
	at = SYM_AT(f.sh_symtab, 3, st_value);
	put(b.data + at, 4, get(b.data + at, 4) - 0xffffe000);	/* un-move one symbol */
	ck_assert_int_eq(reloc_verify(image.data, image.size, b.data, b.size, 0xffffe000, &rep), -1);
	ck_assert_ptr_nonnull(strstr(rep.msg, ".symtab 3"));
	put(b.data + at, 4, get(b.data + at, 4) + 0xffffe000);
	b.data[f.sh_text.sh_offset + 1] ^= 1;			/* a code byte */
	ck_assert_int_eq(reloc_verify(image.data, image.size, b.data, b.size, 0xffffe000, &rep), -1);
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
	/* patch @img (a copy of a real image described by @f); may shrink *size */
	void (*patch)(uint8_t *img, size_t *size, const struct facts *f);
};

/* One patch function per case; the table below gives each its error. */
#define BAD(name, body) \
	static void bad_##name(uint8_t *img, size_t *size, const struct facts *f) \
	{ (void)img; (void)size; (void)f; body; }

BAD(zero_size, *size = 0)
BAD(trunc_header, *size = sizeof(Elf32_Ehdr) - 1)
BAD(trunc_ident, *size = EI_NIDENT)
BAD(magic0, img[EI_MAG0] = 0x7e)
BAD(magic3, img[EI_MAG3] = 'G')
BAD(class64, img[EI_CLASS] = ELFCLASS64)
BAD(class_none, img[EI_CLASS] = ELFCLASSNONE)
BAD(big_endian, img[EI_DATA] = ELFDATA2MSB)
BAD(ident_version, img[EI_VERSION] = 0)
BAD(e_version, PUT_EHDR(img, e_version, 2))
BAD(type_exec, PUT_EHDR(img, e_type, ET_EXEC))
BAD(type_rel, PUT_EHDR(img, e_type, ET_REL))
BAD(machine_x86_64, PUT_EHDR(img, e_machine, EM_X86_64))
BAD(ehsize, PUT_EHDR(img, e_ehsize, 64))
BAD(phentsize, PUT_EHDR(img, e_phentsize, 56))
BAD(phnum_xnum, PUT_EHDR(img, e_phnum, PN_XNUM))
BAD(phoff_past_end, PUT_EHDR(img, e_phoff, (uint32_t)*size))
BAD(phoff_overflow, PUT_EHDR(img, e_phoff, 0xfffffff0))
BAD(phnum_too_many, PUT_EHDR(img, e_phnum, 0xfff0))
BAD(trunc_phdrs, *size = f->eh.e_phoff + sizeof(Elf32_Phdr) - 4)
BAD(phnum_zero, PUT_EHDR(img, e_phnum, 0))
BAD(no_load, PUT_PHDR(img, f, f->load_ph, p_type, PT_NULL))
BAD(load_past_end,
    PUT_PHDR(img, f, f->load_ph, p_filesz, (uint32_t)*size + 1);
    PUT_PHDR(img, f, f->load_ph, p_memsz, (uint32_t)*size + 1))
BAD(load_offset_overflow,
    PUT_PHDR(img, f, f->load_ph, p_offset, 0xffffff00))
BAD(trunc_load, *size = f->load.p_filesz - 1)
BAD(filesz_gt_memsz,
    PUT_PHDR(img, f, f->load_ph, p_memsz, (uint32_t)f->load.p_filesz - 1))
BAD(load_vaddr_wraps,
    PUT_PHDR(img, f, f->load_ph, p_vaddr, 0xffffff00))
BAD(shentsize, PUT_EHDR(img, e_shentsize, 64))
BAD(shoff_past_end, PUT_EHDR(img, e_shoff, (uint32_t)*size - 8))
BAD(shoff_overflow, PUT_EHDR(img, e_shoff, 0xffffffd8))
BAD(shnum_too_many, PUT_EHDR(img, e_shnum, 0xfe00))
BAD(trunc_shdrs, *size = *size - 1)
BAD(shnum_xnum, PUT_EHDR(img, e_shnum, 0))
BAD(shstrndx_xindex, PUT_EHDR(img, e_shstrndx, SHN_XINDEX))
BAD(shstrndx_range, PUT_EHDR(img, e_shstrndx, (uint32_t)f->shnum))
BAD(shstrndx_not_strtab, PUT_EHDR(img, e_shstrndx, (uint32_t)f->dynsym))
BAD(section_past_end,
    PUT_SHDR(img, f, f->text, sh_offset, (uint32_t)*size))
BAD(section_size_overflow,
    PUT_SHDR(img, f, f->ehframe, sh_size, 0xffffffff))
BAD(section_name,
    PUT_SHDR(img, f, f->text, sh_name, 0x10000))
BAD(dynsym_link_not_strtab,
    PUT_SHDR(img, f, f->dynsym, sh_link, (uint32_t)f->text))
BAD(dynsym_link_range,
    PUT_SHDR(img, f, f->dynsym, sh_link, (uint32_t)f->shnum))
BAD(symtab_link_zero,
    PUT_SHDR(img, f, f->symtab, sh_link, 0))
BAD(dynsym_entsize, PUT_SHDR(img, f, f->dynsym, sh_entsize, 24))
BAD(symtab_entsize, PUT_SHDR(img, f, f->symtab, sh_entsize, 0))
BAD(dynsym_partial_entry,
    PUT_SHDR(img, f, f->dynsym, sh_size, (uint32_t)f->sh_dynsym.sh_size - 8))
BAD(dynsym_past_end,
    PUT_SHDR(img, f, f->dynsym, sh_offset, (uint32_t)*size - 16))
BAD(symtab_past_end,
    PUT_SHDR(img, f, f->symtab, sh_size, (uint32_t)f->sh_symtab.sh_size + 0x10000))
/* section 0 becomes a second copy of the .dynsym header */
BAD(dynsym_twice,
    memcpy(img + f->eh.e_shoff, img + f->eh.e_shoff + f->dynsym * sizeof(Elf32_Shdr),
	   sizeof(Elf32_Shdr)))
BAD(symtab_as_second_dynsym,
    PUT_SHDR(img, f, f->symtab, sh_type, SHT_DYNSYM))
BAD(no_dynamic, PUT_PHDR(img, f, f->dyn_ph, p_type, PT_NULL))
BAD(dynamic_twice, PUT_PHDR(img, f, f->note_ph, p_type, PT_DYNAMIC))
BAD(dynamic_past_end,
    PUT_PHDR(img, f, f->dyn_ph, p_offset, (uint32_t)*size - 8))
BAD(dynamic_vaddr_elsewhere,
    PUT_PHDR(img, f, f->dyn_ph, p_vaddr, (uint32_t)f->dyn.p_vaddr + 8))
BAD(dynamic_outside_load,
    PUT_PHDR(img, f, f->dyn_ph, p_vaddr, f->load_hi + 0x1000))
BAD(dynamic_unterminated,
    PUT_PHDR(img, f, f->dyn_ph, p_filesz, (uint32_t)f->dyn_count * sizeof(Elf32_Dyn)))
BAD(dynamic_empty, PUT_PHDR(img, f, f->dyn_ph, p_filesz, 4))
BAD(dyn_tag_loproc, put(img + dyn_entry(f, img, DT_SONAME), 4, 0x70000001))
BAD(dyn_tag_gap, put(img + dyn_entry(f, img, DT_SONAME), 4, 31))
BAD(dyn_tag_negative, put(img + dyn_entry(f, img, DT_SONAME), 4, 0x80000000))
BAD(dyn_tag_gnu_unknown, put(img + dyn_entry(f, img, DT_SONAME), 4, 0x6ffffff5))
BAD(dyn_ptr_outside,
    put(img + dyn_entry(f, img, DT_GNU_HASH) + 4, 4, f->load_hi + 4))
BAD(dyn_verdef_outside,
    put(img + dyn_entry(f, img, DT_VERDEF) + 4, 4, 0xfffff000))
BAD(dyn_relocs, put(img + dyn_entry(f, img, DT_SONAME), 4, DT_RELSZ))
BAD(dyn_pltrelsz, put(img + dyn_entry(f, img, DT_SONAME), 4, DT_PLTRELSZ))
BAD(strtab_past_end,
    put(img + dyn_entry(f, img, DT_STRSZ) + 4, 4, 0x100000))
BAD(strtab_no_strsz, put(img + dyn_entry(f, img, DT_STRSZ), 4, DT_SYMBOLIC))
BAD(dyn_syment, put(img + dyn_entry(f, img, DT_SYMENT) + 4, 4, 24))
/* DT_SYMTAB inside the load range but past the file bytes (p_memsz grown) */
BAD(dyn_symtab_in_bss,
    PUT_PHDR(img, f, f->load_ph, p_memsz, (uint32_t)f->load.p_memsz + 0x1000);
    put(img + dyn_entry(f, img, DT_SYMTAB) + 4, 4, (uint32_t)f->load.p_filesz + 0x10))
BAD(dyn_symtab_not_dynsym,
    put(img + dyn_entry(f, img, DT_SYMTAB) + 4, 4, (uint32_t)f->sh_dynstr.sh_addr))
BAD(hash_nchain,
    put(img + get(img + dyn_entry(f, img, DT_HASH) + 4, 4) + 4, 4,
	(uint32_t)(f->sh_dynsym.sh_size / 16) + 1))
BAD(hash_outside_file,
    PUT_PHDR(img, f, f->load_ph, p_memsz, (uint32_t)f->load.p_memsz + 0x1000);
    put(img + dyn_entry(f, img, DT_HASH) + 4, 4, (uint32_t)f->load.p_filesz))
BAD(no_sections_no_hash,
    strip_section_headers(img); put(img + dyn_entry(f, img, DT_HASH), 4, DT_GNU_HASH))
BAD(no_sections_nchain,
    strip_section_headers(img);
    put(img + get(img + dyn_entry(f, img, DT_HASH) + 4, 4) + 4, 4, 0x1000))
BAD(no_sections_no_strtab,
    strip_section_headers(img); put(img + dyn_entry(f, img, DT_STRTAB), 4, DT_GNU_HASH))
BAD(sym_name,
    PUT_SYM(img, f->sh_dynsym, 1, st_name, (uint32_t)f->sh_dynstr.sh_size))
BAD(symtab_sym_name, PUT_SYM(img, f->sh_symtab, 2, st_name, 0x7fffffff))
BAD(sym_shndx, PUT_SYM(img, f->sh_dynsym, 1, st_shndx, (uint32_t)f->shnum))
BAD(symtab_sym_shndx, PUT_SYM(img, f->sh_symtab, 3, st_shndx, 0xfeff))
BAD(sym_shndx_xindex, PUT_SYM(img, f->sh_dynsym, 1, st_shndx, SHN_XINDEX))
BAD(sym_tls,
    PUT_SYM(img, f->sh_dynsym, 1, st_info, ELF32_ST_INFO(STB_GLOBAL, STT_TLS)))
BAD(sym_outside_load, PUT_SYM(img, f->sh_dynsym, 1, st_value, f->load_hi + 1))
BAD(symtab_sym_outside, PUT_SYM(img, f->sh_symtab, 3, st_value, 0xfffffff0))
BAD(entry_outside_load, PUT_EHDR(img, e_entry, f->load_hi + 0x1000))
/* .symtab made an exact alias of .dynsym: every symbol would move twice */
BAD(symtab_aliases_dynsym,
    PUT_SHDR(img, f, f->symtab, sh_offset, (uint32_t)f->sh_dynsym.sh_offset);
    PUT_SHDR(img, f, f->symtab, sh_size, (uint32_t)f->sh_dynsym.sh_size);
    PUT_SHDR(img, f, f->symtab, sh_link, (uint32_t)f->dynstr))
/*
 * DT_HASH's nbucket/nchain read from symbol 1 of .dynsym, nchain (its
 * st_value) still equal to the symbol count: only the overlap check can
 * tell.  The two tables are far apart in the region list, not neighbours.
 */
BAD(hash_head_in_dynsym,
    PUT_SYM(img, f->sh_dynsym, 1, st_value, (uint32_t)(f->sh_dynsym.sh_size / sizeof(Elf32_Sym)));
    put(img + dyn_entry(f, img, DT_HASH) + 4, 4, (uint32_t)f->sh_dynsym.sh_addr + 16))
/* PT_DYNAMIC pointed at the program header table */
BAD(dynamic_over_phdrs,
    PUT_PHDR(img, f, f->dyn_ph, p_offset, (uint32_t)f->eh.e_phoff);
    PUT_PHDR(img, f, f->dyn_ph, p_vaddr, (uint32_t)f->eh.e_phoff);
    PUT_PHDR(img, f, f->dyn_ph, p_filesz, 2 * sizeof(Elf32_Phdr)))

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
#undef C
};

/* Patch a copy of @name per @c; returns the error apply gave. */
static enum relvdso_reloc_err run_bad_case(const struct bad_case *c, const char *name)
{
	struct blob image = load_image(name), bad, before;
	struct relvdso_reloc_stats stats;
	struct facts f;
	size_t size = image.size;
	enum relvdso_reloc_err err;

	facts_open(&f, image);
	bad = copy_blob(image);
	c->patch(bad.data, &size, &f);
	facts_close(&f);
	before = copy_blob(bad);

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

/* Every error code has its own string and at least one case above. */
START_TEST(test_error_strings_and_coverage)
{
	bool produced[RELVDSO_RELOC_E_COUNT] = { false };

	produced[RELVDSO_RELOC_E_WRAP] = true;		/* test_wrap_rejected */
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

/* ---- the vdso-reloc tool ---------------------------------------------- */

struct run {
	int status;
	char out[4096];
	char err[4096];
};

static void read_text(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");
	size_t n = f ? fread(buf, 1, len - 1, f) : 0;

	buf[n] = '\0';
	if (f)
		fclose(f);
}

/* Run build/bin/vdso-reloc with @argv (NULL-terminated, argv[0] ignored). */
static void run_tool(struct run *r, const char *dir, char *const argv[])
{
	char tool[4096], out_path[4096], err_path[4096];
	pid_t pid;
	int status;

	snprintf(tool, sizeof(tool), "%s/bin/vdso-reloc", build_dir());
	snprintf(out_path, sizeof(out_path), "%s.stdout", dir);
	snprintf(err_path, sizeof(err_path), "%s.stderr", dir);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		int o = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int e = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

		if (o < 0 || e < 0 || dup2(o, 1) < 0 || dup2(e, 2) < 0)
			_exit(127);
		execv(tool, argv);
		_exit(127);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	r->status = WEXITSTATUS(status);
	read_text(out_path, r->out, sizeof(r->out));
	read_text(err_path, r->err, sizeof(r->err));
	unlink(out_path);
	unlink(err_path);
}

static char tool_dir[64];

static void tool_setup(void)
{
	snprintf(tool_dir, sizeof(tool_dir), "/tmp/test_reloc.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tool_dir));
}

static void tool_teardown(void)
{
	remove_flat_dir(tool_dir);
}

static void write_blob(const char *path, struct blob b, size_t size)
{
	FILE *f = fopen(path, "wb");

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(b.data, 1, size, f), size);
	ck_assert_int_eq(fclose(f), 0);
}

static char *tmp_path(const char *name)
{
	static char paths[4][4096];
	static int next;
	char *p = paths[next++ % 4];

	snprintf(p, sizeof(paths[0]), "%s/%s", tool_dir, name);
	return p;
}

static int count_dir_entries(void)
{
	DIR *d = opendir(tool_dir);
	struct dirent *e;
	int n = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(d);
	return n;
}

START_TEST(test_tool_rebases_and_verifies)
{
	struct blob image = load_image("vdso-int80.so"), out, back;
	struct reloc_verify_report rep;
	char *in = tmp_path("vdso-int80.so"), *o = tmp_path("r.so"), *o2 = tmp_path("back.so");
	struct run r;

	write_blob(in, image, image.size);
	run_tool(&r, tool_dir, (char *[]){ "vdso-reloc", "--to", "0xfbffe000", in, o, NULL });
	ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
	ck_assert_msg(strstr(r.out, "vdso-reloc: vdso-int80.so 0x0 -> 0xfbffe000: ehdr 1, phdr "),
		      "summary: %s", r.out);
	ck_assert_ptr_nonnull(strstr(r.out, "; verified "));
	out = read_blob(o);
	ck_assert_msg(reloc_verify(image.data, image.size, out.data, out.size, 0xfbffe000, &rep) > 0,
		      "%s", rep.msg);
	ck_assert_int_eq(count_dir_entries(), 2);	/* in + out, no temp left */

	/* decimal --from, back to 0: the original bytes */
	run_tool(&r, tool_dir, (char *[]){ "vdso-reloc", "--from", "4227850240", "--to", "0",
					  o, o2, NULL });
	ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
	back = read_blob(o2);
	ck_assert_uint_eq(back.size, image.size);
	ck_assert_mem_eq(back.data, image.data, image.size);
	free(image.data);
	free(out.data);
	free(back.data);
}
END_TEST

static void assert_rejected(struct blob image, size_t size, const char *reason)
{
	char *in = tmp_path("bad.so"), *o = tmp_path("out.so");
	struct run r;

	write_blob(in, image, size);
	run_tool(&r, tool_dir, (char *[]){ "vdso-reloc", "--to", "0xffffe000", in, o, NULL });
	ck_assert_int_eq(r.status, 1);
	ck_assert_msg(strstr(r.err, "bad.so: rejected: ") && strstr(r.err, reason),
		      "stderr: %s", r.err);
	ck_assert_int_eq(access(o, F_OK), -1);
	ck_assert_int_eq(count_dir_entries(), 1);	/* only the input */
	unlink(in);
}

START_TEST(test_tool_rejects_bad_input)
{
	struct blob image = load_image("vdso-int80.so");
	struct run r;

	assert_rejected(image, 30, relvdso_reloc_strerror(RELVDSO_RELOC_E_TRUNCATED));
	assert_rejected(image, 100, relvdso_reloc_strerror(RELVDSO_RELOC_E_PHDRS_RANGE));
	assert_rejected(image, 200, relvdso_reloc_strerror(RELVDSO_RELOC_E_SEGMENT_RANGE));
	image.data[0] = 'X';
	assert_rejected(image, image.size, relvdso_reloc_strerror(RELVDSO_RELOC_E_MAGIC));
	image.data[0] = 0x7f;
	image.data[EI_CLASS] = ELFCLASS64;
	assert_rejected(image, image.size, relvdso_reloc_strerror(RELVDSO_RELOC_E_CLASS));
	image.data[EI_CLASS] = ELFCLASS32;
	/* would wrap */
	write_blob(tmp_path("ok.so"), image, image.size);
	run_tool(&r, tool_dir, (char *[]){ "vdso-reloc", "--to", "0xffffffff",
					  tmp_path("ok.so"), tmp_path("o.so"), NULL });
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_nonnull(strstr(r.err, relvdso_reloc_strerror(RELVDSO_RELOC_E_WRAP)));
	ck_assert_int_eq(access(tmp_path("o.so"), F_OK), -1);
	/* missing input */
	run_tool(&r, tool_dir, (char *[]){ "vdso-reloc", "--to", "0x1000",
					  tmp_path("missing.so"), tmp_path("o.so"), NULL });
	ck_assert_int_eq(r.status, 1);
	ck_assert_int_eq(count_dir_entries(), 1);
	free(image.data);
}
END_TEST

START_TEST(test_tool_usage)
{
	static const char *const bad_usage[][6] = {
		{ "vdso-reloc", NULL },
		{ "vdso-reloc", "--bogus", "a", "b", NULL },
		{ "vdso-reloc", "a", "b", NULL },				/* no --to */
		{ "vdso-reloc", "--to", "0x1000", "a", NULL },			/* no OUT */
		{ "vdso-reloc", "--to", "0x1000", "a", "b", "c" },
		{ "vdso-reloc", "--to", "xyz", "a", "b", NULL },
		{ "vdso-reloc", "--to", "0x1ffffffff", "a", "b", NULL },
		{ "vdso-reloc", "--to", "4294967296", "a", "b", NULL },
		{ "vdso-reloc", "--to", "-1", "a", "b", NULL },
		{ "vdso-reloc", "--to", "0x", "a", "b", NULL },
		{ "vdso-reloc", "--to", "", "a", "b", NULL },
		{ "vdso-reloc", "--from", "12z", "--to", "0", NULL },
	};
	char *argv[8];
	struct run r;

	for (size_t i = 0; i < ARRAY_SIZE(bad_usage); i++) {
		size_t n;

		for (n = 0; n < 6 && bad_usage[i][n]; n++)
			argv[n] = (char *)bad_usage[i][n];
		argv[n] = NULL;
		run_tool(&r, tool_dir, argv);
		ck_assert_msg(r.status == 2, "case %zu: exit %d", i, r.status);
		ck_assert_msg(strstr(r.err, "usage:"), "case %zu: %s", i, r.err);
	}
	run_tool(&r, tool_dir, (char *[]){ "vdso-reloc", "--help", NULL });
	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.out, "usage: vdso-reloc"));
	run_tool(&r, tool_dir, (char *[]){ "vdso-reloc", "-h", NULL });
	ck_assert_int_eq(r.status, 0);
	ck_assert_int_eq(count_dir_entries(), 0);
}
END_TEST

static Suite *reloc_suite(void)
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
	tcase_add_test(tc, test_null_image);
	tcase_add_test(tc, test_error_strings_and_coverage);
	suite_add_tcase(s, tc);

	tc = tcase_create("vdso-reloc");
	tcase_set_timeout(tc, 30);
	tcase_add_checked_fixture(tc, tool_setup, tool_teardown);
	tcase_add_test(tc, test_tool_rebases_and_verifies);
	tcase_add_test(tc, test_tool_rejects_bad_input);
	tcase_add_test(tc, test_tool_usage);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(reloc_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
