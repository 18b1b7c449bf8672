// SPDX-License-Identifier: GPL-2.0-only
/*
 * Boot options and fixmap arithmetic.  Every string goes through a copy that
 * ends exactly at a page followed by a PROT_NONE page, so a read past the
 * NUL faults instead of passing quietly.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "relvdso/policy.h"
#include "relvdso/vdso_data.h"
#include "check_main.h"

#define D	RELVDSO_MODE_DISABLED
#define N	RELVDSO_MODE_NORMAL
#define C	RELVDSO_MODE_COMPAT

#define AUTO	RELVDSO_ENTRY_REQ_AUTO
#define INT80	RELVDSO_ENTRY_REQ_INT80
#define SYSENTER RELVDSO_ENTRY_REQ_SYSENTER
#define SYSCALL	RELVDSO_ENTRY_REQ_SYSCALL

#define OK	RELVDSO_OPT_OK
#define EMPTY	RELVDSO_OPT_EMPTY
#define UNK	RELVDSO_OPT_UNKNOWN

/* A copy of @s whose NUL is the last readable byte before a guard page. */
static const char *at_page_end(const char *s)
{
	static char *buf;
	size_t pg = (size_t)sysconf(_SC_PAGESIZE), n;

	if (!s)
		return NULL;
	if (!buf) {
		buf = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		ck_assert(buf != MAP_FAILED);
		ck_assert_int_eq(mprotect(buf + pg, pg, PROT_NONE), 0);
	}
	n = strlen(s) + 1;
	ck_assert_uint_le(n, pg);
	return memcpy(buf + pg - n, s, n);
}

/* ---- relvdso_opts_parse ---------------------------------------------- */

struct want_warning {
	const char *option;
	const char *value;
	enum relvdso_opt_status status;
};

