// SPDX-License-Identifier: GPL-2.0-only
/*
 * The entry chooser against an oracle written from the rules in docs/design.md
 * and the brief as plain conditions (oracle_*), checked itself against a
 * hand-written table of named CPU profiles, then run over every backend x
 * every subset of the four capability bits x host x override.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "relvdso/entry.h"
#include "check_main.h"

#define SEP	RELVDSO_CPU_SEP
#define ERR	RELVDSO_CPU_SEP_ERRATUM
#define SE32	RELVDSO_CPU_SYSENTER32
#define SC32	RELVDSO_CPU_SYSCALL32

/* Named profiles. */
#define CPU_INTEL	(SEP | SE32)
#define CPU_AMD		(SEP | SC32)
#define CPU_PPRO	(SEP | ERR)
#define CPU_NOSEP	0u
#define CPU_ALL		(SEP | ERR | SE32 | SC32)

#define I386	RELVDSO_HOST_I386
#define X64	RELVDSO_HOST_X86_64

#define NATIVE	RELVDSO_BACKEND_NATIVE
#define KVM	RELVDSO_BACKEND_KVM
#define XEN	RELVDSO_BACKEND_XEN
#define LGUEST	RELVDSO_BACKEND_LGUEST
#define VMI	RELVDSO_BACKEND_VMI

#define R_AUTO	RELVDSO_ENTRY_REQ_AUTO
#define R_INT80	RELVDSO_ENTRY_REQ_INT80
#define R_SYSENTER RELVDSO_ENTRY_REQ_SYSENTER
#define R_SYSCALL RELVDSO_ENTRY_REQ_SYSCALL

#define E_INT80	RELVDSO_ENTRY_INT80
#define E_SYSENTER RELVDSO_ENTRY_SYSENTER
#define E_SYSCALL RELVDSO_ENTRY_SYSCALL

#define W(x)	RELVDSO_WHY_##x

/* ---- oracle ---------------------------------------------------------- */

/*
 * Which backend takes fast entries is the backend table's fact (one row
 * each); test_backend_table pins the rows the brief names.
 */
static bool oracle_backend_fast(enum relvdso_backend b)
{
	return relvdso_backend_fast(b);
}

static enum relvdso_entry_why oracle_why(enum relvdso_entry e, uint32_t caps,
					 enum relvdso_host_kind host,
					 enum relvdso_backend b)
{
	bool x64 = host == RELVDSO_HOST_X86_64;

	if (e == E_SYSENTER) {
		if (!(caps & SEP))
			return W(NO_SEP);
		if (caps & ERR)
			return W(SEP_ERRATUM);
		if (x64 && !(caps & SE32))
			return W(NO_SYSENTER32);
		if (!oracle_backend_fast(b))
			return W(BACKEND_SLOW);
		return W(OK);
	}
	if (e == E_SYSCALL) {
		if (!x64)
			return W(I386_NO_SYSCALL);
		if (!(caps & SC32))
			return W(NO_SYSCALL32);
		if (!oracle_backend_fast(b))
			return W(BACKEND_SLOW);
		return W(OK);
	}
	return W(OK);		/* int80 */
}

static struct relvdso_entry_choice oracle_choose(uint32_t caps, enum relvdso_host_kind host,
						 enum relvdso_backend b,
						 enum relvdso_entry_req req)
{
	struct relvdso_entry_choice c = { E_INT80, false, false, W(OK) };
	enum relvdso_entry wanted = E_INT80;

	if (oracle_why(E_SYSCALL, caps, host, b) == W(OK))
		c.entry = E_SYSCALL;
	else if (oracle_why(E_SYSENTER, caps, host, b) == W(OK))
		c.entry = E_SYSENTER;

	if (req == R_AUTO)
		return c;
	if (req == R_SYSENTER)
		wanted = E_SYSENTER;
	if (req == R_SYSCALL)
		wanted = E_SYSCALL;
	c.overridden = true;
	c.why = oracle_why(wanted, caps, host, b);
	if (c.why == W(OK))
		c.entry = wanted;
	else
		c.fell_back = true;
	return c;
}

static void assert_choice(struct relvdso_entry_choice got, struct relvdso_entry_choice want,
			  uint32_t caps, int host, int b, int req)
{
	ck_assert_msg(got.entry == want.entry && got.overridden == want.overridden &&
		      got.fell_back == want.fell_back && got.why == want.why,
		      "caps=%#x host=%d backend=%d req=%d: got {%d,%d,%d,%d} want {%d,%d,%d,%d}",
		      caps, host, b, req, got.entry, got.overridden, got.fell_back, got.why,
		      want.entry, want.overridden, want.fell_back, want.why);
}

