// SPDX-License-Identifier: GPL-2.0-only
/*
 * Readers: one process per online CPU (pinned there), each calling
 * clock_gettime for every clock id the vDSO answers itself, in rounds,
 * until stopped or for a bounded number of rounds.  Each call is
 * sandwiched, syscall <= vDSO <= syscall, and the vDSO value must not be
 * below what another CPU published for that clock before it (published
 * values in shared memory).  A clock that settimeofday steps is checked
 * only in rounds no step overlapped (rv_readers_step), and not across
 * CPUs once one has happened.  No time is asserted, only order.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "init.h"

#define MAX_READERS 4
#define MAX_ROUNDS 200000	/* a reader that is never stopped still ends */

struct rv_readers {
	volatile int stop;
	volatile uint32_t gen;		/* odd while a step runs; 0: never stepped */
	long loops;
	int n;
	pid_t pid[MAX_READERS];
	int64_t last[MAX_READERS][RV_NCLOCK_IDS];	/* published vDSO values */
	struct { long rounds, bad; char why[160]; } rd[MAX_READERS];
	struct rv_vtime t;
};

static int64_t load64(const int64_t *p) { return __atomic_load_n(p, __ATOMIC_SEQ_CST); }

static void round_one(struct rv_readers *r, int me, int c)
{
	const int id = rv_clock_ids[c], settable = rv_clock_settable(id);
	int64_t s1, v, s2, other = INT64_MIN, x;
	uint32_t g0 = __atomic_load_n(&r->gen, __ATOMIC_SEQ_CST), g1;
	long r1, rv, r2;
	int j;

	for (j = 0; j < r->n; j++)
		if (j != me && (x = load64(&r->last[j][c])) > other)
			other = x;
	r1 = rv_vtime_call(&r->t, RV_TF_CLOCK_GETTIME, id, 0, &s1);
	rv = rv_vtime_call(&r->t, RV_TF_CLOCK_GETTIME, id, 1, &v);
	r2 = rv_vtime_call(&r->t, RV_TF_CLOCK_GETTIME, id, 0, &s2);
	g1 = __atomic_load_n(&r->gen, __ATOMIC_SEQ_CST);
	if (settable && (g0 != g1 || (g0 & 1)))
		return;		/* a step overlapped: no order to check */
	if ((r1 || rv || r2 || s1 > v || v > s2) && !r->rd[me].bad++)
		snprintf(r->rd[me].why, sizeof(r->rd[me].why),
			 "cpu%d clock %d: syscall %lld (%ld) vDSO %lld (%ld) syscall %lld (%ld)", me, id,
			 (long long)s1, r1, (long long)v, rv, (long long)s2, r2);
	if ((!settable || !g0) && other != INT64_MIN && v < other && !r->rd[me].bad++)
		snprintf(r->rd[me].why, sizeof(r->rd[me].why),
			 "cpu%d clock %d: vDSO %lld below %lld published by another CPU", me, id,
			 (long long)v, (long long)other);
	__atomic_store_n(&r->last[me][c], v, __ATOMIC_SEQ_CST);
}

static void __attribute__((noreturn)) reader(struct rv_readers *r, int me, int pin)
{
	cpu_set_t set;
	long n;
	int c;

	CPU_ZERO(&set);
	CPU_SET(me, &set);
	if (pin && sched_setaffinity(0, sizeof(set), &set))
		_exit(2);
	for (n = 0; n < (r->loops ? r->loops : MAX_ROUNDS) && !r->stop; n++)
		for (c = 0; c < RV_NCLOCK_IDS; c++)
			if (rv_clock_fast_id(rv_clock_ids[c]))
				round_one(r, me, c);
	r->rd[me].rounds = n;
	_exit(0);
}

struct rv_readers *rv_readers_start(const struct rv_vtime *t, long loops)
{
	struct rv_readers *r = mmap(NULL, sizeof(*r), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int i, c;

	if (r == MAP_FAILED)
		return NULL;
	memset(r, 0, sizeof(*r));
	r->t = *t;
	r->loops = loops;
	r->n = cpus < 1 ? 1 : cpus > MAX_READERS ? MAX_READERS : cpus;
	for (i = 0; i < r->n; i++)
		for (c = 0; c < RV_NCLOCK_IDS; c++)
			r->last[i][c] = INT64_MIN;
	for (i = 0; i < r->n; i++) {
		pid_t pid = fork();	/* (not into r->pid: the child shares it) */

		if (pid == 0)
			reader(r, i, r->n > 1);
		r->pid[i] = pid;
	}
	return r;
}

void rv_readers_step(struct rv_readers *r)
{
	__atomic_add_fetch(&r->gen, 1, __ATOMIC_SEQ_CST);
}

int rv_readers_stop(struct rv_readers *r, char *why, size_t len)
{
	int i, st, bad = 0, died = 0;
	long rounds = 0;

	r->stop = !r->loops;	/* bounded readers run their rounds */
	for (i = 0; i < r->n; i++) {
		if (r->pid[i] < 0 || waitpid(r->pid[i], &st, 0) != r->pid[i] || !WIFEXITED(st) ||
		    WEXITSTATUS(st))
			died = 1;
		rounds += r->rd[i].rounds;
		if (r->rd[i].bad && !bad)
			snprintf(why, len, "%ld bad: %s", r->rd[i].bad, r->rd[i].why);
		bad += r->rd[i].bad;
	}
	if (!bad)
		snprintf(why, len, "%d readers, %ld rounds in order%s", r->n, rounds,
			 died ? ", but a reader died" : "");
	munmap(r, sizeof(*r));
	return died && !bad ? -1 : bad;
}