static const struct cmdline_case {
	const char *cmdline;
	enum relvdso_mode dflt;
	enum relvdso_mode mode;
	bool mode_given;
	enum relvdso_entry_req entry;
	bool entry_given;
	uint32_t total;				/* nwarnings_total */
	struct want_warning w[RELVDSO_OPT_MAX_WARNINGS];	/* the recorded ones */
} cmdline_cases[] = {
	/* nothing given: the build default */
	{ NULL, N, N, false, AUTO, false, 0, { { 0 } } },
	{ NULL, C, C, false, AUTO, false, 0, { { 0 } } },
	{ "", N, N, false, AUTO, false, 0, { { 0 } } },
	{ "  \t \t ", C, C, false, AUTO, false, 0, { { 0 } } },
	{ "root=/dev/sda1 ro quiet", D, D, false, AUTO, false, 0, { { 0 } } },
	/* every accepted spelling */
	{ "vdso=0", N, D, true, AUTO, false, 0, { { 0 } } },
	{ "vdso=off", N, D, true, AUTO, false, 0, { { 0 } } },
	{ "vdso=disabled", C, D, true, AUTO, false, 0, { { 0 } } },
	{ "vdso=1", C, N, true, AUTO, false, 0, { { 0 } } },
	{ "vdso=on", D, N, true, AUTO, false, 0, { { 0 } } },
	{ "vdso=enabled", C, N, true, AUTO, false, 0, { { 0 } } },
	{ "vdso=2", N, C, true, AUTO, false, 0, { { 0 } } },
	{ "vdso=compat", N, C, true, AUTO, false, 0, { { 0 } } },
	/* refused values keep the default and warn with the raw text */
	{ "vdso=", C, C, false, AUTO, false, 1, { { "vdso", "", EMPTY } } },
	{ "vdso=3", N, N, false, AUTO, false, 1, { { "vdso", "3", UNK } } },
	{ "vdso=02", C, C, false, AUTO, false, 1, { { "vdso", "02", UNK } } },
	{ "vdso=ON", N, N, false, AUTO, false, 1, { { "vdso", "ON", UNK } } },
	{ "vdso=-1", N, N, false, AUTO, false, 1, { { "vdso", "-1", UNK } } },
	{ "vdso=99999999999999999999", C, C, false, AUTO, false, 1,
	  { { "vdso", "99999999999999999999", UNK } } },
	{ "vdso=1=2", D, D, false, AUTO, false, 1, { { "vdso", "1=2", UNK } } },
	{ "vdso==1", D, D, false, AUTO, false, 1, { { "vdso", "=1", UNK } } },
	{ "vdso=\"1\"", C, C, false, AUTO, false, 1, { { "vdso", "\"1\"", UNK } } },
	{ "vdso=2\n", N, N, false, AUTO, false, 1, { { "vdso", "2\n", UNK } } },
	/* "vdso= 1": an empty value, then a word "1" that is not ours */
	{ "vdso= 1", C, C, false, AUTO, false, 1, { { "vdso", "", EMPTY } } },
	/* the last valid value wins */
	{ "vdso=0 vdso=2", N, C, true, AUTO, false, 0, { { 0 } } },
	{ "vdso=2 vdso=0", N, D, true, AUTO, false, 0, { { 0 } } },
	{ "vdso=0 vdso=1 vdso=2 vdso=1", C, N, true, AUTO, false, 0, { { 0 } } },
	{ "vdso=2 vdso=bogus", N, C, true, AUTO, false, 1, { { "vdso", "bogus", UNK } } },
	{ "vdso=bogus vdso=1", C, N, true, AUTO, false, 1, { { "vdso", "bogus", UNK } } },
	{ "vdso= vdso=2", N, C, true, AUTO, false, 1, { { "vdso", "", EMPTY } } },
	{ "vdso=1 vdso=0x", C, N, true, AUTO, false, 1, { { "vdso", "0x", UNK } } },
	/* vdso32= is an alias and shares the result */
	{ "vdso32=0", N, D, true, AUTO, false, 0, { { 0 } } },
	{ "vdso32=compat vdso=1", D, N, true, AUTO, false, 0, { { 0 } } },
	{ "vdso=0 vdso32=2", N, C, true, AUTO, false, 0, { { 0 } } },
	{ "vdso32=7", C, C, false, AUTO, false, 1, { { "vdso32", "7", UNK } } },
	{ "vdso=2 vdso32=", N, C, true, AUTO, false, 1, { { "vdso32", "", EMPTY } } },
	/* separators */
	{ "\tvdso=2\t", N, C, true, AUTO, false, 0, { { 0 } } },
	{ "   vdso=0   ", C, D, true, AUTO, false, 0, { { 0 } } },
	{ "root=/dev/sda1\tvdso=2 \t quiet", N, C, true, AUTO, false, 0, { { 0 } } },
	/* words that merely contain vdso are someone else's */
	{ "vdsox=1 novdso myvdso=2 vdso vdso32 xvdso=0 vdso_entryx=int80 =vdso =1 vdso_=1",
	  C, C, false, AUTO, false, 0, { { 0 } } },
	{ "VDSO=0 Vdso=0 VDSO32=0 vdso_ENTRY=int80", N, N, false, AUTO, false, 0, { { 0 } } },
	{ "vdso", N, N, false, AUTO, false, 0, { { 0 } } },
	/* value at the very end of the string */
	{ "quiet vdso=2", N, C, true, AUTO, false, 0, { { 0 } } },
	{ "quiet vdso=", D, D, false, AUTO, false, 1, { { "vdso", "", EMPTY } } },
	{ "quiet vdso_entry=syscall", N, N, false, SYSCALL, true, 0, { { 0 } } },
	/* vdso_entry= */
	{ "vdso_entry=auto", N, N, false, AUTO, true, 0, { { 0 } } },
	{ "vdso_entry=int80", N, N, false, INT80, true, 0, { { 0 } } },
	{ "vdso_entry=sysenter vdso_entry=syscall", N, N, false, SYSCALL, true, 0, { { 0 } } },
	{ "vdso_entry=fast", N, N, false, AUTO, false, 1, { { "vdso_entry", "fast", UNK } } },
	{ "vdso_entry=SYSENTER", N, N, false, AUTO, false, 1,
	  { { "vdso_entry", "SYSENTER", UNK } } },
	{ "vdso_entry=syscall vdso_entry=", N, N, false, SYSCALL, true, 1,
	  { { "vdso_entry", "", EMPTY } } },
	{ "vdso_entry=int80 vdso_entry=bogus", C, C, false, INT80, true, 1,
	  { { "vdso_entry", "bogus", UNK } } },
	{ "vdso=on vdso_entry=int80 vdso32=off", C, D, true, INT80, true, 0, { { 0 } } },
	{ "vdso=disabled\tvdso_entry=sysenter ", N, D, true, SYSENTER, true, 0, { { 0 } } },
	/* issue 10: a word "--" ends the kernel's options; the rest is init's */
	{ "init=/bin/sh -- vdso=0", N, N, false, AUTO, false, 0, { { 0 } } },
	{ "vdso=2 -- vdso=0 vdso_entry=int80", N, C, true, AUTO, false, 0, { { 0 } } },
	{ "-- vdso=bogus", C, C, false, AUTO, false, 0, { { 0 } } },
	{ "vdso=0\t--", C, D, true, AUTO, false, 0, { { 0 } } },
	{ "--x vdso=2 x-- vdso=--", N, C, true, AUTO, false, 1, { { "vdso", "--", UNK } } },
	/* a build default outside the enum is taken as normal */
	{ NULL, RELVDSO_MODE_COUNT, N, false, AUTO, false, 0, { { 0 } } },
	{ "vdso=bogus", (enum relvdso_mode)7, N, false, AUTO, false, 1,
	  { { "vdso", "bogus", UNK } } },
	/* the warning cap: 9 bad values, 8 recorded, all 9 counted */
	{ "vdso=a vdso=b vdso=c vdso=d vdso=e vdso=f vdso=g vdso=h vdso=i", C, C, false,
	  AUTO, false, 9,
	  { { "vdso", "a", UNK }, { "vdso", "b", UNK }, { "vdso", "c", UNK },
	    { "vdso", "d", UNK }, { "vdso", "e", UNK }, { "vdso", "f", UNK },
	    { "vdso", "g", UNK }, { "vdso", "h", UNK } } },
	/* ... and with good values mixed in, the last good one still wins */
	{ "vdso=x1 vdso32= vdso_entry=y vdso=0 vdso=x5 vdso_entry=int80 vdso=x7 "
	  "vdso32=x8 vdso_entry= vdso=x10 vdso=x11 vdso=2 vdso=x13", N, C, true, INT80, true, 10,
	  { { "vdso", "x1", UNK }, { "vdso32", "", EMPTY }, { "vdso_entry", "y", UNK },
	    { "vdso", "x5", UNK }, { "vdso", "x7", UNK }, { "vdso32", "x8", UNK },
	    { "vdso_entry", "", EMPTY }, { "vdso", "x10", UNK } } },
};

