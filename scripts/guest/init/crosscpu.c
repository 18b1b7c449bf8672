// SPDX-License-Identifier: GPL-2.0-only
/*
 * Cross-CPU monotonicity: crosscpu.  A reader pinned to each CPU reads
 * every clock the vDSO answers itself; a value read after another CPU
 * published one must not be below it (readers.c).  Bounded rounds; one
 * CPU has nothing to compare with.
 */
#include <unistd.h>

#include "init.h"

#define ROUNDS 1500

void group_crosscpu(struct rv_env *e)
{
	struct rv_readers *r;
	struct rv_vtime t;
	char why[200] = "";
	int bad;

	if (!e->view_ok) {
		SKIP("crosscpu", "no vDSO");
		return;
	}
	if (sysconf(_SC_NPROCESSORS_ONLN) < 2) {
		SKIP("crosscpu", "one CPU online");
		return;
	}
	rv_vtime_open(e, &t);
	r = rv_readers_start(&t, ROUNDS);
	if (!r) {
		FAIL("crosscpu", "cannot start the readers");
		return;
	}
	bad = rv_readers_stop(r, why, sizeof(why));
	CHECK(bad == 0, "crosscpu", "%s", why);
}