/* ---- the oracle checked against hand-written rows -------------------- */

static const struct profile_row {
	uint32_t caps;
	enum relvdso_host_kind host;
	enum relvdso_backend backend;
	enum relvdso_entry_req req;
	struct relvdso_entry_choice want;
} profile_rows[] = {
	{ CPU_INTEL, I386, NATIVE, R_AUTO,     { E_SYSENTER, false, false, W(OK) } },
	{ CPU_INTEL, X64,  NATIVE, R_AUTO,     { E_SYSENTER, false, false, W(OK) } },
	{ CPU_INTEL, X64,  NATIVE, R_SYSCALL,  { E_SYSENTER, true,  true,  W(NO_SYSCALL32) } },
	{ CPU_INTEL, I386, NATIVE, R_SYSCALL,  { E_SYSENTER, true,  true,  W(I386_NO_SYSCALL) } },
	{ CPU_INTEL, X64,  NATIVE, R_INT80,    { E_INT80,    true,  false, W(OK) } },
	{ CPU_INTEL, I386, KVM,    R_SYSENTER, { E_SYSENTER, true,  false, W(OK) } },
	{ CPU_INTEL, I386, XEN,    R_AUTO,     { E_INT80,    false, false, W(OK) } },
	{ CPU_INTEL, I386, XEN,    R_SYSENTER, { E_INT80,    true,  true,  W(BACKEND_SLOW) } },
	{ CPU_INTEL, X64,  XEN,    R_SYSCALL,  { E_INT80,    true,  true,  W(NO_SYSCALL32) } },
	{ CPU_AMD,   I386, NATIVE, R_AUTO,     { E_SYSENTER, false, false, W(OK) } },
	{ CPU_AMD,   I386, NATIVE, R_SYSCALL,  { E_SYSENTER, true,  true,  W(I386_NO_SYSCALL) } },
	{ CPU_AMD,   X64,  NATIVE, R_AUTO,     { E_SYSCALL,  false, false, W(OK) } },
	{ CPU_AMD,   X64,  NATIVE, R_SYSENTER, { E_SYSCALL,  true,  true,  W(NO_SYSENTER32) } },
	{ CPU_AMD,   X64,  KVM,    R_AUTO,     { E_SYSCALL,  false, false, W(OK) } },
	{ CPU_AMD,   X64,  KVM,    R_SYSCALL,  { E_SYSCALL,  true,  false, W(OK) } },
	{ CPU_AMD,   X64,  LGUEST, R_SYSCALL,  { E_INT80,    true,  true,  W(BACKEND_SLOW) } },
	{ CPU_AMD,   X64,  VMI,    R_AUTO,     { E_INT80,    false, false, W(OK) } },
	{ CPU_PPRO,  I386, NATIVE, R_AUTO,     { E_INT80,    false, false, W(OK) } },
	{ CPU_PPRO,  I386, NATIVE, R_SYSENTER, { E_INT80,    true,  true,  W(SEP_ERRATUM) } },
	{ CPU_NOSEP, I386, NATIVE, R_SYSENTER, { E_INT80,    true,  true,  W(NO_SEP) } },
	{ CPU_NOSEP, I386, XEN,    R_SYSENTER, { E_INT80,    true,  true,  W(NO_SEP) } },
	{ CPU_NOSEP, X64,  NATIVE, R_SYSCALL,  { E_INT80,    true,  true,  W(NO_SYSCALL32) } },
	{ CPU_NOSEP, X64,  KVM,    R_INT80,    { E_INT80,    true,  false, W(OK) } },
	{ SEP,       X64,  NATIVE, R_AUTO,     { E_INT80,    false, false, W(OK) } },
	{ SEP,       X64,  NATIVE, R_SYSENTER, { E_INT80,    true,  true,  W(NO_SYSENTER32) } },
	{ SEP,       I386, NATIVE, R_AUTO,     { E_SYSENTER, false, false, W(OK) } },
	{ SC32,      X64,  NATIVE, R_AUTO,     { E_SYSCALL,  false, false, W(OK) } },
	{ CPU_ALL,   X64,  NATIVE, R_AUTO,     { E_SYSCALL,  false, false, W(OK) } },
	{ CPU_ALL,   X64,  NATIVE, R_SYSENTER, { E_SYSCALL,  true,  true,  W(SEP_ERRATUM) } },
	{ CPU_ALL,   I386, NATIVE, R_AUTO,     { E_INT80,    false, false, W(OK) } },
	{ CPU_ALL,   X64,  XEN,    R_AUTO,     { E_INT80,    false, false, W(OK) } },
};