#define NCMDLINE_CASES	((int)(sizeof(cmdline_cases) / sizeof(cmdline_cases[0])))

START_TEST(test_cmdline)
{
	const struct cmdline_case *c = &cmdline_cases[_i];
	const char *line = at_page_end(c->cmdline);
	struct relvdso_opts o;
	uint32_t i, want_recorded = c->total < RELVDSO_OPT_MAX_WARNINGS ?
				    c->total : RELVDSO_OPT_MAX_WARNINGS;

	memset(&o, 0xa5, sizeof(o));	/* the parser must set every field */
	relvdso_opts_parse(line, c->dflt, &o);

	ck_assert_msg(o.mode == c->mode, "'%s': mode %d, want %d", c->cmdline, o.mode, c->mode);
	ck_assert_msg(o.mode_given == c->mode_given, "'%s': mode_given", c->cmdline);
	ck_assert_msg(o.entry == c->entry, "'%s': entry %d, want %d", c->cmdline, o.entry,
		      c->entry);
	ck_assert_msg(o.entry_given == c->entry_given, "'%s': entry_given", c->cmdline);
	ck_assert_msg(o.nwarnings_total == c->total, "'%s': %u warnings, want %u",
		      c->cmdline, o.nwarnings_total, c->total);
	ck_assert_uint_eq(o.nwarnings, want_recorded);

	for (i = 0; i < want_recorded; i++) {
		const struct relvdso_opt_warning *w = &o.warnings[i];
		const struct want_warning *ww = &c->w[i];

		ck_assert_str_eq(relvdso_option_name(w->option), ww->option);
		ck_assert_int_eq(w->status, ww->status);
		ck_assert_uint_eq(w->value_len, strlen(ww->value));
		/* the value points into the command line itself */
		ck_assert(w->value >= line && w->value + w->value_len <= line + strlen(line));
		ck_assert_msg(memcmp(w->value, ww->value, w->value_len) == 0,
			      "'%s': warning %u value '%.*s', want '%s'", c->cmdline, i,
			      (int)w->value_len, w->value, ww->value);
	}
	for (; i < RELVDSO_OPT_MAX_WARNINGS; i++) {
		ck_assert_int_eq(o.warnings[i].option, RELVDSO_OPTION_NONE);
		ck_assert_ptr_null(o.warnings[i].value);
		ck_assert_uint_eq(o.warnings[i].value_len, 0);
	}
}
END_TEST

