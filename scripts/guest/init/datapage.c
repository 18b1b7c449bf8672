// SPDX-License-Identifier: GPL-2.0-only
/*
 * The data page below the image: datapage.  Normal mode: /proc/self/maps
 * has [vvar] r--p, one page, ending where [vdso] starts.  Both modes: the
 * page at AT_SYSINFO_EHDR - 4096 reads back relvdso's magic (compat:
 * 0xffffd000, 0xfbffd000 with reservetop=64M), a write faults, and
 * jumping into it faults where the CPU has NX (PAE kernels on a CPU with
 * nx); without NX, i386 page tables cannot forbid execution: the detail
 * says so and execution is not tried.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "init.h"
#include "../../../include/relvdso/vdso_data.h"

/* A child does what (0 read, 1 write, 2 execute) at addr: its signal, or 0. */
static int child_signal(uintptr_t addr, int what, uintptr_t *fault)
{
	int pfd[2], st;
	pid_t pid;

	*fault = 0;
	if (pipe(pfd))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(pfd[0]);
		if (what == 0)
			(void)*(volatile uint32_t *)addr;
		else if (what == 1)
			*(volatile uint32_t *)addr = 0;
		else
			((void (*)(void))addr)();
		_exit(0);
	}
	close(pfd[1]);
	close(pfd[0]);
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFSIGNALED(st) ? WTERMSIG(st) : 0;
}

static int cpu_has_nx(void)
{
	char line[1024];
	FILE *f = fopen("/proc/cpuinfo", "r");
	int nx = 0;

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "flags", 5)) {
			line[strcspn(line, "\n")] = ' ';
			nx = strstr(line, " nx ") != NULL;
			break;
		}
	if (f)
		fclose(f);
	return nx;
}

/* Normal mode: the [vvar] line; 1 if it is one r--p page right below [vdso]. */
static int vvar_line(unsigned long vdso, char *seen, size_t len)
{
	FILE *f = fopen("/proc/self/maps", "r");
	unsigned long lo, hi;
	char line[256], perms[8];
	int ok = 0;

	snprintf(seen, len, "no [vvar] line");
	while (f && fgets(line, sizeof(line), f)) {
		if (!strstr(line, "[vvar]") || sscanf(line, "%lx-%lx %7s", &lo, &hi, perms) != 3)
			continue;
		line[strcspn(line, "\n")] = 0;
		snprintf(seen, len, "%.100s", line);
		ok = hi == vdso && hi - lo == RELVDSO_DATA_SIZE && !strcmp(perms, "r--p");
	}
	if (f)
		fclose(f);
	return ok;
}

void group_datapage(struct rv_env *e)
{
	uintptr_t page = e->vdso_base - RELVDSO_DATA_SIZE, fault;
	int ok = 1, rd, wr, ex = -1, nx = cpu_has_nx();
	char maps[160] = "", exec[80];
	uint32_t magic = 0;

	if (!e->vdso_base) {
		SKIP("datapage", "no vDSO");
		return;
	}
	if (e->mode == UT_NORMAL)
		ok &= vvar_line(e->vdso_base, maps, sizeof(maps));
	else
		ok &= page == e->base - RELVDSO_DATA_SIZE;
	rd = child_signal(page, 0, &fault);
	if (!rd)
		magic = *(volatile uint32_t *)page;
	wr = child_signal(page, 1, &fault);
	if (nx) {
		ex = child_signal(page, 2, &fault);
		snprintf(exec, sizeof(exec), "execute: signal %d (want SIGSEGV)", ex);
	} else {
		snprintf(exec, sizeof(exec), "execute: not tried, the CPU has no NX (i386 cannot forbid it)");
	}
	ok &= !rd && magic == RELVDSO_DATA_MAGIC && wr == SIGSEGV && (!nx || ex == SIGSEGV);
	CHECK(ok, "datapage", "%s 0x%08lx%s%s: read %s, magic 0x%08x (want 0x%08x), write: signal %d (want SIGSEGV), %s",
	      e->mode == UT_NORMAL ? "normal:" : "compat:", (unsigned long)page, maps[0] ? ", maps " : "",
	      maps, rd ? "FAULTS" : "ok", magic, RELVDSO_DATA_MAGIC, wr, exec);
}