#define NPROFILE_ROWS	((int)(sizeof(profile_rows) / sizeof(profile_rows[0])))

START_TEST(test_profile_rows)
{
	const struct profile_row *r = &profile_rows[_i];

	/* the oracle agrees with the hand-written row ... */
	assert_choice(oracle_choose(r->caps, r->host, r->backend, r->req), r->want,
		      r->caps, r->host, r->backend, r->req);
	/* ... and so does the chooser */
	assert_choice(relvdso_entry_choose(r->caps, r->host, r->backend, r->req), r->want,
		      r->caps, r->host, r->backend, r->req);
}
END_TEST

/* ---- the full matrix ------------------------------------------------- */

#define NCAPS	16	/* every subset of the four bits */
#define NMATRIX	(NCAPS * RELVDSO_HOST_COUNT * RELVDSO_BACKEND_COUNT * RELVDSO_ENTRY_REQ_COUNT)

static void decode(int i, uint32_t *caps, enum relvdso_host_kind *host,
		   enum relvdso_backend *b, enum relvdso_entry_req *req)
{
	*req = (enum relvdso_entry_req)(i % RELVDSO_ENTRY_REQ_COUNT);
	i /= RELVDSO_ENTRY_REQ_COUNT;
	*b = (enum relvdso_backend)(i % RELVDSO_BACKEND_COUNT);
	i /= RELVDSO_BACKEND_COUNT;
	*host = (enum relvdso_host_kind)(i % RELVDSO_HOST_COUNT);
	i /= RELVDSO_HOST_COUNT;
	*caps = (uint32_t)i;
}

START_TEST(test_matrix)
{
	uint32_t caps;
	enum relvdso_host_kind host;
	enum relvdso_backend b;
	enum relvdso_entry_req req;
	enum relvdso_entry e;

	decode(_i, &caps, &host, &b, &req);
	assert_choice(relvdso_entry_choose(caps, host, b, req),
		      oracle_choose(caps, host, b, req), caps, host, b, req);
	/* bits the chooser does not know about change nothing */
	assert_choice(relvdso_entry_choose(caps | 0xfffffff0u, host, b, req),
		      oracle_choose(caps, host, b, req), caps | 0xfffffff0u, host, b, req);
	for (e = E_INT80; e < RELVDSO_ENTRY_COUNT; e++)
		ck_assert_msg(relvdso_entry_usable(e, caps, host, b) ==
			      oracle_why(e, caps, host, b),
			      "usable(%d) caps=%#x host=%d backend=%d", e, caps, host, b);
}
END_TEST

/* ---- out-of-range inputs --------------------------------------------- */

START_TEST(test_out_of_range_host_backend)
{
	static const int bad_hosts[] = { RELVDSO_HOST_COUNT, 99, -1 };
	static const int bad_backends[] = { RELVDSO_BACKEND_COUNT, 1000, -1 };
	const struct relvdso_entry_choice auto_c = { E_INT80, false, false, W(OK) };
	const struct relvdso_entry_choice int80_c = { E_INT80, true, false, W(OK) };
	const struct relvdso_entry_choice refused = { E_INT80, true, true, W(BAD_INPUT) };
	size_t i;

	for (i = 0; i < 3; i++) {
		enum relvdso_host_kind h = (enum relvdso_host_kind)bad_hosts[i];
		enum relvdso_backend b = (enum relvdso_backend)bad_backends[i];

		assert_choice(relvdso_entry_choose(CPU_ALL, h, NATIVE, R_AUTO), auto_c,
			      CPU_ALL, h, NATIVE, R_AUTO);
		assert_choice(relvdso_entry_choose(CPU_AMD, h, NATIVE, R_SYSCALL), refused,
			      CPU_AMD, h, NATIVE, R_SYSCALL);
		assert_choice(relvdso_entry_choose(CPU_INTEL, h, KVM, R_SYSENTER), refused,
			      CPU_INTEL, h, KVM, R_SYSENTER);
		assert_choice(relvdso_entry_choose(CPU_INTEL, h, KVM, R_INT80), int80_c,
			      CPU_INTEL, h, KVM, R_INT80);

		assert_choice(relvdso_entry_choose(CPU_AMD, X64, b, R_AUTO), auto_c,
			      CPU_AMD, X64, b, R_AUTO);
		assert_choice(relvdso_entry_choose(CPU_AMD, X64, b, R_SYSCALL), refused,
			      CPU_AMD, X64, b, R_SYSCALL);
		assert_choice(relvdso_entry_choose(CPU_INTEL, I386, b, R_SYSENTER), refused,
			      CPU_INTEL, I386, b, R_SYSENTER);

		ck_assert_int_eq(relvdso_entry_usable(E_INT80, CPU_ALL, h, b), W(OK));
		ck_assert_int_eq(relvdso_entry_usable(E_SYSENTER, CPU_INTEL, h, NATIVE),
				 W(BAD_INPUT));
		ck_assert_int_eq(relvdso_entry_usable(E_SYSCALL, CPU_AMD, X64, b),
				 W(BAD_INPUT));
	}
}
END_TEST