START_TEST(test_cmdline_null_opts)
{
	relvdso_opts_parse("vdso=2", N, NULL);	/* must not crash */
	relvdso_opts_parse(NULL, N, NULL);
}
END_TEST

/* ---- single values --------------------------------------------------- */

static const struct mode_case {
	const char *value;
	enum relvdso_mode dflt;
	enum relvdso_opt_status status;
	enum relvdso_mode mode;
} mode_cases[] = {
	{ "0", N, OK, D }, { "off", C, OK, D }, { "disabled", N, OK, D },
	{ "1", D, OK, N }, { "on", C, OK, N }, { "enabled", D, OK, N },
	{ "2", N, OK, C }, { "compat", D, OK, C },
	{ "", C, EMPTY, C }, { NULL, D, UNK, D },
	{ "3", N, UNK, N }, { "02", C, UNK, C }, { " 1", D, UNK, D }, { "1 ", D, UNK, D },
	{ "ON", N, UNK, N }, { "Off", C, UNK, C }, { "COMPAT", N, UNK, N },
	{ "99999999999999999999", C, UNK, C }, { "-0", N, UNK, N }, { "+1", N, UNK, N },
	{ "compat2", D, UNK, D }, { "compa", D, UNK, D }, { "disable", N, UNK, N },
	{ "o", C, UNK, C }, { "\t0", N, UNK, N },
	{ "bogus", RELVDSO_MODE_COUNT, UNK, N }, { "2", (enum relvdso_mode)-1, OK, C },
};

START_TEST(test_parse_mode)
{
	const struct mode_case *c = &mode_cases[_i];
	enum relvdso_mode m = (enum relvdso_mode)99;

	ck_assert_int_eq(relvdso_opt_parse_mode(at_page_end(c->value), c->dflt, &m), c->status);
	ck_assert_msg(m == c->mode, "'%s': mode %d, want %d", c->value, m, c->mode);
	ck_assert_int_eq(relvdso_opt_parse_mode(at_page_end(c->value), c->dflt, NULL), c->status);
}
END_TEST

static const struct entry_case {
	const char *value;
	enum relvdso_opt_status status;
	enum relvdso_entry_req req;
} entry_cases[] = {
	{ "auto", OK, AUTO }, { "int80", OK, INT80 }, { "sysenter", OK, SYSENTER },
	{ "syscall", OK, SYSCALL },
	{ "", EMPTY, AUTO }, { NULL, UNK, AUTO }, { "INT80", UNK, AUTO },
	{ "int 80", UNK, AUTO }, { "sysenter ", UNK, AUTO }, { "int8", UNK, AUTO },
	{ "syscalls", UNK, AUTO }, { "0", UNK, AUTO }, { "sysexit", UNK, AUTO },
};

START_TEST(test_parse_entry)
{
	const struct entry_case *c = &entry_cases[_i];
	enum relvdso_entry_req r = (enum relvdso_entry_req)99;

	ck_assert_int_eq(relvdso_opt_parse_entry(at_page_end(c->value), &r), c->status);
	ck_assert_msg(r == c->req, "'%s': req %d, want %d", c->value, r, c->req);
	ck_assert_int_eq(relvdso_opt_parse_entry(at_page_end(c->value), NULL), c->status);
}
END_TEST

