// SPDX-License-Identifier: GPL-2.0-only
/*
 * The conventions every tool shares (tools/tool_cli.h), checked on each
 * tool in the table: -h and --help print the usage on stdout and exit 0;
 * --version prints exactly "NAME VERSION" (VERSION from $RELVDSO_SRC,
 * default ".") and exits 0; an unknown option and missing or stray operands
 * exit 2 with a message starting "NAME: " and the usage on stderr.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "proc_run.h"
#include "vdso_testutil.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static const struct tool {
	const char *name;
	const char *bad_operands[3];	/* a command line that lacks or has too many operands */
} tools[] = {
	{ "vdso-reloc", { "--to", "0x1000", NULL } },
	{ "vdso-inspect", { NULL } },
	{ "vdso-gen", { "--name", "int80", NULL } },
	{ "relvdso-boot", { "stray", NULL } },
	{ "vdsorun", { NULL } },
};

/* NAME ARGS... run from the build's bin/. */
static struct run *run_tool(const struct tool *t, const char *const args[])
{
	char rel[64], *argv[8];
	size_t n;

	snprintf(rel, sizeof(rel), "bin/%s", t->name);
	argv[0] = (char *)build_path(rel);
	for (n = 1; args[n - 1] && n < ARRAY_SIZE(argv) - 1; n++)
		argv[n] = (char *)args[n - 1];
	argv[n] = NULL;
	return run_argv(argv);
}

/* The contents of VERSION, without the newline. */
static const char *project_version(void)
{
	static char version[64];
	const char *src = getenv("RELVDSO_SRC");
	char path[512];
	size_t size;
	uint8_t *text;

	snprintf(path, sizeof(path), "%s/VERSION", src && *src ? src : ".");
	text = slurp(path, &size);
	ck_assert_uint_gt(size, 1);
	ck_assert_uint_lt(size, sizeof(version));
	memcpy(version, text, size);
	version[strcspn(version, "\n")] = '\0';
	free(text);
	return version;
}

static void assert_usage_on_stdout(const struct tool *t, const char *opt)
{
	const char *args[] = { opt, NULL };
	struct run *r = run_tool(t, args);
	char want[64];

	snprintf(want, sizeof(want), "usage: %s", t->name);
	ck_assert_msg(run_exit_code(r) == 0, "%s %s: exit %d; err: %s", t->name, opt,
		      run_exit_code(r), r->err);
	ck_assert_msg(strstr(r->out, want), "%s %s: stdout lacks '%s': %s", t->name, opt, want, r->out);
	ck_assert_str_eq(r->err, "");
}

START_TEST(help_and_h_exit_0_with_usage)
{
	assert_usage_on_stdout(&tools[_i], "--help");
	assert_usage_on_stdout(&tools[_i], "-h");
}
END_TEST

START_TEST(version_prints_name_and_project_version)
{
	const char *args[] = { "--version", NULL };
	const struct tool *t = &tools[_i];
	struct run *r = run_tool(t, args);
	char want[128];

	snprintf(want, sizeof(want), "%s %s\n", t->name, project_version());
	ck_assert_msg(run_exit_code(r) == 0, "%s --version: exit %d", t->name, run_exit_code(r));
	ck_assert_str_eq(r->out, want);
	ck_assert_str_eq(r->err, "");
}
END_TEST

/* Exit 2, nothing on stdout, stderr "NAME: why" then the usage. */
static void assert_bad_usage(const struct tool *t, const char *const args[])
{
	struct run *r = run_tool(t, args);
	char prefix[64], usage[64];

	snprintf(prefix, sizeof(prefix), "%s: ", t->name);
	snprintf(usage, sizeof(usage), "\nusage: %s", t->name);
	ck_assert_msg(run_exit_code(r) == 2, "%s %s: exit %d", t->name, args[0] ? args[0] : "",
		      run_exit_code(r));
	ck_assert_msg(strncmp(r->err, prefix, strlen(prefix)) == 0,
		      "%s: stderr does not start with '%s': %s", t->name, prefix, r->err);
	ck_assert_msg(strstr(r->err, usage), "%s: stderr lacks the usage: %s", t->name, r->err);
	ck_assert_str_eq(r->out, "");
}

START_TEST(unknown_option_exits_2_named)
{
	const char *args[] = { "--frobnicate", NULL };

	assert_bad_usage(&tools[_i], args);
}
END_TEST

START_TEST(bad_operands_exit_2_named)
{
	assert_bad_usage(&tools[_i], tools[_i].bad_operands);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("cli");
	TCase *tc = tcase_create("conventions");
	int n = (int)ARRAY_SIZE(tools);

	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, help_and_h_exit_0_with_usage, 0, n);
	tcase_add_loop_test(tc, version_prints_name_and_project_version, 0, n);
	tcase_add_loop_test(tc, unknown_option_exits_2_named, 0, n);
	tcase_add_loop_test(tc, bad_operands_exit_2_named, 0, n);
	suite_add_tcase(s, tc);
	return s;
}
