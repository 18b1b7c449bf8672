// SPDX-License-Identifier: GPL-2.0-only
/*
 * The vDSO's time functions beside their system calls (int $0x80), as
 * one table, and what path Linux 6.1's vDSO takes for each call: the
 * model fastpath.c checks both kernels against.  The clock table itself
 * is relvdso's (vdso_data.h); a stock cell checks the same model, so the
 * table is measured against Linux too.
 */
#include <string.h>

#include "init.h"
#include "../../../include/relvdso/vdso_data.h"

const struct rv_tfn_info rv_tfns[RV_TF_COUNT] = {
	[RV_TF_CLOCK_GETTIME] = { "clock_gettime", RELVDSO_SYM_CLOCK_GETTIME, UT_NR_clock_gettime, 1 },
	[RV_TF_CLOCK_GETTIME64] = { "clock_gettime64", RELVDSO_SYM_CLOCK_GETTIME64, UT_NR_clock_gettime64, 1 },
	[RV_TF_GETTIMEOFDAY] = { "gettimeofday", RELVDSO_SYM_GETTIMEOFDAY, UT_NR_gettimeofday, 0 },
	[RV_TF_TIME] = { "time", RELVDSO_SYM_TIME, UT_NR_time, 0 },
	[RV_TF_CLOCK_GETRES] = { "clock_getres", RELVDSO_SYM_CLOCK_GETRES, UT_NR_clock_getres, 1 },
	[RV_TF_GETCPU] = { "getcpu", RELVDSO_SYM_GETCPU, RV_NR_getcpu, 0 },
};

/* Every id a clock function is called with: the valid ones, then invalid ones. */
const int rv_clock_ids[RV_NCLOCK_IDS] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
					  -1, 16, 1000 };

/* The ids the vDSO answers itself, by kind (relvdso's table, Linux's masks). */
#define RV_BIT_(name, id, kind, cs) | ((kind) == RELVDSO_DATA_HRES ? 1u << (id) : 0u)
#define RV_CBIT_(name, id, kind, cs) | ((kind) == RELVDSO_DATA_COARSE ? 1u << (id) : 0u)
static const uint32_t hres_ids = 0u RELVDSO_DATA_CLOCK_IDS(RV_BIT_);
static const uint32_t coarse_ids = 0u RELVDSO_DATA_CLOCK_IDS(RV_CBIT_);
/*
 * ... and those that may go back while the time is set: settimeofday()
 * steps REALTIME, REALTIME_COARSE and TAI; a frequency change through
 * adjtimex() moves Linux 6.1's coarse bases back by up to a few hundred ns
 * (the syscall shows it too).  The rest only ever go forward.
 */
static const uint32_t settable_ids = 1u << 0 | 1u << 5 | 1u << 6 | 1u << 11;

static int in_mask(uint32_t mask, int clock)
{
	return clock >= 0 && clock < 32 && ((mask >> clock) & 1);
}

int rv_clock_fast_id(int clock)
{
	return in_mask(hres_ids | coarse_ids, clock);
}

int rv_clock_settable(int clock)
{
	return in_mask(settable_ids, clock);
}

void rv_vtime_open(const struct rv_env *e, struct rv_vtime *t)
{
	int i;

	memset(t, 0, sizeof(*t));
	if (!e->view_ok)
		return;
	for (i = 0; i < RV_TF_COUNT; i++)
		t->fn[i] = ut_vdso_sym(&e->view, rv_tfns[i].sym);
}

struct ts32 { int32_t sec, nsec; };
struct ts64 { int64_t sec, nsec; };
struct tv32 { int32_t sec, usec; };

long rv_vtime_call(const struct rv_vtime *t, enum rv_tfn f, int clock, int vdso, int64_t *val)
{
	union { struct ts32 t32; struct ts64 t64; struct tv32 tv; int32_t s; uint32_t cpu[2]; } u;
	struct rv_tz tz;
	uint32_t fn = t->fn[f];
	long nr = rv_tfns[f].nr, r;

	memset(&u, 0, sizeof(u));
	if (vdso && !fn)
		return -RV_ABSENT;
	switch (f) {
	case RV_TF_CLOCK_GETTIME:
	case RV_TF_CLOCK_GETTIME64:
	case RV_TF_CLOCK_GETRES:
		r = vdso ? ((long (*)(int, void *))(uintptr_t)fn)(clock, &u) : ut_int80(nr, clock, (long)&u, 0);
		break;
	case RV_TF_GETTIMEOFDAY:
		r = vdso ? ((long (*)(void *, void *))(uintptr_t)fn)(&u, &tz) : ut_int80(nr, (long)&u, (long)&tz, 0);
		break;
	case RV_TF_TIME:
		r = vdso ? ((long (*)(int32_t *))(uintptr_t)fn)(&u.s) : ut_int80(nr, (long)&u.s, 0, 0);
		break;
	default:
		r = vdso ? ((long (*)(void *, void *, void *))(uintptr_t)fn)(&u.cpu[0], &u.cpu[1], NULL)
			 : ut_int80(nr, (long)&u.cpu[0], (long)&u.cpu[1], 0);
		break;
	}
	if (!val)
		return r;
	switch (f) {
	case RV_TF_CLOCK_GETTIME64:
		*val = u.t64.sec * 1000000000LL + u.t64.nsec;
		break;
	case RV_TF_GETTIMEOFDAY:
		*val = u.tv.sec * 1000000000LL + u.tv.usec * 1000LL;
		break;
	case RV_TF_TIME:
		*val = (int64_t)u.s * 1000000000LL;
		break;
	case RV_TF_GETCPU:
		*val = u.cpu[0];
		break;
	default:
		*val = u.t32.sec * 1000000000LL + u.t32.nsec;
		break;
	}
	return r;
}

enum rv_path rv_time_expected(enum rv_tfn f, int clock, const struct rv_time_state *s)
{
	if (f == RV_TF_GETCPU)	/* stock 6.1's i386 vDSO has none; relvdso keeps no per-CPU data */
		return s->stock ? RV_PATH_ABSENT : RV_PATH_SYSCALL;
	if (s->slow)
		return RV_PATH_SYSCALL;
	switch (f) {
	case RV_TF_TIME:
		return RV_PATH_FAST;
	case RV_TF_GETTIMEOFDAY:
		clock = 0;	/* REALTIME */
		/* fall through */
	case RV_TF_CLOCK_GETTIME:
	case RV_TF_CLOCK_GETTIME64:
		if (in_mask(coarse_ids, clock) || (s->hres && in_mask(hres_ids, clock)))
			return RV_PATH_FAST;
		return RV_PATH_SYSCALL;
	default:	/* clock_getres: the resolutions, whatever the clocksource */
		return rv_clock_fast_id(clock) ? RV_PATH_FAST : RV_PATH_SYSCALL;
	}
}
