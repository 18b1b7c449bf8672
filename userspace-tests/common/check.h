/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Tiny test vocabulary shared by the libc-based userspace tests: one line
 * per check ("ok: ..." / "FAIL: ..."), and the expectation every program
 * takes on its command line so that the matrix asserts behaviour:
 *   --expect=compat --addr=0xfeffe000 | --expect=normal | --expect=none
 *   --entry=syscall|int80|sysenter|any
 *   --host=vdsorun|kernel   who installed the vDSO (default vdsorun): under
 *                           vdsorun it is an anonymous page in a random
 *                           window and the host's own [vdso] is elsewhere;
 *                           under a kernel it IS the [vdso] mapping
 */
#ifndef UT_CHECK_H
#define UT_CHECK_H

#include <stdint.h>

enum ut_mode { UT_COMPAT, UT_NORMAL, UT_NONE };
enum ut_entry { UT_ENTRY_ANY, UT_ENTRY_INT80, UT_ENTRY_SYSCALL, UT_ENTRY_SYSENTER };
enum ut_host { UT_HOST_VDSORUN, UT_HOST_KERNEL };

struct ut_expect {
	enum ut_mode mode;
	uint32_t addr;			/* compat only */
	enum ut_entry entry;
	enum ut_host host;
};

extern const char *ut_prog;		/* prefix of every line */
extern int ut_quiet;			/* non-zero: print failures and the summary only */

/* Parse the options above; exits 2 with a usage line on error. */
void ut_parse_expect(int argc, char **argv, struct ut_expect *e);

/* Record one check; returns cond. */
int ut_check(int cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ut_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print the summary line; the exit code for main (0 all passed, 1 otherwise). */
int ut_finish(void);

const char *ut_entry_name(enum ut_entry e);

#endif
