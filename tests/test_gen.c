// SPDX-License-Identifier: GPL-2.0-only
/*
 * The vDSO validator and generator: the real images pass every rule, the
 * generated C matches them byte for byte, and an image broken in any one way
 * is refused with the rule that catches it.  Broken images are made by
 * patching a copy of a real one in memory, found through its section
 * headers (not the loader's view the validator uses).
 */
#include "../tools/vdso_validate.h"
#include "elf_fixture.h"
#include "proc_run.h"
#include "vdso_testutil.h"
#include "relvdso/image.h"
#include "relvdso/vdso_data.h"
#include "check_main.h"

#include <check.h>
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define SYM_NAME(id)	(vdso_syms[RELVDSO_SYM_##id].name)
#define BUDGET		(RELVDSO_VDSO_MAX_PAGES * RELVDSO_PAGE_SIZE)

/* ---- an image to patch ------------------------------------------------ */

static struct elf_image load_image(const char *entry, const char *suffix)
{
	char name[64];

	snprintf(name, sizeof(name), "vdso-%s.so%s", entry, suffix);
	return elf_load_vdso(name);
}

/* ---- one patch per way to break a rule ----------------------------------- */

static void p_magic(struct elf_image *im)	{ im->data[EI_MAG1] = 'X'; }
static void p_machine(struct elf_image *im)	{ elf_ehdr(im)->e_machine = EM_X86_64; }
static void p_exec(struct elf_image *im)	{ elf_ehdr(im)->e_type = ET_EXEC; }
static void p_second_load(struct elf_image *im) { elf_phdr(im, PT_NOTE, 0)->p_type = PT_LOAD; }
static void p_no_load(struct elf_image *im)	{ elf_phdr(im, PT_LOAD, 0)->p_type = PT_NULL; }
static void p_load_offset(struct elf_image *im) { elf_phdr(im, PT_LOAD, 0)->p_offset = 0x1000; }
static void p_load_vaddr(struct elf_image *im) { elf_phdr(im, PT_LOAD, 0)->p_vaddr = 0xffffe000; }
static void p_load_memsz(struct elf_image *im) { elf_phdr(im, PT_LOAD, 0)->p_memsz += 0x100; }

static void p_load_past_file(struct elf_image *im)
{
	elf_phdr(im, PT_LOAD, 0)->p_filesz = 0x10000;
	elf_phdr(im, PT_LOAD, 0)->p_memsz = 0x10000;
}

static void p_no_dynamic(struct elf_image *im) { elf_phdr(im, PT_DYNAMIC, 0)->p_type = PT_NULL; }

static void p_dynamic_outside(struct elf_image *im)
{
	elf_phdr(im, PT_DYNAMIC, 0)->p_vaddr = 0x3000;
	elf_phdr(im, PT_DYNAMIC, 0)->p_offset = 0x3000;
}

static void p_dynamic_writable(struct elf_image *im)
{
	elf_phdr(im, PT_DYNAMIC, 0)->p_flags |= PF_W;
}
static void p_no_eh_frame(struct elf_image *im)
{
	elf_phdr(im, PT_GNU_EH_FRAME, 0)->p_type = PT_NULL;
}
static void p_rel_section(struct elf_image *im) { elf_shdr(im, ".note")->sh_type = SHT_REL; }
static void p_textrel(struct elf_image *im)	{ elf_dyn(im, DT_GNU_HASH)->d_tag = DT_TEXTREL; }
static void p_dt_rel(struct elf_image *im)	{ elf_dyn(im, DT_GNU_HASH)->d_tag = DT_REL; }

static void p_df_textrel(struct elf_image *im)
{
	Elf32_Dyn *d = elf_dyn(im, DT_GNU_HASH);

	d->d_tag = DT_FLAGS;
	d->d_un.d_val = DF_TEXTREL;
}

/* DT_DEBUG: a tag the validator neither needs nor refuses */
static void p_no_hash(struct elf_image *im)	{ elf_dyn(im, DT_HASH)->d_tag = DT_DEBUG; }
static void p_no_symtab(struct elf_image *im)	{ elf_dyn(im, DT_SYMTAB)->d_tag = DT_DEBUG; }
static void p_no_strtab(struct elf_image *im)	{ elf_dyn(im, DT_STRTAB)->d_tag = DT_DEBUG; }
static void p_no_versym(struct elf_image *im)	{ elf_dyn(im, DT_VERSYM)->d_tag = DT_DEBUG; }
static void p_no_verdef(struct elf_image *im)	{ elf_dyn(im, DT_VERDEF)->d_tag = DT_DEBUG; }
static void p_no_soname(struct elf_image *im)	{ elf_dyn(im, DT_SONAME)->d_tag = DT_DEBUG; }
static void p_versym_outside(struct elf_image *im)
{
	elf_dyn(im, DT_VERSYM)->d_un.d_ptr = 0x7000;
}
static void p_nchain(struct elf_image *im)	{ ((uint32_t *)elf_section(im, ".hash"))[1] = 1000; }

/* program headers moved past the end of the PT_LOAD (copied, still readable) */
static void p_phdrs_outside(struct elf_image *im)
{
	size_t at = im->size, len = (size_t)elf_ehdr(im)->e_phnum * sizeof(Elf32_Phdr);

	elf_grow(im, len);
	memcpy(im->data + at, im->data + elf_ehdr(im)->e_phoff, len);
	elf_ehdr(im)->e_phoff = (Elf32_Off)at;
}

static void p_soname(struct elf_image *im)
{
	char *s = (char *)elf_section(im, ".dynstr") + elf_dyn(im, DT_SONAME)->d_un.d_val;

	s[strlen(s) - 1] = '2';
}

static void p_undefined(struct elf_image *im)
{
	elf_sym(im, ".dynsym", SYM_NAME(TIME))->st_shndx = SHN_UNDEF;
}
static void p_sym_outside(struct elf_image *im)
{
	elf_sym(im, ".dynsym", SYM_NAME(CLOCK_GETRES))->st_value = 0x5000;
}

/* The version node symbols are absolute, value 0: move one where no mapping reaches. */
static void p_sym_below_data(struct elf_image *im)
{
	elf_sym(im, ".dynsym", "LINUX_2.6")->st_value = (uint32_t)-RELVDSO_DATA_SIZE - 1;
}

static void p_sym_past_end(struct elf_image *im)
{
	Elf32_Phdr *load = elf_phdr(im, PT_LOAD, 0);

	elf_sym(im, ".dynsym", "LINUX_2.5")->st_value = load->p_memsz + 1;
}

static void p_renamed(struct elf_image *im)
{
	char *names = elf_section(im, ".dynstr");

	names[elf_sym(im, ".dynsym", SYM_NAME(RT_SIGRETURN))->st_name] = 'X';
}

static void p_vsyscall_object(struct elf_image *im)
{
	elf_sym(im, ".dynsym", SYM_NAME(VSYSCALL))->st_info = ELF32_ST_INFO(STB_GLOBAL, STT_OBJECT);
}

static void p_landing_pad_func(struct elf_image *im)
{
	elf_sym(im, ".dynsym", SYM_NAME(LANDING_PAD))->st_info = ELF32_ST_INFO(STB_GLOBAL, STT_FUNC);
}

/* the sigreturn symbol moved from version index 2 (LINUX_2.5) to 3 (LINUX_2.6) */
static void p_version(struct elf_image *im)
{
	Elf32_Half *versym = elf_section(im, ".gnu.version");

	versym[elf_sym_index(im, ".dynsym", SYM_NAME(SIGRETURN))] = 3;
}

static void p_vd_hash(struct elf_image *im)
{
	Elf32_Verdef *vd = elf_section(im, ".gnu.version_d");

	vd = (Elf32_Verdef *)((uint8_t *)vd + vd->vd_next);	/* LINUX_2.5 */
	vd->vd_hash ^= 1;
}

static void p_hash_buckets(struct elf_image *im)
{
	uint32_t *h = elf_section(im, ".hash");

	memset(h + 2, 0, h[0] * sizeof(*h));
}

static void p_gnu_bloom(struct elf_image *im)
{
	uint32_t *h = elf_section(im, ".gnu.hash");

	memset(h + 4, 0, h[2] * sizeof(*h));
}

static void p_entry(struct elf_image *im)	{ elf_ehdr(im)->e_entry += 1; }

static void p_sigreturn_byte(struct elf_image *im)
{
	im->data[elf_sym(im, ".dynsym", SYM_NAME(SIGRETURN))->st_value + 2] = 0x78;	/* $119 -> $120 */
}

static void p_rt_sigreturn_nop(struct elf_image *im)
{
	im->data[elf_sym(im, ".dynsym", SYM_NAME(RT_SIGRETURN))->st_value - 1] = 0xcc;
}

static void p_budget(struct elf_image *im)	{ elf_grow(im, BUDGET + 1 - im->size); }

static const struct patch {
	const char *what;
	void (*apply)(struct elf_image *im);
	enum vdso_rule rule;
} patches[] = {
	{ "bad magic",			p_magic,		VDSO_RULE_ELF },
	{ "x86-64 machine",		p_machine,		VDSO_RULE_ELF_MACHINE },
	{ "ET_EXEC",			p_exec,			VDSO_RULE_ELF_TYPE },
	{ "second PT_LOAD",		p_second_load,		VDSO_RULE_ONE_LOAD },
	{ "no PT_LOAD",			p_no_load,		VDSO_RULE_ONE_LOAD },
	{ "PT_LOAD offset",		p_load_offset,		VDSO_RULE_LOAD_AT_ZERO },
	{ "PT_LOAD vaddr",		p_load_vaddr,		VDSO_RULE_LOAD_AT_ZERO },
	{ "PT_LOAD memsz",		p_load_memsz,		VDSO_RULE_LOAD_SIZE },
	{ "PT_LOAD past the file",	p_load_past_file,	VDSO_RULE_LOAD_SIZE },
	{ "no PT_DYNAMIC",		p_no_dynamic,		VDSO_RULE_PT_DYNAMIC },
	{ "PT_DYNAMIC outside",		p_dynamic_outside,	VDSO_RULE_PT_DYNAMIC },
	{ "PT_DYNAMIC writable",	p_dynamic_writable,	VDSO_RULE_PT_DYNAMIC_RO },
	{ "no PT_GNU_EH_FRAME",		p_no_eh_frame,		VDSO_RULE_PT_GNU_EH_FRAME },
	{ "SHT_REL section",		p_rel_section,		VDSO_RULE_NO_RELOCATIONS },
	{ "DT_TEXTREL",			p_textrel,		VDSO_RULE_NO_RELOCATIONS },
	{ "DT_REL",			p_dt_rel,		VDSO_RULE_NO_RELOCATIONS },
	{ "DF_TEXTREL",			p_df_textrel,		VDSO_RULE_NO_RELOCATIONS },
	{ "no DT_HASH",			p_no_hash,		VDSO_RULE_DYNAMIC_TAGS },
	{ "no DT_SYMTAB",		p_no_symtab,		VDSO_RULE_DYNAMIC_TAGS },
	{ "no DT_STRTAB",		p_no_strtab,		VDSO_RULE_DYNAMIC_TAGS },
	{ "no DT_VERSYM",		p_no_versym,		VDSO_RULE_DYNAMIC_TAGS },
	{ "no DT_VERDEF",		p_no_verdef,		VDSO_RULE_DYNAMIC_TAGS },
	{ "no DT_SONAME",		p_no_soname,		VDSO_RULE_DYNAMIC_TAGS },
	{ "DT_VERSYM outside",		p_versym_outside,	VDSO_RULE_LOAD_COVERS },
	{ "DT_HASH nchain too big",	p_nchain,		VDSO_RULE_LOAD_COVERS },
	{ "phdrs outside",		p_phdrs_outside,	VDSO_RULE_LOAD_COVERS },
	{ "DT_SONAME string",		p_soname,		VDSO_RULE_SONAME },
	{ "undefined __vdso_time",	p_undefined,		VDSO_RULE_SYMBOL_DEFINED },
	{ "renamed rt_sigreturn",	p_renamed,		VDSO_RULE_SYMBOL_DEFINED },
	{ "symbol outside",		p_sym_outside,		VDSO_RULE_SYMBOL_DEFINED },
	{ "symbol below the data page",	p_sym_below_data,	VDSO_RULE_SYMBOL_RANGE },
	{ "symbol past the image",	p_sym_past_end,		VDSO_RULE_SYMBOL_RANGE },
	{ "vsyscall STT_OBJECT",	p_vsyscall_object,	VDSO_RULE_SYMBOL_TYPE },
	{ "landing pad STT_FUNC",	p_landing_pad_func,	VDSO_RULE_SYMBOL_TYPE },
	{ "version index",		p_version,		VDSO_RULE_SYMBOL_VERSION },
	{ "vd_hash",			p_vd_hash,		VDSO_RULE_SYMBOL_VERSION },
	{ "DT_HASH buckets",		p_hash_buckets,		VDSO_RULE_HASH_LOOKUP },
	{ "DT_GNU_HASH bloom",		p_gnu_bloom,		VDSO_RULE_HASH_LOOKUP },
	{ "e_entry",			p_entry,		VDSO_RULE_ENTRY },
	{ "sigreturn byte",		p_sigreturn_byte,	VDSO_RULE_SIGRETURN_BYTES },
	{ "rt_sigreturn nop",		p_rt_sigreturn_nop,	VDSO_RULE_SIGRETURN_BYTES },
	{ "page budget",		p_budget,		VDSO_RULE_PAGE_BUDGET },
};

/* ---- accept --------------------------------------------------------------- */

/* Bytes from __kernel_vsyscall to the landing pad: 3 pushes, entry, int $0x80. */
static const uint32_t landing_pad_at[] = { 3 + 2, 3 + 2 + 2 + 2, 3 + 2 + 2 + 2 };

/* _i: entry * 2 + (0: stripped, 1: .dbg) */
START_TEST(accepts_real_images)
{
	int e = _i / 2;
	struct elf_image im = load_image(vdso_test_entries[e], _i % 2 ? ".dbg" : "");
	struct vdso_layout lay;
	struct vdso_verdict v;
	/*
	 * The budget is the embedded (stripped) bytes'; a .dbg file also holds
	 * .symtab and .strtab, which the time functions' C pushed past a page.
	 */
	unsigned int pages = RELVDSO_VDSO_MAX_PAGES + _i % 2;

	ck_assert_msg(vdso_validate(im.data, im.size, pages, &lay, &v) == VDSO_RULE_OK, "%s%s: rule %s: %s",
		      vdso_test_entries[e], _i % 2 ? ".dbg" : "", vdso_rule_name(v.rule), v.detail);
	ck_assert_int_eq(v.rule, VDSO_RULE_OK);
	ck_assert_uint_eq(lay.size, im.size);
	ck_assert_uint_eq(lay.entry, lay.sym[RELVDSO_SYM_VSYSCALL]);
	ck_assert_uint_eq(lay.sym[RELVDSO_SYM_LANDING_PAD], lay.sym[RELVDSO_SYM_VSYSCALL] + landing_pad_at[e]);
	/* the int $0x80 a restarted syscall backs up onto */
	ck_assert_uint_eq(im.data[lay.sym[RELVDSO_SYM_LANDING_PAD] - 2], 0xcd);
	ck_assert_uint_eq(im.data[lay.sym[RELVDSO_SYM_LANDING_PAD] - 1], 0x80);
	for (int s = 0; s < RELVDSO_SYM_COUNT; s++)
		ck_assert_uint_eq(lay.sym[s], elf_sym(&im, ".dynsym", vdso_syms[s].name)->st_value);
	free(im.data);
}
END_TEST

static const struct relvdso_image *const images[] = {
	&relvdso_image_int80, &relvdso_image_sysenter, &relvdso_image_syscall,
};

START_TEST(generated_c_matches_image)
{
	const struct relvdso_image *gen = images[_i];
	struct elf_image im = load_image(vdso_test_entries[_i], "");
	struct vdso_layout lay;
	struct vdso_verdict v;

	ck_assert_int_eq(vdso_validate(im.data, im.size, RELVDSO_VDSO_MAX_PAGES, &lay, &v), VDSO_RULE_OK);
	ck_assert_str_eq(gen->name, vdso_test_entries[_i]);
	ck_assert_int_eq(gen->entry, (enum relvdso_entry)_i);
	ck_assert_uint_eq(gen->size, im.size);
	ck_assert_uint_eq(gen->alloc_size, RELVDSO_PAGE_SIZE);
	ck_assert_uint_eq((uintptr_t)gen->data % RELVDSO_PAGE_SIZE, 0);
	ck_assert_mem_eq(gen->data, im.data, im.size);
	for (uint32_t i = gen->size; i < gen->alloc_size; i++)
		ck_assert_uint_eq(gen->data[i], 0);
	ck_assert_uint_eq(gen->sym_vsyscall, lay.sym[RELVDSO_SYM_VSYSCALL]);
	ck_assert_uint_eq(gen->sym_sigreturn, lay.sym[RELVDSO_SYM_SIGRETURN]);
	ck_assert_uint_eq(gen->sym_rt_sigreturn, lay.sym[RELVDSO_SYM_RT_SIGRETURN]);
	ck_assert_uint_eq(gen->sym_landing_pad, lay.sym[RELVDSO_SYM_LANDING_PAD]);
	free(im.data);
}
END_TEST

/* Where each trampoline's length lives in struct relvdso_image. */
#define LEN_AT(id, field, ...)	{ RELVDSO_SYM_##id, offsetof(struct relvdso_image, field) },
static const struct { enum relvdso_sym sym; size_t at; } len_at[] = {
	RELVDSO_VDSO_TRAMPOLINES(LEN_AT)
};

/* The facts table and each built image agree: offsets, lengths, bytes, budget. */
START_TEST(facts_table_matches_image)
{
	const struct relvdso_image *gen = images[_i];
	struct elf_image im = load_image(vdso_test_entries[_i], "");
	struct vdso_verdict v;

	/* every symbol with its table version and type, the budget, the trampolines */
	ck_assert_int_eq(vdso_validate(im.data, im.size, RELVDSO_VDSO_MAX_PAGES, NULL, &v), VDSO_RULE_OK);
	ck_assert_uint_le(gen->alloc_size, BUDGET);
	for (int s = 0; s < RELVDSO_SYM_COUNT; s++)
		ck_assert_msg(gen->sym[s] == elf_sym(&im, ".dynsym", vdso_syms[s].name)->st_value,
			      "%s: %s at %#x in the generated C", gen->name, vdso_syms[s].name, gen->sym[s]);
	ck_assert_uint_eq(vdso_ntrampolines, ARRAY_SIZE(len_at));
	for (size_t t = 0; t < vdso_ntrampolines; t++) {
		const struct vdso_trampoline *tr = &vdso_trampolines[t];
		uint32_t len;

		memcpy(&len, (const uint8_t *)gen + len_at[t].at, sizeof(len));
		ck_assert_int_eq(len_at[t].sym, tr->sym);
		ck_assert_uint_eq(len, tr->len);
		ck_assert_mem_eq(gen->data + gen->sym[tr->sym], tr->bytes, tr->len);
		ck_assert_uint_eq(gen->data[gen->sym[tr->sym] - 1], 0x90);	/* nop */
	}
	free(im.data);
}
END_TEST

/* ---- reject --------------------------------------------------------------- */

/* The edges of symbol-range: the first byte of the data page and the end of the PT_LOAD. */
START_TEST(accepts_symbols_at_the_edges)
{
	struct elf_image im = load_image("int80", "");
	struct vdso_verdict v;

	elf_sym(&im, ".dynsym", "LINUX_2.6")->st_value = (uint32_t)-RELVDSO_DATA_SIZE;
	elf_sym(&im, ".dynsym", "LINUX_2.5")->st_value = elf_phdr(&im, PT_LOAD, 0)->p_memsz;
	ck_assert_msg(vdso_validate(im.data, im.size, RELVDSO_VDSO_MAX_PAGES, NULL, &v) == VDSO_RULE_OK,
		      "rule %s: %s", vdso_rule_name(v.rule), v.detail);
	free(im.data);
}
END_TEST

START_TEST(rejects_broken_image)
{
	const struct patch *p = &patches[_i];
	struct elf_image im = load_image("syscall", "");
	struct vdso_verdict v;

	p->apply(&im);
	vdso_validate(im.data, im.size, RELVDSO_VDSO_MAX_PAGES, NULL, &v);
	ck_assert_msg(v.rule == p->rule, "%s: got rule %s (%s), want %s", p->what,
		      vdso_rule_name(v.rule), v.detail, vdso_rule_name(p->rule));
	ck_assert_msg(v.detail[0] != '\0', "%s: no detail", p->what);
	free(im.data);
}
END_TEST

/* The same objects linked without our script: several segments, no DT_HASH. */
START_TEST(rejects_default_link)
{
	size_t n;
	uint8_t *b = slurp(build_path("tests/vdso-default-link.so"), &n);
	struct vdso_verdict v;

	ck_assert_int_ne(vdso_validate(b, n, RELVDSO_VDSO_MAX_PAGES, NULL, &v), VDSO_RULE_OK);
	ck_assert_msg(v.rule == VDSO_RULE_ONE_LOAD, "got %s: %s", vdso_rule_name(v.rule), v.detail);
	free(b);
}
END_TEST

START_TEST(rejects_garbage)
{
	static const uint8_t junk[64] = "not an ELF file at all";
	struct vdso_verdict v;

	ck_assert_int_eq(vdso_validate(junk, sizeof(junk), 1, NULL, &v), VDSO_RULE_ELF);
	ck_assert_int_eq(vdso_validate(junk, 0, 1, NULL, &v), VDSO_RULE_ELF);
	ck_assert_int_eq(vdso_validate(junk, 4, 1, NULL, &v), VDSO_RULE_ELF);
}
END_TEST

/* This test program: a sound ELF file, but ELFCLASS64. */
START_TEST(rejects_elf64)
{
	size_t n;
	uint8_t *b = slurp("/proc/self/exe", &n);
	struct vdso_verdict v;

	ck_assert_int_eq(vdso_validate(b, n, RELVDSO_VDSO_MAX_PAGES, NULL, &v), VDSO_RULE_ELF_CLASS);
	free(b);
}
END_TEST

START_TEST(rule_names_are_distinct)
{
	for (int a = 0; a < VDSO_RULE_COUNT; a++) {
		ck_assert_ptr_nonnull(vdso_rule_name(a));
		for (int b = a + 1; b < VDSO_RULE_COUNT; b++)
			ck_assert_str_ne(vdso_rule_name(a), vdso_rule_name(b));
	}
	ck_assert_str_eq(vdso_rule_name(VDSO_RULE_COUNT), "unknown");
}
END_TEST

/* ---- the vdso-gen command --------------------------------------------------- */

static const char *gen_tool(void)
{
	return build_path("bin/vdso-gen");
}

static const char *const bad_usages[] = {
	"",
	"--bogus",
	"--name int80 --max-pages 1 --out %s",				/* no input */
	"--name int80 --max-pages 1 --out %s %s %s",			/* two inputs */
	"--name nope --max-pages 1 --out %s %s",
	"--name int80 --max-pages 0 --out %s %s",
	"--name int80 --max-pages x --out %s %s",
	"--name int80 --out %s %s",					/* no budget */
	"--name int80 --max-pages 1 %.0s%s",				/* no --out */
};

START_TEST(gen_bad_usage_exits_2)
{
	char *out = temp_path("gen");
	const char *img = build_path("vdso/vdso-int80.so");
	char args[1024];
	struct run_result r;

	snprintf(args, sizeof(args), bad_usages[_i], out, img, img);
	r = run("%s %s", gen_tool(), args);
	ck_assert_msg(r.status == 2, "'%s' exited %d", args, r.status);
	ck_assert_ptr_nonnull(strstr(r.out, "usage: vdso-gen"));
	ck_assert_int_ne(access(out, F_OK), 0);
	free(r.out);
	free(out);
}
END_TEST

START_TEST(gen_help_exits_0)
{
	struct run_result r = run("%s --help", gen_tool());

	ck_assert_int_eq(r.status, 0);
	ck_assert_ptr_nonnull(strstr(r.out, "usage: vdso-gen"));
	free(r.out);
}
END_TEST

static void gen_rejects(const char *input, const char *expect)
{
	char *out = temp_path("gen");
	struct run_result r = run("%s --name int80 --max-pages %u --out %s %s", gen_tool(),
				  RELVDSO_VDSO_MAX_PAGES, out, input);

	ck_assert_int_eq(r.status, 1);
	ck_assert_msg(strstr(r.out, expect) != NULL, "'%s' not in '%s'", expect, r.out);
	ck_assert_msg(access(out, F_OK) != 0, "output created on failure");
	free(r.out);
	free(out);
}

START_TEST(gen_rejects_non_elf)
{
	char *in = temp_path("junk");
	char msg[256];

	spit(in, "hello\n", 6);
	snprintf(msg, sizeof(msg), "vdso-gen: %s: rule elf: ", strrchr(in, '/') + 1);
	gen_rejects(in, msg);
	unlink(in);
	free(in);
	gen_rejects("/nonexistent/vdso.so", "No such file");
}
END_TEST

START_TEST(gen_rejects_writable_dynamic)
{
	struct elf_image im = load_image("int80", "");
	char *in = temp_path("rw");
	char msg[256];

	p_dynamic_writable(&im);
	spit(in, im.data, im.size);
	snprintf(msg, sizeof(msg), "vdso-gen: %s: rule pt-dynamic-readonly: PT_DYNAMIC is writable\n",
		 strrchr(in, '/') + 1);
	gen_rejects(in, msg);
	unlink(in);
	free(in);
	free(im.data);
}
END_TEST

START_TEST(gen_rejects_over_budget)
{
	struct elf_image im = load_image("int80", "");
	char *in = temp_path("big");

	p_budget(&im);
	spit(in, im.data, im.size);
	gen_rejects(in, ": rule page-budget: ");
	unlink(in);
	free(in);
	free(im.data);
}
END_TEST

START_TEST(gen_writes_c)
{
	char *out = temp_path("gen");
	struct run_result r = run("%s --name syscall --max-pages %u --out %s %s", gen_tool(),
				  RELVDSO_VDSO_MAX_PAGES, out, build_path("vdso/vdso-syscall.so"));
	size_t n;
	char *c;

	ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.out);
	c = (char *)slurp(out, &n);
	c[n] = '\0';
	ck_assert_ptr_nonnull(strstr(c, "#include \"relvdso/image.h\""));
	ck_assert_ptr_nonnull(strstr(c, "static const uint8_t relvdso_image_syscall_data[4096]"));
	ck_assert_ptr_nonnull(strstr(c, "const struct relvdso_image relvdso_image_syscall = {"));
	ck_assert_ptr_nonnull(strstr(c, ".entry = RELVDSO_ENTRY_SYSCALL,"));
	ck_assert_ptr_eq(strstr(c, "// SPDX-License-Identifier: GPL-2.0-only OR MIT\n"), c);
	unlink(out);
	free(c);
	free(r.out);
	free(out);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("vdso-gen");
	TCase *tc;

	tc = tcase_create("accept");
	tcase_add_loop_test(tc, accepts_real_images, 0, 2 * (int)ARRAY_SIZE(vdso_test_entries));
	tcase_add_test(tc, accepts_symbols_at_the_edges);
	tcase_add_loop_test(tc, generated_c_matches_image, 0, (int)ARRAY_SIZE(images));
	tcase_add_loop_test(tc, facts_table_matches_image, 0, (int)ARRAY_SIZE(images));
	suite_add_tcase(s, tc);

	tc = tcase_create("reject");
	tcase_add_loop_test(tc, rejects_broken_image, 0, (int)ARRAY_SIZE(patches));
	tcase_add_test(tc, rejects_default_link);
	tcase_add_test(tc, rejects_garbage);
	tcase_add_test(tc, rejects_elf64);
	tcase_add_test(tc, rule_names_are_distinct);
	suite_add_tcase(s, tc);

	tc = tcase_create("cli");
	tcase_add_loop_test(tc, gen_bad_usage_exits_2, 0, (int)ARRAY_SIZE(bad_usages));
	tcase_add_test(tc, gen_help_exits_0);
	tcase_add_test(tc, gen_rejects_non_elf);
	tcase_add_test(tc, gen_rejects_writable_dynamic);
	tcase_add_test(tc, gen_rejects_over_budget);
	tcase_add_test(tc, gen_writes_c);
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);
	return s;
}
