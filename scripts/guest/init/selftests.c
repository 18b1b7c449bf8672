// SPDX-License-Identifier: GPL-2.0-only
/*
 * Linux's own selftests (tools/testing/selftests/x86 and vDSO, built -m32 by
 * scripts/userspace/selftests.sh, packed by make-initramfs.sh), run with
 * rvx_selftests=1 or alone with rvx_suite=selftests (a stock kernel has no
 * relvdso to check).  Each test runs unpinned and pinned to each online
 * CPU (but those that set their own affinity: unpinned only), under a time
 * limit, and gets one line:
 *
 *   RELVDSO-SELFTEST name=NAME cpu=any|N rc=R ok=N fail=N skip=N
 *                    kok=N knotok=N secs=S
 *
 * NAME is the path under /tests/selftests (x86/sigreturn, vdso_test_abi);
 * R the exit status, or SIGxxx when a signal killed it (SIGALRM: the time
 * limit); ok/fail/skip count the lines starting [OK]/[FAIL]/[SKIP], kok and
 * knotok kselftest's "ok"/"not ok" lines.  These lines are not verdicts:
 * selftest-compare.sh compares them with a stock kernel's.  The tests'
 * output is echoed as "  |NAME@CPU| ..." lines, which never start with
 * RELVDSO-.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "init.h"

#define SELFTEST_DIR "/tests/selftests"
#define SELFTEST_MAX 64
#define SELFTEST_SECS 60	/* per run; rvx_selftest_secs= overrides */

/* The line prefixes counted in a test's output, and their field names. */
static const struct tag {
	const char *prefix;
	const char *field;
} tags[] = {
	{ "[OK]", "ok" },
	{ "[FAIL]", "fail" },
	{ "[SKIP]", "skip" },
	{ "ok ", "kok" },
	{ "not ok ", "knotok" },
};
#define NTAGS (sizeof(tags) / sizeof(tags[0]))

/*
 * Tests that set their own affinity (6.1's sources): sysret_ss_attrs, iopl
 * and ioperm pin themselves to CPU 0 first thing, ldt_gdt's multi-CPU part
 * moves itself to CPU 1 and back to 0.  A pin from here is overridden, so
 * their pinned runs would repeat the unpinned one, at 4-10 s a run under
 * TCG.
 */
static const char *const self_pinning[] = {
	"x86/ldt_gdt", "x86/sysret_ss_attrs", "x86/iopl", "x86/ioperm",
};

static int pins_itself(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(self_pinning) / sizeof(self_pinning[0]); i++)
		if (!strcmp(name, self_pinning[i]))
			return 1;
	return 0;
}

struct selftest_run {
	const char *name;
	int cpu;		/* -1: unpinned */
	int counts[NTAGS];
	char rc[16];
	double secs;
};

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The executables in SELFTEST_DIR/sub, named "sub/NAME" (or "NAME"), sorted. */
static size_t list_dir(const char *sub, char *names[], size_t n, size_t max)
{
	char dirpath[128], path[512];
	struct dirent *d;
	struct stat st;
	size_t first = n;
	DIR *dir;

	snprintf(dirpath, sizeof(dirpath), "%s%s%s", SELFTEST_DIR, *sub ? "/" : "", sub);
	dir = opendir(dirpath);
	if (!dir)
		return n;
	while (n < max && (d = readdir(dir))) {
		snprintf(path, sizeof(path), "%s/%s", dirpath, d->d_name);
		if (d->d_name[0] == '.' || stat(path, &st) || !S_ISREG(st.st_mode) || access(path, X_OK))
			continue;
		names[n++] = strdup(path + sizeof(SELFTEST_DIR));
	}
	closedir(dir);
	qsort(names + first, n - first, sizeof(names[0]), by_name);
	return n;
}

/* "any" or the CPU number, as the cpu= field says it */
static const char *cpu_name(const struct selftest_run *r, char buf[12])
{
	if (r->cpu < 0)
		return "any";
	snprintf(buf, 12, "%d", r->cpu);
	return buf;
}

