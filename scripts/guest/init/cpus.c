// SPDX-License-Identifier: GPL-2.0-only
/*
 * Every CPU: cpus.  The guest has the rvx_cpus= CPUs online, and on each
 * of them (a child pinned there) a system call through AT_SYSINFO returns
 * the right result and the vDSO reads the same bytes.  The SYSENTER MSRs
 * are programmed per CPU (enable_sep_cpu() on each one brought up), so a
 * CPU that missed it faults in __kernel_vsyscall: only its child dies.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "init.h"
#include "vdso_view.h"

#define MAX_CPUS 64

/* What a pinned child found wrong: one bit each, its exit status. */
static const char *const child_faults[] = {
	"cannot pin",
	"runs elsewhere",
	"getpid wrong",
	"vDSO bytes differ",
};

/* A system call on the way /init's env offers: AT_SYSINFO, or int $0x80 without a vDSO. */
static long call(const struct rv_env *e, long nr, long a1, long a2, long a3)
{
	if (!e->vdso_entry)
		return ut_int80(nr, a1, a2, a3);
	return rv_vsys(e->vdso_entry, nr, a1, a2, a3, 0, 0, 0);
}

/* The pinned child: exits with the child_faults bits. */
static void __attribute__((noreturn)) on_cpu(const struct rv_env *e, int cpu,
					     const void *image, size_t size)
{
	unsigned int here = ~0u;
	cpu_set_t set;
	int faults = 0;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set))
		_exit(1 << 0);
	if (call(e, SYS_getcpu, (long)&here, 0, 0) || here != (unsigned int)cpu)
		faults |= 1 << 1;
	if (call(e, UT_NR_getpid, 0, 0, 0) != getpid())
		faults |= 1 << 2;
	if (size && memcmp((const void *)e->vdso_base, image, size))
		faults |= 1 << 3;
	_exit(faults);
}

/* The online CPUs from "0-1,3" in /sys; their count, or -1. */
static int online_cpus(int cpus[MAX_CPUS], char *text, size_t len)
{
	FILE *f = fopen("/sys/devices/system/cpu/online", "r");
	char *p, *end;
	int n = 0;
	long lo, hi;

	if (!f || !fgets(text, len, f)) {
		if (f)
			fclose(f);
		return -1;
	}
	fclose(f);
	text[strcspn(text, "\n")] = 0;
	for (p = text; *p; p = *end ? end + 1 : end) {
		lo = hi = strtol(p, &end, 10);
		if (*end == '-')
			hi = strtol(end + 1, &end, 10);
		if (end == p || lo < 0 || hi < lo || hi - lo + n >= MAX_CPUS)
			return -1;
		while (lo <= hi)
			cpus[n++] = lo++;
	}
	return n;
}

static void test_cpus(const struct rv_env *e)
{
	static unsigned char image[1 << 16];
	int cpus[MAX_CPUS], n, i, j, status, bad = 0;
	char online[128], detail[512];
	struct vdso_view view;
	size_t size = 0;
	const char *why;
	cpu_set_t mine;
	pid_t pid;

	n = online_cpus(cpus, online, sizeof(online));
	if (n < 0) {
		FAIL("cpus", "cannot read /sys/devices/system/cpu/online");
		return;
	}
	if (sched_getaffinity(0, sizeof(mine), &mine) || CPU_COUNT(&mine) != n) {
		FAIL("cpus", "online %s but init may run on %d CPUs", online, CPU_COUNT(&mine));
		return;
	}
	if (e->vdso_base) {
		why = vdso_view_open(&view, e->vdso_base);
		if (why) {
			FAIL("cpus", "vDSO at 0x%lx: %s", e->vdso_base, why);
			return;
		}
		size = view.load->p_filesz;
		if (size > sizeof(image)) {
			FAIL("cpus", "vDSO PT_LOAD of %zu bytes", size);
			return;
		}
		memcpy(image, (const void *)e->vdso_base, size);
	}
	snprintf(detail, sizeof(detail), "online %s (want %d), %s, %zu vDSO bytes:", online,
		 e->cpus, e->vdso_entry ? "AT_SYSINFO" : "no vDSO: int80", size);
	for (i = 0; i < n; i++) {
		rv_append(detail, sizeof(detail), " cpu%d", cpus[i]);
		pid = fork();
		if (pid == 0)
			on_cpu(e, cpus[i], image, size);
		if (pid < 0 || waitpid(pid, &status, 0) != pid) {
			rv_append(detail, sizeof(detail), " fork/wait: %s", strerror(errno));
			bad = 1;
		} else if (WIFSIGNALED(status)) {
			rv_append(detail, sizeof(detail), " killed by signal %d", WTERMSIG(status));
			bad = 1;
		} else if (WEXITSTATUS(status)) {
			for (j = 0; j < (int)(sizeof(child_faults) / sizeof(child_faults[0])); j++)
				if (WEXITSTATUS(status) & (1 << j))
					rv_append(detail, sizeof(detail), " %s", child_faults[j]);
			bad = 1;
		} else {
			rv_append(detail, sizeof(detail), " ok");
		}
	}
	CHECK(n == e->cpus && !bad, "cpus", "%s", detail);
}

void group_cpus(struct rv_env *e)
{
	test_cpus(e);
}