static const struct size_case {
	const char *value;
	bool ok;
	uint32_t size;
} size_cases[] = {
	{ "0", true, 0 }, { "4096", true, 4096 }, { "0x4000000", true, 0x4000000 },
	{ "0X10", true, 16 }, { "0xfffff000", true, 0xfffff000u },
	{ "64M", true, 64u << 20 }, { "16m", true, 16u << 20 }, { "1G", true, 1u << 30 },
	{ "3g", true, 3u << 30 }, { "4k", true, 4096 }, { "1K", true, 1024 },
	{ "4096k", true, 4u << 20 }, { "0xfK", true, 15u << 10 }, { "0x3g", true, 3u << 30 },
	{ "010", true, 8 }, { "00", true, 0 }, { "0k", true, 0 }, { "017M", true, 15u << 20 },
	{ "4294967295", true, 0xffffffffu }, { "0xffffffff", true, 0xffffffffu },
	{ "037777777777", true, 0xffffffffu }, { "4194303K", true, 0xfffffc00u },
	{ "4095M", true, 0xfff00000u }, { "3G", true, 0xc0000000u },
	/* overflow, at a digit or at the suffix */
	{ "4G", false, 0 }, { "4294967296", false, 0 }, { "0x100000000", false, 0 },
	{ "040000000000", false, 0 }, { "4194304K", false, 0 }, { "4096M", false, 0 },
	{ "99999999999999999999", false, 0 }, { "0x10g", false, 0 },
	/* garbage */
	{ "", false, 0 }, { NULL, false, 0 }, { "12X", false, 0 }, { "0x", false, 0 },
	{ "0xg", false, 0 }, { "M", false, 0 }, { "08", false, 0 }, { "1KB", false, 0 },
	{ "1MM", false, 0 }, { " 1", false, 0 }, { "1 ", false, 0 }, { "-1", false, 0 },
	{ "+1", false, 0 }, { "12a", false, 0 }, { "1T", false, 0 }, { "1.5M", false, 0 },
};

START_TEST(test_parse_size)
{
	const struct size_case *c = &size_cases[_i];
	uint32_t v = 0xdeadbeef;

	ck_assert_msg(relvdso_opt_parse_size(at_page_end(c->value), &v) == c->ok,
		      "'%s': want %s", c->value, c->ok ? "ok" : "refused");
	if (c->ok)
		ck_assert_msg(v == c->size, "'%s': %#x, want %#x", c->value, v, c->size);
	else
		ck_assert_uint_eq(v, 0xdeadbeef);	/* untouched on failure */
	ck_assert(relvdso_opt_parse_size(at_page_end(c->value), NULL) == c->ok);
}
END_TEST

/* ---- fixmap arithmetic ----------------------------------------------- */

#define R26	RELVDSO_FIXMAP_PAGE_ROUNDED	/* Linux 2.6 */
#define R61	RELVDSO_FIXMAP_PMD_ROUNDED	/* Linux 6.1 */
#define FM(x)	RELVDSO_FIXMAP_##x
#define MiB	(1u << 20)