static void count_line(struct selftest_run *r, const char *line, size_t len)
{
	char cpu[12];
	size_t i;

	rv_out("  |%s@%s| %.*s\n", r->name, cpu_name(r, cpu), (int)len, line);
	for (i = 0; i < NTAGS; i++)
		if (!strncmp(line, tags[i].prefix, strlen(tags[i].prefix)))
			r->counts[i]++;
}

/* Read the child's output line by line (a line longer than buf is split). */
static void read_output(int fd, struct selftest_run *r)
{
	static char buf[4096];
	size_t len = 0;
	ssize_t n;
	char *p, *start;

	while ((n = read(fd, buf + len, sizeof(buf) - len)) > 0) {
		len += n;
		start = buf;
		while ((p = memchr(start, '\n', buf + len - start))) {
			count_line(r, start, p - start);
			start = p + 1;
		}
		len -= start - buf;
		memmove(buf, start, len);
		if (len == sizeof(buf)) {
			count_line(r, buf, len);
			len = 0;
		}
	}
	if (len)
		count_line(r, buf, len);
}

static int pin_cpu(const void *cpu)
{
	cpu_set_t set;

	if (*(const int *)cpu < 0)
		return 0;
	CPU_ZERO(&set);
	CPU_SET(*(const int *)cpu, &set);
	return sched_setaffinity(0, sizeof(set), &set);
}

static void run_one(struct selftest_run *r, unsigned int secs)
{
	char path[256];
	const char *argv[] = { path, NULL };
	struct timespec t0, t1;
	int fd, st;
	pid_t pid;

	snprintf(path, sizeof(path), "%s/%s", SELFTEST_DIR, r->name);
	strcpy(r->rc, "norun");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = rv_spawn(argv, pin_cpu, &r->cpu, secs, &fd);
	if (pid < 0)
		return;
	read_output(fd, r);
	close(fd);
	if (waitpid(pid, &st, 0) < 0)
		return;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	r->secs = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (WIFEXITED(st))
		snprintf(r->rc, sizeof(r->rc), "%d", WEXITSTATUS(st));
	else
		snprintf(r->rc, sizeof(r->rc), "SIG%s", sigabbrev_np(WTERMSIG(st)) ?: "?");
}

static void report(const struct selftest_run *r)
{
	char line[256], cpu[12];
	size_t i, n;

	n = snprintf(line, sizeof(line), "RELVDSO-SELFTEST name=%s cpu=%s rc=%s", r->name,
		     cpu_name(r, cpu), r->rc);
	for (i = 0; i < NTAGS; i++)
		n += snprintf(line + n, sizeof(line) - n, " %s=%d", tags[i].field, r->counts[i]);
	rv_out("%s secs=%.2f\n", line, r->secs);
}

void group_selftests(struct rv_env *e)
{
	char *names[SELFTEST_MAX];
	size_t n, i, runs = 0, bad = 0;
	const char *v = getenv("rvx_selftest_secs");
	unsigned int secs = v ? strtoul(v, NULL, 10) : SELFTEST_SECS;
	cpu_set_t online;
	int cpu, ncpu = sysconf(_SC_NPROCESSORS_ONLN);

	(void)e;
	n = list_dir("", names, 0, SELFTEST_MAX);
	n = list_dir("x86", names, n, SELFTEST_MAX);
	if (!n) {
		SKIP("selftests", "no selftests in %s", SELFTEST_DIR);
		return;
	}
	if (sched_getaffinity(0, sizeof(online), &online))
		CPU_ZERO(&online);
	for (i = 0; i < n; i++) {
		/* unpinned, then each CPU; with one CPU pinning changes nothing */
		int last = ncpu > 1 && !pins_itself(names[i]) ? CPU_SETSIZE : 0;

		for (cpu = -1; cpu < last; cpu++) {
			struct selftest_run r = { .name = names[i], .cpu = cpu };

			if (cpu >= 0 && !CPU_ISSET(cpu, &online))
				continue;
			run_one(&r, secs);
			report(&r);
			runs++;
			bad += strcmp(r.rc, "0") != 0;
		}
		free(names[i]);
	}
	/* the verdicts are selftest-compare.sh's; here: did everything run */
	PASS("selftests", "%zu tests, %d CPUs online, %zu runs, %zu exited non-zero (compared with stock by selftest-compare.sh)",
	     n, ncpu, runs, bad);
}
