// SPDX-License-Identifier: GPL-2.0-only
/*
 * Setting the clock while readers run: settime.  gettimeofday's tz fields
 * after settimeofday(NULL, &tz); REALTIME stepped +1000 s and back, the
 * vDSO agreeing with the system call after each step; an adjtimex
 * frequency change and back.  The readers (readers.c) check every fast
 * clock on every CPU throughout; the clock is left as it was (less the
 * test's own duration, which the steps carry along).
 */
#include <stdio.h>
#include <string.h>
#include <sys/timex.h>
#include <unistd.h>

#include "init.h"

#define STEP_NS (1000 * 1000000000LL)

/* syscall <= vDSO <= syscall for REALTIME; the vDSO value in *v. */
static int realtime_sandwich(const struct rv_vtime *t, int64_t *v)
{
	int64_t s1, s2;
	long r = rv_vtime_call(t, RV_TF_CLOCK_GETTIME64, 0, 0, &s1);

	r |= rv_vtime_call(t, RV_TF_CLOCK_GETTIME64, 0, 1, v);
	r |= rv_vtime_call(t, RV_TF_CLOCK_GETTIME64, 0, 0, &s2);
	return !r && s1 <= *v && *v <= s2;
}

/* REALTIME += delta through settimeofday (microseconds). */
static int step(struct rv_readers *r, int64_t delta)
{
	struct { int32_t sec, usec; } tv;
	int64_t now;
	long ret;

	rv_readers_step(r);
	rv_vtime_call(&(struct rv_vtime){ { 0 } }, RV_TF_CLOCK_GETTIME64, 0, 0, &now);
	now += delta;
	tv.sec = (int32_t)(now / 1000000000LL);
	tv.usec = (int32_t)(now % 1000000000LL / 1000);
	ret = ut_int80(RV_NR_settimeofday, (long)&tv, 0, 0);
	rv_readers_step(r);
	return ret == 0;
}

static int check_tz(const struct rv_vtime *t, char *why, size_t len)
{
	struct rv_tz set = { -90, 1 }, zero = { 0, 0 }, got = { 7, 7 }, sys = { 7, 7 };
	struct { int32_t sec, usec; } tv;
	long r = ut_int80(RV_NR_settimeofday, 0, (long)&set, 0);

	if (r)
		return snprintf(why, len, "settimeofday(NULL, tz): %s", strerror(-r)), 0;
	r = ((long (*)(void *, void *))(uintptr_t)t->fn[RV_TF_GETTIMEOFDAY])(&tv, &got);
	ut_int80(UT_NR_gettimeofday, (long)&tv, (long)&sys, 0);
	ut_int80(RV_NR_settimeofday, 0, (long)&zero, 0);
	snprintf(why, len, "tz set {%d,%d}: vDSO {%d,%d} (%ld), syscall {%d,%d}", set.minuteswest,
		 set.dsttime, got.minuteswest, got.dsttime, r, sys.minuteswest, sys.dsttime);
	return !r && !memcmp(&got, &set, sizeof(set)) && !memcmp(&sys, &set, sizeof(set));
}

void group_settime(struct rv_env *e)
{
	char tz[120], rwhy[200] = "", why[200] = "";
	struct timex tx = { 0 }, fx;
	struct rv_readers *r;
	struct rv_vtime t;
	int64_t before, up, down, a1, a2;
	int ok = 1, bad;

	if (!e->view_ok) {
		SKIP("settime", "no vDSO");
		return;
	}
	rv_vtime_open(e, &t);
	if (!t.fn[RV_TF_GETTIMEOFDAY] || !t.fn[RV_TF_CLOCK_GETTIME64]) {
		FAIL("settime", "the vDSO lacks gettimeofday or clock_gettime64");
		return;
	}
	r = rv_readers_start(&t, 0);
	if (!r) {
		FAIL("settime", "cannot start the readers");
		return;
	}
	/*
	 * The first settimeofday(NULL, tz) since boot also warps REALTIME by
	 * tz_minuteswest (Linux's timekeeping_warp_clock: an RTC kept in
	 * local time): a step like the others.
	 */
	rv_readers_step(r);
	ok &= check_tz(&t, tz, sizeof(tz));
	rv_readers_step(r);
	ok &= realtime_sandwich(&t, &before);
	ok &= step(r, STEP_NS) && realtime_sandwich(&t, &up) && up - before >= STEP_NS;
	ok &= step(r, -STEP_NS) && realtime_sandwich(&t, &down) && down < up;
	if (ok && adjtimex(&tx) >= 0) {
		fx = (struct timex){ .modes = ADJ_FREQUENCY, .freq = tx.freq + (50 << 16) };
		rv_readers_step(r);	/* the coarse clocks may go back a little */
		ok &= adjtimex(&fx) >= 0;
		ok &= realtime_sandwich(&t, &a1) && a1 >= down;
		usleep(20000);	/* a few ticks at the new rate, readers running */
		fx = (struct timex){ .modes = ADJ_FREQUENCY, .freq = tx.freq };
		ok &= adjtimex(&fx) >= 0 && realtime_sandwich(&t, &a2) && a2 >= a1;
		usleep(50000);	/* the ticks that bring mult back to the old rate */
		rv_readers_step(r);
		snprintf(why, sizeof(why), "adjtimex freq %ld -> %ld -> back", tx.freq, tx.freq + (50 << 16));
	} else {
		snprintf(why, sizeof(why), "%s", ok ? "adjtimex failed" : "a step failed or disagrees");
		ok = 0;
	}
	bad = rv_readers_stop(r, rwhy, sizeof(rwhy));
	CHECK(ok && !bad, "settime", "%s; REALTIME +1000 s and back: vDSO %lld -> %lld -> %lld ns; %s; readers: %s",
	      tz, (long long)before, (long long)up, (long long)down, why, rwhy);
}
