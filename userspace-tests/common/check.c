// SPDX-License-Identifier: GPL-2.0-only
/* See check.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

const char *ut_prog = "ut";
int ut_quiet;
static unsigned n_checks, n_failed;

static const char *const entry_names[] = { "any", "int80", "syscall", "sysenter" };

const char *ut_entry_name(enum ut_entry e)
{
	return entry_names[e];
}

static void usage(const char *bad)
{
	fprintf(stderr, "%s: bad argument '%s'\nusage: %s --expect=compat --addr=ADDR | "
		"--expect=normal | --expect=none [--entry=any|int80|syscall|sysenter] [--host=vdsorun|kernel]\n",
		ut_prog, bad, ut_prog);
	exit(2);
}

void ut_parse_expect(int argc, char **argv, struct ut_expect *e)
{
	int i, have_mode = 0, have_addr = 0;
	unsigned k;
	char *end;

	memset(e, 0, sizeof(*e));
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--expect=compat") == 0) {
			e->mode = UT_COMPAT, have_mode = 1;
		} else if (strcmp(a, "--expect=normal") == 0) {
			e->mode = UT_NORMAL, have_mode = 1;
		} else if (strcmp(a, "--expect=none") == 0) {
			e->mode = UT_NONE, have_mode = 1;
		} else if (strncmp(a, "--addr=", 7) == 0) {
			unsigned long v = strtoul(a + 7, &end, 0);

			if (!a[7] || *end || v > 0xffffffffUL || (v & 0xfff))
				usage(a);
			e->addr = (uint32_t)v, have_addr = 1;
		} else if (strcmp(a, "--host=vdsorun") == 0) {
			e->host = UT_HOST_VDSORUN;
		} else if (strcmp(a, "--host=kernel") == 0) {
			e->host = UT_HOST_KERNEL;
		} else if (strncmp(a, "--entry=", 8) == 0) {
			for (k = 0; k < 4 && strcmp(a + 8, entry_names[k]) != 0; k++)
				;
			if (k == 4)
				usage(a);
			e->entry = (enum ut_entry)k;
		} else {
			usage(a);
		}
	}
	if (!have_mode || (e->mode == UT_COMPAT) != have_addr)
		usage(have_mode ? "--addr (with compat only)" : "--expect missing");
}

int ut_check(int cond, const char *fmt, ...)
{
	va_list ap;

	n_checks++;
	if (!cond)
		n_failed++;
	if (cond && ut_quiet)
		return cond;
	printf("%s: %s: ", ut_prog, cond ? "ok" : "FAIL");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	return cond;
}

void ut_note(const char *fmt, ...)
{
	va_list ap;

	printf("%s: note: ", ut_prog);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

int ut_finish(void)
{
	printf("%s: %u checks, %u failed: %s\n", ut_prog, n_checks, n_failed,
	       n_failed || !n_checks ? "FAIL" : "PASS");
	return n_failed || !n_checks ? 1 : 0;
}
