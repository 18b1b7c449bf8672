// SPDX-License-Identifier: GPL-2.0-only
/*
 * /init for the relvdso guest: checks the vDSO the kernel gave it, one
 * RELVDSO-TEST line per test (report.c), then reboots (qemu runs
 * -no-reboot, so it exits).  Built gcc -m32 -static (glibc) by
 * make-initramfs.sh.
 *
 * Expectations come from the kernel command line: parameters the kernel
 * does not know (rvx_mode=, rvx_entry=, rvx_base=, rvx_sep=,
 * rvx_userspace=, rvx_cpus=, rvx_selftests=, rvx_suite=, rvx_time=) reach init as
 * environment variables.  An unknown value is reported as a failed
 * "cmdline" test and the default is used.
 *
 * Run as "/init child" it is the exec'd child of the exec test.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <unistd.h>

#include "init.h"

/*
 * What a group is part of: the relvdso checks, the userspace consumers
 * (rvx_userspace=1), Linux's selftests (rvx_selftests=1), the checks a
 * stock kernel must pass too (always).  rvx_suite=selftests runs the
 * selftests and those alone: a stock kernel has no relvdso to check;
 * rvx_suite=timebench only measures (bench/guest.sh).
 */
enum part { RELVDSO, USERSPACE, SELFTESTS, STOCK_TOO, TIMEBENCH };

static const struct group {
	void (*run)(struct rv_env *e);
	enum part part;
} groups[] = {
	{ group_image, RELVDSO },
	{ group_calls, RELVDSO },
	{ group_signals, RELVDSO },
	{ group_memory, RELVDSO },
	{ group_process, RELVDSO },
	{ group_kernel, RELVDSO },
	{ group_cpus, RELVDSO },
	{ group_sandwich, RELVDSO },
	{ group_datapage, RELVDSO },
	{ group_crosscpu, RELVDSO },
	{ group_settime, RELVDSO },
	{ group_timens, RELVDSO },
	{ group_fastpath, STOCK_TOO },
	{ group_debugger, RELVDSO },
	{ group_userspace, USERSPACE },
	{ group_tracing, USERSPACE },
	{ group_selftests, SELFTESTS },
	{ group_timebench, TIMEBENCH },
};

/* rvx_suite= values, indexed by enum rv_suite */
static const char *const suite_names[] = { "all", "selftests", "timebench" };

/* rvx_time= values: the data page answers (normal) or, fault-injected, nothing (slow) */
static const char *const time_names[] = { "normal", "slow" };

/* rvx_mode= values, indexed by enum ut_mode */
static const char *const mode_names[] = { "compat", "normal", "disabled" };

static char bad_param[128];	/* the first unknown value, reported by main */

/* The i whose name(i) is getenv(var); dflt when unset or unknown. */
static int lookup(const char *var, const char *(*name)(int), int n, int dflt)
{
	const char *v = getenv(var);
	int i;

	if (!v)
		return dflt;
	for (i = 0; i < n; i++)
		if (name(i) && !strcmp(v, name(i)))
			return i;
	if (!bad_param[0])
		snprintf(bad_param, sizeof(bad_param), "%s=%s is not a known value; using %s",
			 var, v, name(dflt));
	return dflt;
}

static const char *mode_name(int i) { return mode_names[i]; }
static const char *suite_name(int i) { return suite_names[i]; }
static const char *time_name(int i) { return time_names[i]; }
static const char *entry_name(int i) { return i == UT_ENTRY_ANY ? NULL : ut_entry_name(i); }

static void read_cmdline(struct rv_env *e)
{
	const char *base = getenv("rvx_base"), *us = getenv("rvx_userspace");
	const char *st = getenv("rvx_selftests");
	const char *cpus = getenv("rvx_cpus");

	e->mode = lookup("rvx_mode", mode_name, sizeof(mode_names) / sizeof(mode_names[0]), UT_NORMAL);
	e->entry = lookup("rvx_entry", entry_name, UT_ENTRY_SYSENTER + 1, UT_ENTRY_SYSENTER);
	e->base = base ? strtoul(base, NULL, 16) : 0;
	e->sep = getenv("rvx_sep");
	e->userspace = us && !strcmp(us, "1");
	e->selftests = st && !strcmp(st, "1");
	e->suite = lookup("rvx_suite", suite_name, sizeof(suite_names) / sizeof(suite_names[0]), RV_SUITE_ALL);
	e->cpus = cpus ? atoi(cpus) : 1;
	e->time_slow = lookup("rvx_time", time_name, sizeof(time_names) / sizeof(time_names[0]), 0);
}

static int wanted(const struct rv_env *e, enum part part)
{
	const int all = e->suite == RV_SUITE_ALL, bench = e->suite == RV_SUITE_TIMEBENCH;
	const int on[] = {
		[RELVDSO] = all,
		[USERSPACE] = all && e->userspace,
		[SELFTESTS] = e->selftests || e->suite == RV_SUITE_SELFTESTS,
		[STOCK_TOO] = !bench,
		[TIMEBENCH] = bench,
	};

	return on[part];
}

static void setup_console(void)
{
	int fd;

	mkdir("/dev", 0755);
	mkdir("/proc", 0555);
	mkdir("/sys", 0555);
	mkdir("/tmp", 01777);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	fd = open("/dev/console", O_RDWR);
	if (fd < 0)
		fd = open("/dev/ttyS0", O_RDWR);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
}

int main(int argc, char **argv)
{
	static struct rv_env env;
	size_t i;
	int failed;

	env.vdso_base = getauxval(AT_SYSINFO_EHDR);
	env.vdso_entry = getauxval(AT_SYSINFO);
	read_cmdline(&env);
	if (argc > 1 && !strcmp(argv[1], "child"))
		exec_child(&env);
	if (getpid() == 1)
		setup_console();
	rv_out("RELVDSO-START mode=%s entry=%s base=0x%08lx\n", mode_names[env.mode],
	       ut_entry_name(env.entry), env.base);
	if (bad_param[0])
		FAIL("cmdline", "%s", bad_param);

	for (i = 0; i < sizeof(groups) / sizeof(groups[0]); i++)
		if (wanted(&env, groups[i].part))
			groups[i].run(&env);

	failed = rv_done();
	sync();
	if (getpid() == 1)
		reboot(RB_AUTOBOOT);
	return failed ? 1 : 0;
}