static const struct fixmap_case {
	enum relvdso_fixmap_rule rule;
	bool pae;
	uint32_t floor;
	uint32_t reserve;
	enum relvdso_fixmap_err err;
	uint32_t top, vdso;
} fixmap_cases[] = {
	/* 6.1, non-PAE: the measured values */
	{ R61, false, 0, 0,           FM(OK), 0xfffff000, 0xffffe000 },
	{ R61, false, 0, 16 * MiB,    FM(OK), 0xfefff000, 0xfeffe000 },
	{ R61, false, 0, 64 * MiB,    FM(OK), 0xfbfff000, 0xfbffe000 },
	{ R61, false, 0, 4096,        FM(OK), 0xffbff000, 0xffbfe000 },	/* a whole PMD */
	{ R61, false, 0, 5 * MiB,     FM(OK), 0xff7ff000, 0xff7fe000 },
	/* 6.1, PAE: 2 MiB PMDs */
	{ R61, true,  0, 0,           FM(OK), 0xfffff000, 0xffffe000 },
	{ R61, true,  0, 4096,        FM(OK), 0xffdff000, 0xffdfe000 },
	{ R61, true,  0, 5 * MiB,     FM(OK), 0xff9ff000, 0xff9fe000 },
	{ R61, true,  0, 16 * MiB,    FM(OK), 0xfefff000, 0xfeffe000 },
	{ R61, true,  0, 64 * MiB,    FM(OK), 0xfbfff000, 0xfbffe000 },
	/* 2.6: page granular, PAE makes no difference */
	{ R26, false, 0, 0,           FM(OK), 0xfffff000, 0xffffe000 },
	{ R26, false, 0, 4096,        FM(OK), 0xffffe000, 0xffffd000 },
	{ R26, true,  0, 4096,        FM(OK), 0xffffe000, 0xffffd000 },
	{ R26, false, 0, 16 * MiB,    FM(OK), 0xfefff000, 0xfeffe000 },
	{ R26, false, 0, 64 * MiB,    FM(OK), 0xfbfff000, 0xfbffe000 },
	{ R26, false, 0, 1,           FM(OK), 0xffffe000, 0xffffd000 },	/* a page at least */
	{ R26, false, 0, 4097,        FM(OK), 0xffffd000, 0xffffc000 },
	/* floors: the vDSO page may sit on the floor, not under it */
	/* the data page under the vDSO page must stay above the floor too */
	{ R26, false, 0xc0000000, 0x3fffd000, FM(OK), 0xc0002000, 0xc0001000 },
	{ R26, false, 0xc0000000, 0x3fffe000, FM(E_TOO_BIG), 0, 0 },
	{ R26, false, 0xc0000000, 0x3ffff000, FM(E_TOO_BIG), 0, 0 },
	{ R26, false, 0xc0000000, 0x40000000, FM(E_TOO_BIG), 0, 0 },
	{ R61, false, 0xff000000, 16 * MiB,   FM(E_TOO_BIG), 0, 0 },
	{ R61, false, 0xfe000000, 16 * MiB,   FM(OK), 0xfefff000, 0xfeffe000 },
	{ R61, true,  0xffc00000, 4096,       FM(OK), 0xffdff000, 0xffdfe000 },
	{ R61, false, 0xffc00000, 4096,       FM(E_TOO_BIG), 0, 0 },
	/* wrap: nothing, or less than nothing, left */
	{ R26, false, 0, 0xffffd000,  FM(OK), 0x2000, 0x1000 },
	{ R26, false, 0, 0xffffe000,  FM(E_TOO_BIG), 0, 0 },
	{ R26, false, 0, 0xfffff000,  FM(E_TOO_BIG), 0, 0 },
	{ R26, false, 0, 0xffffffff,  FM(E_TOO_BIG), 0, 0 },
	{ R61, false, 0, 0xffffffff,  FM(E_TOO_BIG), 0, 0 },
	{ R61, true,  0, 0xffffffff,  FM(E_TOO_BIG), 0, 0 },
	{ R61, false, 0, 0xffc00000,  FM(OK), 0x3ff000, 0x3fe000 },
	{ R61, false, 0, 0xffc00001,  FM(E_TOO_BIG), 0, 0 },
	/* unknown rules */
	{ RELVDSO_FIXMAP_RULE_COUNT, false, 0, 0, FM(E_RULE), 0, 0 },
	{ (enum relvdso_fixmap_rule)-1, true, 0, 0, FM(E_RULE), 0, 0 },
};

#define NFIXMAP_CASES	((int)(sizeof(fixmap_cases) / sizeof(fixmap_cases[0])))

START_TEST(test_fixmap)
{
	const struct fixmap_case *c = &fixmap_cases[_i];
	const struct relvdso_fixmap_cfg cfg = { c->rule, c->pae, c->floor };
	struct relvdso_fixmap fm = { 0x12345678, 0x9abcdef0, 0x13579bdf };
	enum relvdso_fixmap_err err = relvdso_fixmap_compute(&cfg, c->reserve, &fm);

	ck_assert_msg(err == c->err, "rule %d pae %d floor %#x reserve %#x: %s, want %s",
		      c->rule, c->pae, c->floor, c->reserve, relvdso_fixmap_strerror(err),
		      relvdso_fixmap_strerror(c->err));
	ck_assert_msg(fm.top == c->top && fm.vdso == c->vdso,
		      "reserve %#x: top %#x vdso %#x, want %#x %#x", c->reserve,
		      fm.top, fm.vdso, c->top, c->vdso);
	if (err == FM(OK)) {
		ck_assert_uint_eq(fm.vdso + RELVDSO_PAGE_SIZE, fm.top);
		ck_assert_uint_eq(fm.vdso % RELVDSO_PAGE_SIZE, 0);
		ck_assert_uint_eq(fm.data + RELVDSO_DATA_SIZE, fm.vdso);
		ck_assert_uint_ge(fm.data, c->floor);
	} else {
		ck_assert_uint_eq(fm.data, 0);
	}
}
END_TEST

