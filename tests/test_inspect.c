// SPDX-License-Identifier: GPL-2.0-only
/*
 * vdso-inspect against what this test reads itself, through libelf's
 * section view (.dynsym, .gnu.version, .gnu.version_d, program headers):
 * every symbol with its value, size, type, binding and version, every
 * version definition, every program header, the entry point, the landing
 * pad and the trampolines' bytes (as the facts table states them) -- for
 * the real images and for one the relocator moved to
 * 0xfbffe000.  Also the tool's exit codes.
 */
#include "../tools/vdso_validate.h"
#include "proc_run.h"
#include "vdso_testutil.h"
#include "relvdso/reloc.h"
#include "check_main.h"

#include <check.h>
#include <gelf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define RELOCATED_BASE	0xfbffe000u
#define SYM_NAME(id)	(vdso_syms[RELVDSO_SYM_##id].name)

static const char *const type_names[] = {
	[STT_NOTYPE] = "NOTYPE", [STT_OBJECT] = "OBJECT", [STT_FUNC] = "FUNC",
};
static const char *const bind_names[] = {
	[STB_LOCAL] = "LOCAL", [STB_GLOBAL] = "GLOBAL", [STB_WEAK] = "WEAK",
};

/* The program header types our images have. */
static const char *phdr_name(uint32_t type)
{
	static const struct { uint32_t type; const char *name; } names[] = {
		{ PT_LOAD, "LOAD" }, { PT_DYNAMIC, "DYNAMIC" }, { PT_NOTE, "NOTE" },
		{ PT_GNU_EH_FRAME, "GNU_EH_FRAME" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (names[i].type == type)
			return names[i].name;
	ck_abort_msg("unexpected program header type %#x", type);
	return NULL;
}

struct elf_file {
	uint8_t *bytes;
	size_t size;
	Elf *elf;
};

static struct elf_file open_elf(uint8_t *bytes, size_t size)
{
	struct elf_file f = { bytes, size, NULL };

	ck_assert_int_ne(elf_version(EV_CURRENT), EV_NONE);
	f.elf = elf_memory((char *)bytes, size);
	ck_assert_ptr_nonnull(f.elf);
	return f;
}

static Elf_Data *section_data(Elf *elf, Elf64_Word type, GElf_Shdr *sh)
{
	Elf_Scn *scn = NULL;

	while ((scn = elf_nextscn(elf, scn)))
		if (gelf_getshdr(scn, sh) && sh->sh_type == type)
			return elf_getdata(scn, NULL);
	ck_abort_msg("no section of type %#x", type);
	return NULL;
}

/* Name of version definition @ndx, from .gnu.version_d. */
static const char *version_name(Elf *elf, unsigned int ndx)
{
	GElf_Shdr sh;
	Elf_Data *d = section_data(elf, SHT_GNU_verdef, &sh);
	GElf_Verdef vd;
	GElf_Verdaux aux;

	for (size_t off = 0; gelf_getverdef(d, (int)off, &vd); off += vd.vd_next) {
		if (vd.vd_ndx == ndx) {
			ck_assert_ptr_nonnull(gelf_getverdaux(d, (int)(off + vd.vd_aux), &aux));
			return elf_strptr(elf, sh.sh_link, aux.vda_name);
		}
		if (!vd.vd_next)
			break;
	}
	return ndx == VER_NDX_LOCAL ? "*local*" : ndx == VER_NDX_GLOBAL ? "*global*" : "?";
}

/* The output line that starts (after blanks) with @prefix, or NULL. */
static const char *line_with(const char *out, const char *prefix)
{
	size_t n = strlen(prefix);

	for (const char *l = out; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		const char *p = l + strspn(l, " ");

		if (!strncmp(p, prefix, n))
			return p;
	}
	return NULL;
}

static void expect_line(const char *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void expect_line(const char *out, const char *fmt, ...)
{
	char want[512];
	const char *got;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(want, sizeof(want), fmt, ap);
	va_end(ap);
	got = line_with(out, want);
	ck_assert_msg(got != NULL, "no line \"%s\" in:\n%s", want, out);
}

static void check_symbols(struct elf_file *f, const char *out)
{
	GElf_Shdr sh, vsh;
	Elf_Data *syms = section_data(f->elf, SHT_DYNSYM, &sh);
	Elf_Data *vers = section_data(f->elf, SHT_GNU_versym, &vsh);
	size_t n = sh.sh_size / sh.sh_entsize;
	char prefix[32], name[128], type[16], bind[16], version[32];
	unsigned long long value, size;
	const char *line;
	GElf_Versym ver;
	GElf_Sym s;

	expect_line(out, "symbols (%zu):", n);
	out = strstr(out, "symbols (");
	for (size_t i = 1; i < n; i++) {
		ck_assert_ptr_nonnull(gelf_getsym(syms, (int)i, &s));
		ck_assert_ptr_nonnull(gelf_getversym(vers, (int)i, &ver));
		snprintf(prefix, sizeof(prefix), "%zu ", i);
		line = line_with(out, prefix);
		ck_assert_msg(line != NULL, "no line for symbol %zu", i);
		ck_assert_int_eq(sscanf(line, "%*u %llx %llu %15s %15s %31s %127s", &value, &size,
					type, bind, version, name), 6);
		ck_assert_str_eq(name, elf_strptr(f->elf, sh.sh_link, s.st_name));
		ck_assert_uint_eq(value, s.st_value);
		ck_assert_uint_eq(size, s.st_size);
		ck_assert_str_eq(type, type_names[GELF_ST_TYPE(s.st_info)]);
		ck_assert_str_eq(bind, bind_names[GELF_ST_BIND(s.st_info)]);
		ck_assert_str_eq(version, version_name(f->elf, ver & 0x7fff));
	}
}

/* Value of the .dynsym symbol @name. */
static uint64_t sym_value(struct elf_file *f, const char *name)
{
	GElf_Shdr sh;
	Elf_Data *syms = section_data(f->elf, SHT_DYNSYM, &sh);
	GElf_Sym s;

	for (int i = 1; gelf_getsym(syms, i, &s); i++)
		if (!strcmp(elf_strptr(f->elf, sh.sh_link, s.st_name), name))
			return s.st_value;
	ck_abort_msg("no symbol %s", name);
	return 0;
}

/* Each trampoline's line: its address and the facts table's bytes. */
static void check_trampolines(struct elf_file *f, const char *out)
{
	for (size_t i = 0; i < vdso_ntrampolines; i++) {
		const struct vdso_trampoline *t = &vdso_trampolines[i];
		char bytes[3 * sizeof(t->bytes) + 1] = "";

		for (unsigned int k = 0; k < t->len; k++)
			snprintf(bytes + 3 * k, sizeof(bytes) - 3 * k, " %02x", t->bytes[k]);
		expect_line(out, "trampoline: 0x%08llx %s%s\n",
			    (unsigned long long)sym_value(f, vdso_syms[t->sym].name),
			    vdso_syms[t->sym].name, bytes);
	}
}

static void check_headers(struct elf_file *f, const char *out)
{
	GElf_Ehdr eh;
	GElf_Phdr ph;
	GElf_Shdr sh;
	uint64_t num = 0;
	Elf_Data *dyn = section_data(f->elf, SHT_DYNAMIC, &sh);
	GElf_Dyn d;
	size_t ndyn = 0;

	ck_assert_ptr_nonnull(gelf_getehdr(f->elf, &eh));
	expect_line(out, "elf: ELF32 LSB, machine 3 (i386), type ET_DYN, %zu bytes, %u program headers",
		    f->size, eh.e_phnum);
	expect_line(out, "entry: 0x%08llx %s\n", (unsigned long long)eh.e_entry, SYM_NAME(VSYSCALL));
	ck_assert_uint_eq(eh.e_entry, sym_value(f, SYM_NAME(VSYSCALL)));
	expect_line(out, "landing pad: 0x%08llx %s\n",
		    (unsigned long long)sym_value(f, SYM_NAME(LANDING_PAD)), SYM_NAME(LANDING_PAD));
	check_trampolines(f, out);
	for (int i = 0; i < eh.e_phnum; i++) {
		ck_assert_ptr_nonnull(gelf_getphdr(f->elf, i, &ph));
		expect_line(out, "%-13s offset 0x%06llx vaddr 0x%08llx", phdr_name(ph.p_type),
			    (unsigned long long)ph.p_offset, (unsigned long long)ph.p_vaddr);
		if (ph.p_type == PT_LOAD)
			expect_line(out, "load: offset 0x%06llx vaddr 0x%08llx",
				    (unsigned long long)ph.p_offset, (unsigned long long)ph.p_vaddr);
	}
	while (gelf_getdyn(dyn, (int)ndyn, &d) && d.d_tag != DT_NULL) {
		if (d.d_tag == DT_VERDEFNUM)
			num = d.d_un.d_val;
		if (d.d_tag == DT_HASH)
			expect_line(out, "HASH          0x%08llx\n", (unsigned long long)d.d_un.d_ptr);
		if (d.d_tag == DT_SONAME)
			expect_line(out, "SONAME        0x%08llx \"linux-gate.so.1\"",
				    (unsigned long long)d.d_un.d_val);
		ndyn++;
	}
	expect_line(out, "dynamic (%zu):", ndyn);
	expect_line(out, "version definitions (%llu):", (unsigned long long)num);
	for (unsigned int i = 1; i <= num; i++)
		expect_line(out, "%u %s%s\n", i, version_name(f->elf, i), i == 1 ? " (base)" : "");
}

static void inspect(uint8_t *bytes, size_t size, const char *path, const char *rules)
{
	struct elf_file f = open_elf(bytes, size);
	struct run_result r = run("%s %s", build_path("bin/vdso-inspect"), path);

	ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.out);
	expect_line(r.out, "file: %s\n", path);
	check_headers(&f, r.out);
	check_symbols(&f, r.out);
	expect_line(r.out, "rules: %s", rules);
	elf_end(f.elf);
	free(r.out);
}

START_TEST(inspects_real_image)
{
	char rel[64];
	const char *path;
	size_t n;
	uint8_t *b;

	snprintf(rel, sizeof(rel), "vdso/vdso-%s.so%s", vdso_test_entries[_i / 2], _i % 2 ? ".dbg" : "");
	path = build_path(rel);
	b = slurp(path, &n);
	inspect(b, n, path, "ok\n");
	free(b);
}
END_TEST

START_TEST(inspects_relocated_image)
{
	char rel[64], *path = temp_path("moved");
	size_t n;
	uint8_t *b;
	struct elf_file f;
	enum relvdso_reloc_err err;

	snprintf(rel, sizeof(rel), "vdso/vdso-%s.so", vdso_test_entries[_i]);
	b = slurp(build_path(rel), &n);
	err = relvdso_reloc_apply(b, (uint32_t)n, 0, RELOCATED_BASE, NULL);
	ck_assert_msg(err == RELVDSO_RELOC_OK, "relocator: %s", relvdso_reloc_strerror(err));
	spit(path, b, n);
	inspect(b, n, path, "load-at-zero: ");
	/* and the addresses really are the moved ones */
	f = open_elf(b, n);
	ck_assert_uint_ge(sym_value(&f, SYM_NAME(VSYSCALL)), RELOCATED_BASE);
	elf_end(f.elf);
	unlink(path);
	free(path);
	free(b);
}
END_TEST

static const char *const bad_usages[] = { "", "a b", "--bogus", "-x file" };

START_TEST(bad_usage_exits_2)
{
	struct run_result r = run("%s %s", build_path("bin/vdso-inspect"), bad_usages[_i]);

	ck_assert_msg(r.status == 2, "'%s' exited %d", bad_usages[_i], r.status);
	ck_assert_ptr_nonnull(strstr(r.out, "usage: vdso-inspect"));
	free(r.out);
}
END_TEST

START_TEST(help_exits_0)
{
	struct run_result r = run("%s --help", build_path("bin/vdso-inspect"));

	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.out, "usage: vdso-inspect"));
	free(r.out);
}
END_TEST

