// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz findings as unit tests.  Every input under fuzz/regressions/ (the
 * crashers found so far) and the checked-in seed corpora is replayed
 * through the harnesses' own invariant checks (fuzz/fuzz_*.c compiled
 * without libFuzzer; a broken invariant aborts, which Check reports), and
 * each relocator fix found by fuzzing has a direct test on a real image.
 *
 * Paths: sources from $RELVDSO_SRC (default "."), images and exported
 * seeds from $RELVDSO_BUILD (default "build").
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <relvdso/reloc.h>

#include "../tools/reloc_verify.h"
#include "check_main.h"
#include "elf_fixture.h"
#include "vdso_testutil.h"

int fuzz_reloc_one(const uint8_t *data, size_t len);
int fuzz_opts_one(const uint8_t *data, size_t len);

static const char *env_or(const char *name, const char *dflt)
{
	const char *v = getenv(name);

	return v && *v ? v : dflt;
}

/* Feed every regular file in @dir to @one; returns how many. */
static int replay_dir(const char *dir, int (*one)(const uint8_t *, size_t), bool must_exist)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	ck_assert_msg(d || !must_exist, "no directory %s", dir);
	while (d && (e = readdir(d))) {
		char path[4096];
		uint8_t *buf;
		size_t len;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		buf = slurp(path, &len);
		one(buf, len);		/* aborts on a broken invariant */
		free(buf);
		n++;
	}
	if (d)
		closedir(d);
	return n;
}

START_TEST(replay_reloc_inputs)
{
	const char *src = env_or("RELVDSO_SRC", "."), *build = env_or("RELVDSO_BUILD", "build");
	char dir[4096];
	int n;

	snprintf(dir, sizeof(dir), "%s/fuzz/regressions/reloc", src);
	n = replay_dir(dir, fuzz_reloc_one, true);
	ck_assert_int_ge(n, 2);
	snprintf(dir, sizeof(dir), "%s/fuzz/corpus/reloc", src);
	ck_assert_int_ge(replay_dir(dir, fuzz_reloc_one, true), 6);
	snprintf(dir, sizeof(dir), "%s/fuzz/seeds/reloc", build);
	replay_dir(dir, fuzz_reloc_one, false);	/* present after `make fuzz` */
}
END_TEST

START_TEST(replay_opts_inputs)
{
	const char *src = env_or("RELVDSO_SRC", ".");
	char dir[4096];

	snprintf(dir, sizeof(dir), "%s/fuzz/regressions/opts", src);
	replay_dir(dir, fuzz_opts_one, false);
	snprintf(dir, sizeof(dir), "%s/fuzz/corpus/opts", src);
	ck_assert_int_ge(replay_dir(dir, fuzz_opts_one, true), 20);
}
END_TEST

/* ---- direct tests for the fixes --------------------------------------- */

static void assert_refused(uint8_t *img, size_t len, enum relvdso_reloc_err want)
{
	uint8_t *copy = malloc(len);
	struct relvdso_reloc_stats stats;
	enum relvdso_reloc_err err;

	ck_assert_ptr_nonnull(copy);
	memcpy(copy, img, len);
	err = relvdso_reloc_apply(img, (uint32_t)len, 0, 0xffffe000, &stats);
	ck_assert_msg(err == want, "gave %d (%s), want %d (%s)", err,
		      relvdso_reloc_strerror(err), want, relvdso_reloc_strerror(want));
	ck_assert_int_eq(memcmp(img, copy, len), 0);
	free(copy);
}

/*
 * Fuzz finding 1: a .dynsym without SHF_ALLOC was accepted; DT_SYMTAB moved
 * but sh_addr did not, so the relocator refused its own output (A->B->A).
 */
START_TEST(dynsym_without_alloc_is_refused)
{
	struct elf_image im = elf_load_vdso("vdso-int80.so");

	elf_shdr(&im, ".dynsym")->sh_flags &= ~SHF_ALLOC;
	assert_refused(im.data, im.size, RELVDSO_RELOC_E_DYNSYM_MISMATCH);
	free(im.data);
}
END_TEST

/*
 * Fuzz finding 2: section 0 (the reserved null entry) typed SHT_DYNSYM was
 * taken as the symbol table and rebased, though no ELF reader sees it.
 */
START_TEST(section_zero_must_be_null)
{
	struct elf_image im = elf_load_vdso("vdso-int80.so");
	Elf32_Shdr *sh = elf_shdr(&im, ".dynsym");

	*elf_shdr_at(&im, 0) = *sh;		/* section 0 := .dynsym */
	sh->sh_type = 63;			/* the real one: an unknown type */
	assert_refused(im.data, im.size, RELVDSO_RELOC_E_XNUM);
	free(im.data);

	im = elf_load_vdso("vdso-int80.so");
	elf_shdr_at(&im, 0)->sh_flags = SHF_ALLOC;	/* an "allocated" null section */
	assert_refused(im.data, im.size, RELVDSO_RELOC_E_XNUM);
	free(im.data);
}
END_TEST

/*
 * Fuzz finding 3 (in the verifier): reloc_verify read symbol tables through
 * elf_getdata(), which honours SHF_COMPRESSED and then failed on a table
 * the relocator rebased.  It now reads the raw bytes; and the relocator now
 * refuses a compressed section (its bytes are no table), so the flag is set
 * on both images after the move.
 */
START_TEST(verify_reads_symbol_tables_raw)
{
	struct elf_image im = elf_load_vdso("vdso-int80.so.dbg"), after = elf_copy(im);
	struct relvdso_reloc_stats stats;
	struct reloc_verify_report rep;

	ck_assert_int_eq(relvdso_reloc_apply(after.data, (uint32_t)after.size, 0, 0xffffe000, &stats),
			 RELVDSO_RELOC_OK);
	elf_shdr(&im, ".symtab")->sh_flags |= SHF_COMPRESSED;
	elf_shdr(&after, ".symtab")->sh_flags |= SHF_COMPRESSED;
	assert_refused(im.data, im.size, RELVDSO_RELOC_E_SECTION_COMPRESSED);
	ck_assert_msg(reloc_verify(im.data, im.size, after.data, after.size, 0, 0xffffe000, &rep) > 0,
		      "%s", rep.msg);
	ck_assert_uint_eq(rep.counts.sym, stats.sym);
	free(im.data);
	free(after.data);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("fuzz-regressions");
	TCase *tc = tcase_create("replay");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, replay_reloc_inputs);
	tcase_add_test(tc, replay_opts_inputs);
	suite_add_tcase(s, tc);
	tc = tcase_create("fixes");
	tcase_add_test(tc, dynsym_without_alloc_is_refused);
	tcase_add_test(tc, section_zero_must_be_null);
	tcase_add_test(tc, verify_reads_symbol_tables_raw);
	suite_add_tcase(s, tc);
	return s;
}
