// SPDX-License-Identifier: GPL-2.0-only
/*
 * The vdso-reloc tool end to end: it rebases and verifies, writes its output
 * atomically (no temporary left, nothing written for a rejected input), and
 * exits 1 on a rejected input and 2 on bad usage.  The relocator itself is
 * tested in test_reloc.c.
 *
 * Images and the tool come from $RELVDSO_BUILD (default "build").
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <relvdso/reloc.h>

#include "../tools/reloc_verify.h"
#include "check_main.h"
#include "elf_fixture.h"
#include "proc_run.h"
#include "vdso_testutil.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static char tool_dir[64];

static void tool_setup(void)
{
	snprintf(tool_dir, sizeof(tool_dir), "/tmp/test_reloc_tool.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tool_dir));
}

static void tool_teardown(void)
{
	remove_flat_dir(tool_dir);
}

/* Run vdso-reloc with @argv (NULL-terminated, argv[0] replaced by the tool's path). */
static struct run *run_tool(char *const argv[])
{
	char *args[16] = { (char *)build_path("bin/vdso-reloc") };
	struct run *r;
	size_t n;

	for (n = 1; argv[n]; n++) {
		ck_assert_uint_lt(n, ARRAY_SIZE(args) - 1);
		args[n] = argv[n];
	}
	args[n] = NULL;
	r = run_argv(args);
	ck_assert(WIFEXITED(r->status));
	return r;
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
	struct elf_image image = elf_load_vdso("vdso-int80.so"), out, back;
	struct reloc_verify_report rep;
	char *in = tmp_path("vdso-int80.so"), *o = tmp_path("r.so"), *o2 = tmp_path("back.so");
	struct run *r;

	spit(in, image.data, image.size);
	r = run_tool((char *[]){ "vdso-reloc", "--to", "0xfbffe000", in, o, NULL });
	ck_assert_msg(run_exit_code(r) == 0, "exit %d: %s", run_exit_code(r), r->err);
	ck_assert_msg(strstr(r->out, "vdso-reloc: vdso-int80.so 0x0 -> 0xfbffe000: ehdr 1, phdr "),
		      "summary: %s", r->out);
	ck_assert_ptr_nonnull(strstr(r->out, "; verified "));
	out = elf_load(o);
	ck_assert_msg(reloc_verify(image.data, image.size, out.data, out.size, 0, 0xfbffe000, &rep) > 0,
		      "%s", rep.msg);
	ck_assert_int_eq(count_dir_entries(), 2);	/* in + out, no temp left */

	/* decimal --from, back to 0: the original bytes */
	r = run_tool((char *[]){ "vdso-reloc", "--from", "4227850240", "--to", "0", o, o2, NULL });
	ck_assert_msg(run_exit_code(r) == 0, "exit %d: %s", run_exit_code(r), r->err);
	back = elf_load(o2);
	ck_assert_uint_eq(back.size, image.size);
	ck_assert_mem_eq(back.data, image.data, image.size);
	free(image.data);
	free(out.data);
	free(back.data);
}
END_TEST

static void assert_rejected(struct elf_image image, size_t size, const char *reason)
{
	char *in = tmp_path("bad.so"), *o = tmp_path("out.so");
	struct run *r;

	spit(in, image.data, size);
	r = run_tool((char *[]){ "vdso-reloc", "--to", "0xffffe000", in, o, NULL });
	ck_assert_int_eq(run_exit_code(r), 1);
	ck_assert_msg(strstr(r->err, "bad.so: rejected: ") && strstr(r->err, reason),
		      "stderr: %s", r->err);
	ck_assert_int_eq(access(o, F_OK), -1);
	ck_assert_int_eq(count_dir_entries(), 1);	/* only the input */
	unlink(in);
}

