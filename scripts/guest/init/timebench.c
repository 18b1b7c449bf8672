// SPDX-License-Identifier: GPL-2.0-only
/*
 * The time functions' cost per call, for bench/guest.sh (rvx_suite=timebench,
 * run alone; not a test).  Each case through the vDSO and as the system
 * call through __kernel_vsyscall (the vDSO's own fallback), in interleaved
 * rounds; batches of a fixed count timed with the MONOTONIC system call, so
 * the clock under test does not time itself.  (A fixed count, not a time:
 * on pit, TCG's guest clock runs far slower than the wall clock, and a
 * batch sized in guest time took minutes.)  One line per case, via and round:
 *
 *   RELVDSO-BENCH case=NAME via=vdso|syscall round=R ns=NS
 */
#include <stdio.h>

#include "init.h"

#define ROUNDS 5
#define BATCH 5000	/* calls per batch: 1-20 ms under TCG */

static const struct bench_case {
	const char *name;
	enum rv_tfn f;
	int clock;
} cases[] = {
	{ "clock_gettime(MONOTONIC)", RV_TF_CLOCK_GETTIME, 1 },
	{ "clock_gettime(REALTIME)", RV_TF_CLOCK_GETTIME, 0 },
	{ "clock_gettime(BOOTTIME)", RV_TF_CLOCK_GETTIME, 7 },
	{ "clock_gettime(MONOTONIC_RAW)", RV_TF_CLOCK_GETTIME, 4 },
	{ "clock_gettime(MONOTONIC_COARSE)", RV_TF_CLOCK_GETTIME, 6 },
	{ "clock_gettime64(MONOTONIC)", RV_TF_CLOCK_GETTIME64, 1 },
	{ "gettimeofday", RV_TF_GETTIMEOFDAY, 0 },
	{ "time", RV_TF_TIME, 0 },
	{ "clock_getres(MONOTONIC)", RV_TF_CLOCK_GETRES, 1 },
};
#define NCASES (sizeof(cases) / sizeof(cases[0]))

static int64_t now(void)
{
	struct { int32_t sec, nsec; } ts;

	ut_int80(UT_NR_clock_gettime, 1, (long)&ts, 0);
	return ts.sec * 1000000000LL + ts.nsec;
}

/* n calls of case c: through the vDSO, or its system call via AT_SYSINFO. */
static void calls(const struct rv_env *e, const struct rv_vtime *t, const struct bench_case *c, int vdso, long n)
{
	uint32_t buf[8];
	long i;

	for (i = 0; i < n; i++) {
		if (vdso)
			rv_vtime_call(t, c->f, c->clock, 1, NULL);
		else if (c->f == RV_TF_GETTIMEOFDAY)
			rv_vsys(e->vdso_entry, rv_tfns[c->f].nr, (long)buf, (long)(buf + 4), 0, 0, 0, 0);
		else if (c->f == RV_TF_TIME)
			rv_vsys(e->vdso_entry, rv_tfns[c->f].nr, (long)buf, 0, 0, 0, 0, 0);
		else
			rv_vsys(e->vdso_entry, rv_tfns[c->f].nr, c->clock, (long)buf, 0, 0, 0, 0);
	}
}

void group_timebench(struct rv_env *e)
{
	struct rv_vtime t;
	size_t c;
	int r, via;

	if (!e->vdso_entry || (!e->view_ok && vdso_view_open(&e->view, e->vdso_base))) {
		rv_out("RELVDSO-BENCH none: no vDSO\n");
		return;
	}
	e->view_ok = 1;
	rv_vtime_open(e, &t);
	for (r = 0; r < ROUNDS; r++)
		for (c = 0; c < NCASES; c++)
			for (via = 0; via < 2; via++) {
				int v = (via + r) & 1;	/* alternate which goes first */
				int64_t t0 = now(), dt;

				calls(e, &t, &cases[c], v, BATCH);
				dt = now() - t0;
				rv_out("RELVDSO-BENCH case=%s via=%s round=%d ns=%.1f\n", cases[c].name,
				       v ? "vdso" : "syscall", r, (double)dt / BATCH);
			}
}
