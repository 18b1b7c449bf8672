// SPDX-License-Identifier: GPL-2.0-only
/*
 * Every time function with every clock id, valid or not: sandwich.  The
 * vDSO's answer lies between two system calls (resolutions: equal) and
 * its return value is theirs, errors included, whichever path it took.
 */
#include <stdio.h>
#include <string.h>

#include "init.h"

static int sandwich_ok(enum rv_tfn f, long r1, long rv, long r2, int64_t s1, int64_t v, int64_t s2)
{
	if (r1 != rv || rv != r2)
		return 0;
	if (rv)
		return 1;
	if (f == RV_TF_CLOCK_GETRES)
		return s1 == v && v == s2;
	return s1 <= v && v <= s2;
}

void group_sandwich(struct rv_env *e)
{
	static const enum rv_tfn fns[] = { RV_TF_CLOCK_GETTIME, RV_TF_CLOCK_GETTIME64, RV_TF_GETTIMEOFDAY,
					   RV_TF_TIME, RV_TF_CLOCK_GETRES };
	char why[300] = "";
	struct rv_vtime t;
	int calls = 0, bad = 0, absent = 0, errors = 0;
	size_t i;
	int c;

	if (!e->view_ok) {
		SKIP("sandwich", "no vDSO");
		return;
	}
	rv_vtime_open(e, &t);
	for (i = 0; i < sizeof(fns) / sizeof(fns[0]); i++) {
		if (!t.fn[fns[i]]) {
			absent++;
			snprintf(why + strlen(why), sizeof(why) - strlen(why), " %s absent", rv_tfns[fns[i]].name);
			continue;
		}
		for (c = 0; c < (rv_tfns[fns[i]].per_clock ? RV_NCLOCK_IDS : 1); c++) {
			int64_t s1, v, s2;
			long r1, rv, r2;
			int id = rv_clock_ids[c];

			r1 = rv_vtime_call(&t, fns[i], id, 0, &s1);
			rv = rv_vtime_call(&t, fns[i], id, 1, &v);
			r2 = rv_vtime_call(&t, fns[i], id, 0, &s2);
			calls++;
			errors += rv != 0;
			if (!sandwich_ok(fns[i], r1, rv, r2, s1, v, s2) && bad++ < 3)
				snprintf(why + strlen(why), sizeof(why) - strlen(why),
					 " %s(%d): syscall %lld (%ld) vDSO %lld (%ld) syscall %lld (%ld)",
					 rv_tfns[fns[i]].name, id, (long long)s1, r1, (long long)v, rv,
					 (long long)s2, r2);
		}
	}
	CHECK(!bad && !absent, "sandwich", "%d calls (%d errors, each the system call's), %d out of order:%s",
	      calls, errors, bad, why[0] ? why : " none");
}