START_TEST(test_out_of_range_request_and_entry)
{
	static const int bad_reqs[] = { RELVDSO_ENTRY_REQ_COUNT, 77, -1 };
	const struct relvdso_entry_choice refused = { E_INT80, true, true, W(BAD_INPUT) };
	size_t i;

	for (i = 0; i < 3; i++) {
		enum relvdso_entry_req r = (enum relvdso_entry_req)bad_reqs[i];

		/* even where syscall would be the best choice */
		assert_choice(relvdso_entry_choose(CPU_AMD, X64, NATIVE, r), refused,
			      CPU_AMD, X64, NATIVE, r);
		assert_choice(relvdso_entry_choose(CPU_INTEL, I386, KVM, r), refused,
			      CPU_INTEL, I386, KVM, r);
	}
	ck_assert_int_eq(relvdso_entry_usable(RELVDSO_ENTRY_COUNT, CPU_ALL, X64, NATIVE),
			 W(BAD_INPUT));
	ck_assert_int_eq(relvdso_entry_usable((enum relvdso_entry)-1, CPU_ALL, X64, NATIVE),
			 W(BAD_INPUT));
}
END_TEST

/* ---- names and lookups ----------------------------------------------- */

START_TEST(test_names)
{
	static const char *const entries[] = { "int80", "sysenter", "syscall" };
	static const char *const reqs[] = { "auto", "int80", "sysenter", "syscall" };
	static const char *const backends[] = { "native", "kvm", "xen", "lguest", "vmi" };
	static const char *const hosts[] = { "i386", "x86_64" };
	int i, j;

	for (i = 0; i < RELVDSO_ENTRY_COUNT; i++)
		ck_assert_str_eq(relvdso_entry_name((enum relvdso_entry)i), entries[i]);
	for (i = 0; i < RELVDSO_ENTRY_REQ_COUNT; i++)
		ck_assert_str_eq(relvdso_entry_req_name((enum relvdso_entry_req)i), reqs[i]);
	/* the rows the brief names; a backend added later is a row after them */
	ck_assert_int_ge(RELVDSO_BACKEND_COUNT, (int)(sizeof(backends) / sizeof(backends[0])));
	for (i = 0; i < (int)(sizeof(backends) / sizeof(backends[0])); i++)
		ck_assert_str_eq(relvdso_backend_name((enum relvdso_backend)i), backends[i]);
	ck_assert_int_ge(RELVDSO_HOST_COUNT, (int)(sizeof(hosts) / sizeof(hosts[0])));
	for (i = 0; i < (int)(sizeof(hosts) / sizeof(hosts[0])); i++)
		ck_assert_str_eq(relvdso_host_name((enum relvdso_host_kind)i), hosts[i]);

	ck_assert_str_eq(relvdso_entry_name(RELVDSO_ENTRY_COUNT), "?");
	ck_assert_str_eq(relvdso_entry_name((enum relvdso_entry)-1), "?");
	ck_assert_str_eq(relvdso_entry_req_name(RELVDSO_ENTRY_REQ_COUNT), "?");
	ck_assert_str_eq(relvdso_entry_req_name((enum relvdso_entry_req)1234), "?");
	ck_assert_str_eq(relvdso_backend_name(RELVDSO_BACKEND_COUNT), "?");
	ck_assert_str_eq(relvdso_backend_name((enum relvdso_backend)-5), "?");
	ck_assert_str_eq(relvdso_host_name(RELVDSO_HOST_COUNT), "?");
	ck_assert_str_eq(relvdso_host_name((enum relvdso_host_kind)-1), "?");

	/* every reason has its own real string */
	for (i = 0; i < RELVDSO_WHY_COUNT; i++) {
		const char *s = relvdso_entry_why_str((enum relvdso_entry_why)i);

		ck_assert_ptr_nonnull(s);
		ck_assert_uint_gt(strlen(s), 3);
		ck_assert_str_ne(s, "unknown reason");
		for (j = 0; j < i; j++)
			ck_assert_str_ne(s, relvdso_entry_why_str((enum relvdso_entry_why)j));
	}
	ck_assert_str_eq(relvdso_entry_why_str(RELVDSO_WHY_COUNT), "unknown reason");
	ck_assert_str_eq(relvdso_entry_why_str((enum relvdso_entry_why)-1), "unknown reason");
}
END_TEST