START_TEST(test_tool_rejects_bad_input)
{
	struct elf_image image = elf_load_vdso("vdso-int80.so");
	struct run *r;

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
	spit(tmp_path("ok.so"), image.data, image.size);
	r = run_tool((char *[]){ "vdso-reloc", "--to", "0xffffffff",
				 tmp_path("ok.so"), tmp_path("o.so"), NULL });
	ck_assert_int_eq(run_exit_code(r), 1);
	ck_assert_ptr_nonnull(strstr(r->err, relvdso_reloc_strerror(RELVDSO_RELOC_E_WRAP)));
	ck_assert_int_eq(access(tmp_path("o.so"), F_OK), -1);
	/* missing input */
	r = run_tool((char *[]){ "vdso-reloc", "--to", "0x1000",
				 tmp_path("missing.so"), tmp_path("o.so"), NULL });
	ck_assert_int_eq(run_exit_code(r), 1);
	ck_assert_int_eq(count_dir_entries(), 1);
	free(image.data);
}
END_TEST

/* A move the relocator refuses: exit 1 naming why, no output file. */
static void assert_move_refused(const char *from, const char *to, const char *reason)
{
	struct elf_image image = elf_load_vdso("vdso-int80.so");
	char *in = tmp_path("vdso-int80.so"), *o = tmp_path("out.so");
	char *argv[8] = { "vdso-reloc" };
	size_t n = 1;
	struct run *r;

	spit(in, image.data, image.size);
	if (from) {
		argv[n++] = "--from";
		argv[n++] = (char *)from;
	}
	argv[n++] = "--to";
	argv[n++] = (char *)to;
	argv[n++] = in;
	argv[n++] = o;
	r = run_tool(argv);
	ck_assert_msg(run_exit_code(r) == 1, "--from %s --to %s: exit %d, %s%s",
		      from ? from : "(default)", to,
		      run_exit_code(r), r->out, r->err);
	ck_assert_msg(strstr(r->err, "rejected: ") && strstr(r->err, reason), "stderr: %s", r->err);
	ck_assert_int_eq(access(o, F_OK), -1);
	ck_assert_int_eq(count_dir_entries(), 1);	/* only the input */
	unlink(in);
	free(image.data);
}

/* Issue 10: --from 0x1234 on an image linked at 0 gave a PT_LOAD at 0xdcc, "verified". */
START_TEST(test_tool_from_must_be_linked_base)
{
	assert_move_refused("0x1234", "0x2000", relvdso_reloc_strerror(RELVDSO_RELOC_E_OLD_BASE));
	assert_move_refused("0x1000", "0x2000", "--from 0x1000, linked at 0x0");
}
END_TEST

/* Issue 10: --to 0x1001 broke p_align 0x1000 and was "verified". */
START_TEST(test_tool_to_must_keep_alignment)
{
	assert_move_refused(NULL, "0x1001", relvdso_reloc_strerror(RELVDSO_RELOC_E_ALIGN));
	assert_move_refused("0", "0xfbffe800", relvdso_reloc_strerror(RELVDSO_RELOC_E_ALIGN));
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
	struct run *r;

	for (size_t i = 0; i < ARRAY_SIZE(bad_usage); i++) {
		size_t n;

		for (n = 0; n < 6 && bad_usage[i][n]; n++)
			argv[n] = (char *)bad_usage[i][n];
		argv[n] = NULL;
		r = run_tool(argv);
		ck_assert_msg(run_exit_code(r) == 2, "case %zu: exit %d", i, run_exit_code(r));
		ck_assert_msg(strstr(r->err, "usage:"), "case %zu: %s", i, r->err);
	}
	r = run_tool((char *[]){ "vdso-reloc", "--help", NULL });
	ck_assert_int_eq(run_exit_code(r), 0);
	ck_assert_ptr_nonnull(strstr(r->out, "usage: vdso-reloc"));
	r = run_tool((char *[]){ "vdso-reloc", "-h", NULL });
	ck_assert_int_eq(run_exit_code(r), 0);
	ck_assert_int_eq(count_dir_entries(), 0);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("reloc-tool");
	TCase *tc = tcase_create("vdso-reloc");

	tcase_set_timeout(tc, 30);
	tcase_add_checked_fixture(tc, tool_setup, tool_teardown);
	tcase_add_test(tc, test_tool_rebases_and_verifies);
	tcase_add_test(tc, test_tool_rejects_bad_input);
	tcase_add_test(tc, test_tool_usage);
	tcase_add_test(tc, test_tool_from_must_be_linked_base);
	tcase_add_test(tc, test_tool_to_must_keep_alignment);
	suite_add_tcase(s, tc);
	return s;
}