START_TEST(unreadable_exits_1)
{
	char *junk = temp_path("junk");
	struct run_result r;

	spit(junk, "#!/bin/sh\n", 10);
	r = run("%s %s", build_path("bin/vdso-inspect"), junk);
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_nonnull(strstr(r.out, "not an ELF file"));
	free(r.out);
	r = run("%s /nonexistent/vdso.so", build_path("bin/vdso-inspect"));
	ck_assert_int_eq(r.status, 1);
	ck_assert_ptr_nonnull(strstr(r.out, "No such file"));
	free(r.out);
	unlink(junk);
	free(junk);
}
END_TEST

/* Issue 10: a truncated image was printed and exited 0. */
static const struct cut {
	size_t keep;		/* bytes kept; 0: all but the last */
	const char *reason;
} cuts[] = {
	{ 150, "program headers" },
	{ 1000, "LOAD" },
	{ 0, "section headers" },
};

START_TEST(truncated_exits_1)
{
	char *cut = temp_path("cut");
	size_t n, keep;
	uint8_t *b = slurp(build_path("vdso/vdso-int80.so"), &n);
	struct run_result r;

	keep = cuts[_i].keep ? cuts[_i].keep : n - 1;
	ck_assert_uint_lt(keep, n);
	spit(cut, b, keep);
	r = run("%s %s", build_path("bin/vdso-inspect"), cut);
	ck_assert_msg(r.status == 1, "cut at %zu: exit %d: %s", keep, r.status, r.out);
	ck_assert_msg(strstr(r.out, "truncated: ") && strstr(r.out, cuts[_i].reason),
		      "cut at %zu: %s", keep, r.out);
	free(r.out);
	unlink(cut);
	free(cut);
	free(b);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("vdso-inspect");
	TCase *tc = tcase_create("output");

	tcase_add_loop_test(tc, inspects_real_image, 0, 2 * (int)ARRAY_SIZE(vdso_test_entries));
	tcase_add_loop_test(tc, inspects_relocated_image, 0, (int)ARRAY_SIZE(vdso_test_entries));
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);
	tc = tcase_create("cli");
	tcase_add_loop_test(tc, bad_usage_exits_2, 0, (int)ARRAY_SIZE(bad_usages));
	tcase_add_test(tc, help_exits_0);
	tcase_add_test(tc, unreadable_exits_1);
	tcase_add_loop_test(tc, truncated_exits_1, 0, (int)ARRAY_SIZE(cuts));
	suite_add_tcase(s, tc);
	return s;
}