START_TEST(test_backend_lookup)
{
	static const struct {
		const char *name;
		enum relvdso_backend b;
	} good[] = {
		{ "native", NATIVE }, { "kvm", KVM }, { "xen", XEN },
		{ "lguest", LGUEST }, { "vmi", VMI },
	};
	static const char *const bad[] = {
		"", "Native", "KVM", "Xen", "nativ", "native ", " native", "kvmx",
		"xen\t", "lguest2", "vm", "int80", "?",
	};
	enum relvdso_backend b;
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		b = (enum relvdso_backend)99;
		ck_assert(relvdso_backend_lookup(good[i].name, &b));
		ck_assert_int_eq(b, good[i].b);
		ck_assert(relvdso_backend_lookup(good[i].name, NULL));
		ck_assert_str_eq(relvdso_backend_name(b), good[i].name);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		b = (enum relvdso_backend)99;
		ck_assert_msg(!relvdso_backend_lookup(bad[i], &b), "'%s' accepted", bad[i]);
		ck_assert_int_eq(b, 99);	/* untouched */
	}
	ck_assert(!relvdso_backend_lookup(NULL, &b));
	ck_assert(!relvdso_backend_lookup(NULL, NULL));
}
END_TEST

/* Every row of the backend table, whatever it holds: a name that looks itself up. */
START_TEST(test_backend_table)
{
	static const struct {
		enum relvdso_backend b;
		bool fast;
	} named[] = {
		{ NATIVE, true }, { KVM, true }, { XEN, false }, { LGUEST, false }, { VMI, false },
	};
	enum relvdso_backend b;
	int i, j;

	for (i = 0; i < (int)(sizeof(named) / sizeof(named[0])); i++)
		ck_assert_int_eq(relvdso_backend_fast(named[i].b), named[i].fast);
	ck_assert(!relvdso_backend_fast(RELVDSO_BACKEND_COUNT));
	ck_assert(!relvdso_backend_fast((enum relvdso_backend)-1));
	for (i = 0; i < RELVDSO_BACKEND_COUNT; i++) {
		const char *name = relvdso_backend_name((enum relvdso_backend)i);

		ck_assert_str_ne(name, "?");
		ck_assert(relvdso_backend_lookup(name, &b));
		ck_assert_int_eq(b, i);
		for (j = 0; j < i; j++)
			ck_assert_str_ne(name, relvdso_backend_name((enum relvdso_backend)j));
		/* the chooser refuses sysenter to exactly the backends the table calls slow */
		ck_assert_int_eq(relvdso_entry_usable(E_SYSENTER, CPU_INTEL, I386, b) ==
				 W(BACKEND_SLOW), !relvdso_backend_fast(b));
	}
}
END_TEST

START_TEST(test_host_lookup)
{
	static const char *const bad[] = { "", "I386", "i686", "x86-64", "amd64", "i386 ", "?" };
	enum relvdso_host_kind h;
	size_t i;

	for (i = 0; i < RELVDSO_HOST_COUNT; i++) {
		h = (enum relvdso_host_kind)99;
		ck_assert(relvdso_host_lookup(relvdso_host_name((enum relvdso_host_kind)i), &h));
		ck_assert_int_eq(h, i);
		ck_assert(relvdso_host_lookup(relvdso_host_name((enum relvdso_host_kind)i), NULL));
	}
	ck_assert(relvdso_host_lookup("x86_64", &h));
	ck_assert_int_eq(h, X64);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		h = (enum relvdso_host_kind)99;
		ck_assert_msg(!relvdso_host_lookup(bad[i], &h), "'%s' accepted", bad[i]);
		ck_assert_int_eq(h, 99);	/* untouched */
	}
	ck_assert(!relvdso_host_lookup(NULL, &h));
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("entry");
	TCase *tc = tcase_create("chooser");

	tcase_add_loop_test(tc, test_profile_rows, 0, NPROFILE_ROWS);
	tcase_add_loop_test(tc, test_matrix, 0, NMATRIX);
	tcase_add_test(tc, test_out_of_range_host_backend);
	tcase_add_test(tc, test_out_of_range_request_and_entry);
	suite_add_tcase(s, tc);

	tc = tcase_create("names");
	tcase_add_test(tc, test_names);
	tcase_add_test(tc, test_backend_lookup);
	tcase_add_test(tc, test_backend_table);
	tcase_add_test(tc, test_host_lookup);
	suite_add_tcase(s, tc);
	return s;
}