START_TEST(test_fixmap_null)
{
	const struct relvdso_fixmap_cfg cfg = { R61, false, 0 };
	struct relvdso_fixmap fm = { 1, 2, 3 };

	ck_assert_int_eq(relvdso_fixmap_compute(NULL, 0, &fm), FM(E_INVAL));
	ck_assert_uint_eq(fm.top, 0);
	ck_assert_uint_eq(fm.vdso, 0);
	ck_assert_uint_eq(fm.data, 0);
	ck_assert_int_eq(relvdso_fixmap_compute(&cfg, 0, NULL), FM(E_INVAL));
	ck_assert_int_eq(relvdso_fixmap_compute(NULL, 0, NULL), FM(E_INVAL));
}
END_TEST

/* ---- strings --------------------------------------------------------- */

START_TEST(test_strings)
{
	ck_assert_str_eq(relvdso_mode_name(D), "disabled");
	ck_assert_str_eq(relvdso_mode_name(N), "normal");
	ck_assert_str_eq(relvdso_mode_name(C), "compat");
	ck_assert_str_eq(relvdso_mode_name(RELVDSO_MODE_COUNT), "?");
	ck_assert_str_eq(relvdso_mode_name((enum relvdso_mode)-1), "?");

	ck_assert_str_eq(relvdso_opt_status_str(OK), "ok");
	ck_assert_str_eq(relvdso_opt_status_str(EMPTY), "empty value");
	ck_assert_str_eq(relvdso_opt_status_str(UNK), "unknown value");
	ck_assert_str_eq(relvdso_opt_status_str(RELVDSO_OPT_COUNT), "unknown status");
	ck_assert_str_eq(relvdso_opt_status_str((enum relvdso_opt_status)-3), "unknown status");

	ck_assert_str_eq(relvdso_fixmap_strerror(FM(OK)), "ok");
	ck_assert_str_eq(relvdso_fixmap_strerror(FM(E_RULE)), "unknown fixmap rule");
	ck_assert_str_eq(relvdso_fixmap_strerror(FM(E_TOO_BIG)),
			 "reservation leaves no room for the vDSO page above the floor");
	ck_assert_str_eq(relvdso_fixmap_strerror(FM(E_INVAL)),
			 "no fixmap configuration or result given");
	ck_assert_str_eq(relvdso_fixmap_strerror(FM(E_COUNT)), "unknown fixmap error");
	ck_assert_str_eq(relvdso_fixmap_strerror((enum relvdso_fixmap_err)99),
			 "unknown fixmap error");
}
END_TEST

/* Rules are named by what they do; every row's name looks itself up. */
START_TEST(test_fixmap_rule_names)
{
	static const char *const bad[] = { "", "6.1", "2.6", "PMD-rounded", "pmd", "page", "pmd-rounded " };
	enum relvdso_fixmap_rule r;
	size_t i;

	ck_assert_str_eq(relvdso_fixmap_rule_name(R26), "page-rounded");
	ck_assert_str_eq(relvdso_fixmap_rule_name(R61), "pmd-rounded");
	ck_assert_str_eq(relvdso_fixmap_rule_name(RELVDSO_FIXMAP_RULE_COUNT), "?");
	ck_assert_str_eq(relvdso_fixmap_rule_name((enum relvdso_fixmap_rule)-1), "?");
	for (i = 0; i < RELVDSO_FIXMAP_RULE_COUNT; i++) {
		r = (enum relvdso_fixmap_rule)99;
		ck_assert(relvdso_fixmap_rule_lookup(relvdso_fixmap_rule_name((enum relvdso_fixmap_rule)i), &r));
		ck_assert_int_eq(r, i);
		ck_assert(relvdso_fixmap_rule_lookup(relvdso_fixmap_rule_name((enum relvdso_fixmap_rule)i), NULL));
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		r = (enum relvdso_fixmap_rule)99;
		ck_assert_msg(!relvdso_fixmap_rule_lookup(bad[i], &r), "'%s' accepted", bad[i]);
		ck_assert_int_eq(r, 99);	/* untouched */
	}
	ck_assert(!relvdso_fixmap_rule_lookup(NULL, &r));
}
END_TEST

