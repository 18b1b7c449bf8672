// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench-time32: nanoseconds per call of the vDSO's time functions, the
 * vDSO being whatever this process got (AT_SYSINFO_EHDR): natively the
 * host kernel's, under vdsorun relvdso's image, which forwards them to the
 * host's (or, with --forward=off, makes the system call).  The functions
 * are looked up by name and version (LINUX_2.6) and called directly, not
 * through libc, so the figures are the calls themselves.
 *
 *   bench-time32 -v VARIANT -n ROUND [-t MS]
 *
 * One batch per call, sized so that it takes about MS ms (default 50) of
 * this thread's CPU time (CLOCK_THREAD_CPUTIME_ID, read outside the
 * batch); prints "call VARIANT/CALL ROUND NS" per call, the format
 * bench-report reads.  Exit 1 when a call is missing or fails.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <time.h>
#include <unistd.h>

#include "../userspace-tests/common/vdso_view.h"

struct ts32 { int32_t sec, nsec; };
struct ts64 { int64_t sec, nsec; };
struct tv32 { int32_t sec, usec; };

enum shape { CLOCK32, CLOCK64, TIMEOFDAY, TIME, GETRES };

/* What is measured: the calls the issue reports, a clock id where it takes one. */
static const struct call {
	const char *name;	/* in the report */
	const char *sym;
	enum shape shape;
	int32_t clk;
} calls[] = {
	{ "clock_gettime(MONOTONIC)", "__vdso_clock_gettime", CLOCK32, CLOCK_MONOTONIC },
	{ "clock_gettime(REALTIME)", "__vdso_clock_gettime", CLOCK32, CLOCK_REALTIME },
	{ "clock_gettime(BOOTTIME)", "__vdso_clock_gettime", CLOCK32, CLOCK_BOOTTIME },
	{ "clock_gettime(MONOTONIC_RAW)", "__vdso_clock_gettime", CLOCK32, CLOCK_MONOTONIC_RAW },
	{ "clock_gettime(MONOTONIC_COARSE)", "__vdso_clock_gettime", CLOCK32, CLOCK_MONOTONIC_COARSE },
	{ "clock_gettime64(MONOTONIC)", "__vdso_clock_gettime64", CLOCK64, CLOCK_MONOTONIC },
	{ "gettimeofday", "__vdso_gettimeofday", TIMEOFDAY, 0 },
	{ "time", "__vdso_time", TIME, 0 },
	{ "clock_getres(MONOTONIC)", "__vdso_clock_getres", GETRES, CLOCK_MONOTONIC },
};

/* @n calls of @c through @fn; non-zero if any failed. */
static int batch(const struct call *c, uint32_t fn, long n)
{
	struct ts32 t32;
	struct ts64 t64;
	struct tv32 tv;
	int bad = 0;
	long i;

	switch (c->shape) {
	case CLOCK32:
	case GETRES: {
		int (*f)(int32_t, struct ts32 *) = (int (*)(int32_t, struct ts32 *))(uintptr_t)fn;

		for (i = 0; i < n; i++)
			bad |= f(c->clk, &t32);
		break;
	}
	case CLOCK64: {
		int (*f)(int32_t, struct ts64 *) = (int (*)(int32_t, struct ts64 *))(uintptr_t)fn;

		for (i = 0; i < n; i++)
			bad |= f(c->clk, &t64);
		break;
	}
	case TIMEOFDAY: {
		int (*f)(struct tv32 *, void *) = (int (*)(struct tv32 *, void *))(uintptr_t)fn;

		for (i = 0; i < n; i++)
			bad |= f(&tv, NULL);
		break;
	}
	case TIME: {
		int32_t (*f)(int32_t *) = (int32_t (*)(int32_t *))(uintptr_t)fn;

		for (i = 0; i < n; i++)
			bad |= f(NULL) <= 0;
		break;
	}
	}
	return bad;
}

static double cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* Nanoseconds per call: a probe batch sizes the measured one; < 0 if a call failed. */
static double per_call(const struct call *c, uint32_t fn, double target_ns)
{
	long n = 1000;
	double t0, t;

	for (;;) {
		t0 = cpu_ns();
		if (batch(c, fn, n))
			return -1;
		t = cpu_ns() - t0;
		if (t >= target_ns / 4)
			break;
		n *= 4;
	}
	n = (long)(n * target_ns / (t > 0 ? t : 1)) + 1;
	t0 = cpu_ns();
	if (batch(c, fn, n))
		return -1;
	return (cpu_ns() - t0) / n;
}

int main(int argc, char **argv)
{
	const char *variant = NULL, *why;
	double target_ms = 50;
	struct vdso_view v;
	int round = -1, opt, failed = 0;
	size_t i;

	while ((opt = getopt(argc, argv, "v:n:t:")) != -1) {
		if (opt == 'v')
			variant = optarg;
		else if (opt == 'n')
			round = atoi(optarg);
		else if (opt == 't')
			target_ms = atof(optarg);
		else
			break;
	}
	if (!variant || round < 0 || optind != argc || target_ms <= 0) {
		fprintf(stderr, "usage: bench-time32 -v VARIANT -n ROUND [-t MS]\n");
		return 2;
	}
	why = vdso_view_open(&v, (uint32_t)getauxval(AT_SYSINFO_EHDR));
	if (why) {
		fprintf(stderr, "bench-time32: no vDSO to measure: %s\n", why);
		return 1;
	}
	for (i = 0; i < sizeof(calls) / sizeof(calls[0]); i++) {
		uint32_t fn = vdso_view_lookup(&v, calls[i].sym, "LINUX_2.6");
		double ns = fn ? per_call(&calls[i], fn, target_ms * 1e6) : -1;

		if (ns < 0) {
			fprintf(stderr, "bench-time32: %s: %s\n", calls[i].name, fn ? "failed" : "not in the vDSO");
			failed = 1;
			continue;
		}
		printf("call %s/%s %d %.3f\n", variant, calls[i].name, round, ns);
	}
	return failed;
}
