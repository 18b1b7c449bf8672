// SPDX-License-Identifier: GPL-2.0-only
/*
 * Time namespaces: timens.  A helper unshares CLONE_NEWTIME, sets
 * MONOTONIC +1000 s and BOOTTIME +2000 s, and forks a child into the new
 * namespace: there the vDSO's MONOTONIC and BOOTTIME lie between two
 * system calls, carry the offsets (against /init's own clocks read before
 * and after), and every call is a system call (normal mode: the kernel
 * gives the task a slow data page; compat mode: the one shared page turns
 * slow while any time namespace exists, so /init's own probe says so too,
 * and after the namespace is gone the fast path is back).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "init.h"

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

static const struct offset {
	int clock;
	const char *name;
	int64_t secs;
} offsets[] = {
	{ 1, "monotonic", 1000 },	/* CLOCK_MONOTONIC */
	{ 7, "boottime", 2000 },	/* CLOCK_BOOTTIME */
};
#define NOFFSETS (sizeof(offsets) / sizeof(offsets[0]))

/* The namespace child's findings, over a pipe. */
struct finding {
	int64_t s1[NOFFSETS], v[NOFFSETS], s2[NOFFSETS];
	int fast_seen;		/* probes that were not system calls */
	char why[120];
};

static void __attribute__((noreturn)) in_namespace(const struct rv_vtime *t, int fd, int go)
{
	enum rv_path paths[RV_NPROBES];
	struct finding f = { .fast_seen = -1 };
	size_t i;
	char c;

	for (i = 0; i < NOFFSETS; i++) {
		rv_vtime_call(t, RV_TF_CLOCK_GETTIME64, offsets[i].clock, 0, &f.s1[i]);
		rv_vtime_call(t, RV_TF_CLOCK_GETTIME64, offsets[i].clock, 1, &f.v[i]);
		rv_vtime_call(t, RV_TF_CLOCK_GETTIME64, offsets[i].clock, 0, &f.s2[i]);
	}
	if (!rv_fastpath_probe(t, paths, f.why, sizeof(f.why)))
		for (f.fast_seen = 0, i = 0; i < RV_NPROBES; i++)
			f.fast_seen += paths[i] == RV_PATH_FAST;
	(void)!write(fd, &f, sizeof(f));
	(void)!read(go, &c, 1);		/* the namespace lives until /init has probed */
	_exit(0);
}

/* The helper: a new time namespace for its children, then the child. */
static void __attribute__((noreturn)) helper(const struct rv_vtime *t, int fd, int go)
{
	char text[128];
	size_t i, n = 0;
	int ofd, st;
	pid_t pid;

	if (unshare(CLONE_NEWTIME))
		_exit(2);
	for (i = 0; i < NOFFSETS; i++)
		n += snprintf(text + n, sizeof(text) - n, "%s %lld 0\n", offsets[i].name, (long long)offsets[i].secs);
	ofd = open("/proc/self/timens_offsets", O_WRONLY);
	if (ofd < 0 || write(ofd, text, n) != (ssize_t)n)
		_exit(3);
	close(ofd);
	pid = fork();
	if (pid == 0)
		in_namespace(t, fd, go);
	_exit(pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) && !WEXITSTATUS(st) ? 0 : 4);
}

void group_timens(struct rv_env *e)
{
	static const char *const exits[] = { "", "", "unshare(CLONE_NEWTIME) failed",
					     "cannot write /proc/self/timens_offsets", "namespace child failed" };
	struct rv_time_state slow = { .slow = 1 }, own = { .slow = e->time_slow };
	int64_t before[NOFFSETS], after[NOFFSETS];
	char why[300] = "", cs[64], pwhy[160] = "", bwhy[160] = "";
	int pfd[2], gfd[2], st, ok, own_ok = 1, back_ok;
	struct finding f;
	struct rv_vtime t;
	size_t i;
	pid_t pid;

	if (!e->view_ok) {
		SKIP("timens", "no vDSO");
		return;
	}
	if (access("/proc/self/timens_offsets", F_OK)) {
		SKIP("timens", "the kernel has no time namespaces (CONFIG_TIME_NS)");
		return;
	}
	rv_vtime_open(e, &t);
	own.hres = rv_clocksource(cs, sizeof(cs));
	for (i = 0; i < NOFFSETS; i++)
		rv_vtime_call(&t, RV_TF_CLOCK_GETTIME64, offsets[i].clock, 0, &before[i]);
	if (pipe(pfd) || pipe(gfd)) {
		FAIL("timens", "pipe failed");
		return;
	}
	pid = fork();
	if (pid == 0) {
		close(pfd[0]);
		close(gfd[1]);
		helper(&t, pfd[1], gfd[0]);
	}
	close(pfd[1]);
	close(gfd[0]);
	ok = read(pfd[0], &f, sizeof(f)) == sizeof(f);
	/* compat: the shared page is slow while the namespace exists */
	if (ok && e->mode == UT_COMPAT)
		own_ok = rv_fastpath_phase(NULL, &t, &slow, pwhy, sizeof(pwhy));
	(void)!write(gfd[1], "x", 1);
	close(gfd[1]);
	close(pfd[0]);
	waitpid(pid, &st, 0);
	for (i = 0; i < NOFFSETS; i++)
		rv_vtime_call(&t, RV_TF_CLOCK_GETTIME64, offsets[i].clock, 0, &after[i]);
	if (!ok || !WIFEXITED(st) || WEXITSTATUS(st)) {
		FAIL("timens", "%s", WIFEXITED(st) && WEXITSTATUS(st) > 1 && WEXITSTATUS(st) < 5 ?
		     exits[WEXITSTATUS(st)] : "helper died");
		return;
	}
	for (i = 0; i < NOFFSETS; i++) {
		int64_t off = offsets[i].secs * 1000000000LL;
		int good = f.s1[i] <= f.v[i] && f.v[i] <= f.s2[i] && f.s1[i] - off >= before[i] &&
			   f.s2[i] - off <= after[i];

		ok &= good;
		snprintf(why + strlen(why), sizeof(why) - strlen(why), " %s%s: vDSO %lld, root %lld..%lld;",
			 offsets[i].name, good ? "" : " WRONG", (long long)f.v[i], (long long)before[i],
			 (long long)after[i]);
	}
	/* the namespace is gone: /init's own calls are as fast as before */
	back_ok = rv_fastpath_phase(NULL, &t, &own, bwhy, sizeof(bwhy));
	CHECK(ok && f.fast_seen == 0 && own_ok && back_ok, "timens",
	      "+1000 s/+2000 s:%s in the namespace %d fast calls (want 0)%s%s%s%s", why, f.fast_seen, f.why,
	      e->mode == UT_COMPAT ? (own_ok ? "; compat: /init slow meanwhile" : "; compat: /init not slow:") : "",
	      pwhy, back_ok ? "; fast path back afterwards" : bwhy);
}