/* Warnings name their option by enum; the names are the command line's. */
START_TEST(test_option_names)
{
	struct relvdso_opts o;

	ck_assert_str_eq(relvdso_option_name(RELVDSO_OPTION_VDSO), "vdso");
	ck_assert_str_eq(relvdso_option_name(RELVDSO_OPTION_VDSO32), "vdso32");
	ck_assert_str_eq(relvdso_option_name(RELVDSO_OPTION_VDSO_ENTRY), "vdso_entry");
	ck_assert_str_eq(relvdso_option_name(RELVDSO_OPTION_NONE), "?");
	ck_assert_str_eq(relvdso_option_name(RELVDSO_OPTION_COUNT), "?");
	ck_assert_str_eq(relvdso_option_name((enum relvdso_option)-1), "?");

	relvdso_opts_parse("vdso32=x vdso_entry=y vdso=z", N, &o);
	ck_assert_uint_eq(o.nwarnings, 3);
	ck_assert_int_eq(o.warnings[0].option, RELVDSO_OPTION_VDSO32);
	ck_assert_int_eq(o.warnings[1].option, RELVDSO_OPTION_VDSO_ENTRY);
	ck_assert_int_eq(o.warnings[2].option, RELVDSO_OPTION_VDSO);
}
END_TEST

/* relvdso_opts_init() is what relvdso_opts_parse() starts from. */
START_TEST(test_opts_init)
{
	struct relvdso_opts a, b;
	uint32_t i;

	memset(&a, 0xa5, sizeof(a));
	relvdso_opts_init(&a, C);
	ck_assert_int_eq(a.mode, C);
	ck_assert_int_eq(a.entry, AUTO);
	ck_assert(!a.mode_given && !a.entry_given);
	ck_assert_uint_eq(a.nwarnings, 0);
	ck_assert_uint_eq(a.nwarnings_total, 0);
	for (i = 0; i < RELVDSO_OPT_MAX_WARNINGS; i++) {
		ck_assert_int_eq(a.warnings[i].option, RELVDSO_OPTION_NONE);
		ck_assert_ptr_null(a.warnings[i].value);
	}
	memset(&b, 0x5a, sizeof(b));
	relvdso_opts_parse("quiet", C, &b);
	ck_assert(a.mode == b.mode && a.entry == b.entry && a.mode_given == b.mode_given &&
		  a.entry_given == b.entry_given && a.nwarnings == b.nwarnings &&
		  a.nwarnings_total == b.nwarnings_total);
	for (i = 0; i < RELVDSO_OPT_MAX_WARNINGS; i++)
		ck_assert(a.warnings[i].option == b.warnings[i].option &&
			  a.warnings[i].value == b.warnings[i].value &&
			  a.warnings[i].value_len == b.warnings[i].value_len &&
			  a.warnings[i].status == b.warnings[i].status);

	relvdso_opts_init(&a, RELVDSO_MODE_COUNT);	/* outside the enum: normal */
	ck_assert_int_eq(a.mode, N);
	relvdso_opts_init(NULL, N);			/* must not crash */
}
END_TEST

#define NCASES(a)	((int)(sizeof(a) / sizeof((a)[0])))

Suite *test_suite(void)
{
	Suite *s = suite_create("policy");
	TCase *tc = tcase_create("cmdline");

	tcase_add_loop_test(tc, test_cmdline, 0, NCMDLINE_CASES);
	tcase_add_test(tc, test_cmdline_null_opts);
	tcase_add_test(tc, test_option_names);
	tcase_add_test(tc, test_opts_init);
	suite_add_tcase(s, tc);

	tc = tcase_create("values");
	tcase_add_loop_test(tc, test_parse_mode, 0, NCASES(mode_cases));
	tcase_add_loop_test(tc, test_parse_entry, 0, NCASES(entry_cases));
	tcase_add_loop_test(tc, test_parse_size, 0, NCASES(size_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("fixmap");
	tcase_add_loop_test(tc, test_fixmap, 0, NFIXMAP_CASES);
	tcase_add_test(tc, test_fixmap_null);
	tcase_add_test(tc, test_fixmap_rule_names);
	suite_add_tcase(s, tc);

	tc = tcase_create("strings");
	tcase_add_test(tc, test_strings);
	suite_add_tcase(s, tc);
	return s;
}
