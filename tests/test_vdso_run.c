// SPDX-License-Identifier: GPL-2.0-only
/*
 * The images at run time: the 32-bit helper vdso-run32 maps each image at
 * an address the kernel picks, a data page right below, and calls into it
 * (syscalls through __kernel_vsyscall, the time functions against libc with
 * a zero page, signal returns and unwinding through the trampolines, then
 * the time functions against pages it fills: tests/vdso_time32.c).  This
 * suite hands it the symbol offsets, read with the validator, and asserts
 * on its verdict.
 *
 * On this host (64-bit Linux) 32-bit code may use int $0x80 and, on AMD,
 * syscall; sysenter from compat mode faults on AMD, so that image may die
 * by SIGILL/SIGSEGV on its first call -- but must not fail a check.
 */
#include "../tools/vdso_validate.h"
#include "proc_run.h"
#include "vdso_testutil.h"
#include "check_main.h"

#include <check.h>
#include <gelf.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* File offset of .eh_frame: the helper registers it with libgcc. */
static uint64_t eh_frame_offset(uint8_t *b, size_t n)
{
	Elf *elf;
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;
	size_t shstrndx;
	uint64_t off = 0;

	ck_assert_int_ne(elf_version(EV_CURRENT), EV_NONE);
	elf = elf_memory((char *)b, n);
	ck_assert_ptr_nonnull(elf);
	ck_assert_int_eq(elf_getshdrstrndx(elf, &shstrndx), 0);
	while ((scn = elf_nextscn(elf, scn)))
		if (gelf_getshdr(scn, &sh) && !strcmp(elf_strptr(elf, shstrndx, sh.sh_name), ".eh_frame"))
			off = sh.sh_offset;
	elf_end(elf);
	ck_assert_uint_ne(off, 0);
	return off;
}

/* The image of @entry, its symbols read with the validator. */
static uint8_t *load_image(const char *entry, size_t *n, struct vdso_layout *lay)
{
	char rel[64];
	struct vdso_verdict v;
	uint8_t *b;

	snprintf(rel, sizeof(rel), "vdso/vdso-%s.so", entry);
	b = slurp(build_path(rel), n);
	ck_assert_int_eq(vdso_validate(b, *n, 1, lay, &v), VDSO_RULE_OK);
	return b;
}

/* vdso-run32 on the image of @entry, told the symbol offsets @sym. */
static struct run_result run_syms(const char *entry, const uint32_t sym[RELVDSO_SYM_COUNT])
{
	char rel[64], syms[RELVDSO_SYM_COUNT * 12] = "", *p = syms;
	struct vdso_layout lay;
	uint64_t eh;
	uint8_t *b;
	size_t n;

	b = load_image(entry, &n, &lay);
	eh = eh_frame_offset(b, n);
	free(b);
	snprintf(rel, sizeof(rel), "vdso/vdso-%s.so", entry);
	for (int i = 0; i < RELVDSO_SYM_COUNT; i++)
		p += sprintf(p, " %x", sym[i]);
	return run("%s %s %s %llx%s", build_path("tests/vdso-run32"), build_path(rel), entry,
		   (unsigned long long)eh, syms);
}

static struct run_result run_image(const char *entry)
{
	struct vdso_layout lay;
	size_t n;

	free(load_image(entry, &n, &lay));
	return run_syms(entry, lay.sym);
}

/*
 * Every check passed, and there were as many as expected; a check this
 * machine cannot run ("skip - ...") is printed, counted towards the total
 * but never as passed.
 */
static void expect_pass(const char *entry, int min_checks)
{
	struct run_result r = run_image(entry);
	char summary[64];
	const char *line;
	int checks, skipped;

	ck_assert_msg(r.status == 0, "vdso-run32 %s exited %d:\n%s", entry, r.status, r.out);
	ck_assert_ptr_null(strstr(r.out, "not ok"));
	snprintf(summary, sizeof(summary), "# vdso-run32 %s: ", entry);
	ck_assert_ptr_nonnull(strstr(r.out, summary));
	ck_assert_int_eq(sscanf(strstr(r.out, summary) + strlen(summary),
				"%d checks, 0 failed, %d skipped", &checks, &skipped), 2);
	for (line = r.out; (line = strstr(line, "skip - ")); line++)
		fprintf(stderr, "vdso-run32 %s: %.*s\n", entry, (int)strcspn(line, "\n"), line);
	ck_assert_int_ge(checks + skipped, min_checks);
	free(r.out);
}

START_TEST(int80_image_runs)
{
	expect_pass("int80", 166);
}
END_TEST

START_TEST(syscall_image_runs)
{
	expect_pass("syscall", 163);
}
END_TEST

START_TEST(sysenter_image_runs_or_faults)
{
	struct run_result r = run_image("sysenter");

	ck_assert_ptr_null(strstr(r.out, "not ok"));
	ck_assert_msg(r.status == 0 || r.status == 128 + SIGILL || r.status == 128 + SIGSEGV,
		      "vdso-run32 sysenter exited %d:\n%s", r.status, r.out);
	free(r.out);
}
END_TEST

/*
 * The helper itself: a wrong offset must make it fail, not pass, in the
 * check that names it.  Each row puts symbol @from's offset where @to's
 * should be.
 */
static const struct wrong_symbol {
	enum relvdso_sym to, from;
	const char *caught_by;		/* text of the failing line; NULL: any */
} wrong_symbols[] = {
	{ RELVDSO_SYM_CLOCK_GETTIME, RELVDSO_SYM_CLOCK_GETRES, NULL },
	/* the data-page half: the 32-bit call where the 64-bit one should be */
	{ RELVDSO_SYM_CLOCK_GETTIME64, RELVDSO_SYM_CLOCK_GETTIME, "exact page" },
};

START_TEST(helper_catches_a_wrong_symbol)
{
	const struct wrong_symbol *w = &wrong_symbols[_i];
	struct vdso_layout lay;
	struct run_result r;
	const char *bad;
	size_t n;

	free(load_image("int80", &n, &lay));
	lay.sym[w->to] = lay.sym[w->from];
	r = run_syms("int80", lay.sym);
	ck_assert_int_eq(r.status, 1);
	bad = strstr(r.out, "not ok");
	ck_assert_msg(bad && (!w->caught_by || strstr(bad, w->caught_by)),
		      "no check failed%s%s:\n%s", w->caught_by ? " with " : "",
		      w->caught_by ? w->caught_by : "", r.out);
	free(r.out);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("vdso-run");
	TCase *tc = tcase_create("runtime");

	tcase_add_test(tc, int80_image_runs);
	tcase_add_test(tc, syscall_image_runs);
	tcase_add_test(tc, sysenter_image_runs_or_faults);
	tcase_add_loop_test(tc, helper_catches_a_wrong_symbol, 0,
			    (int)(sizeof(wrong_symbols) / sizeof(wrong_symbols[0])));
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);
	return s;
}
