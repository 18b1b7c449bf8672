// SPDX-License-Identifier: GPL-2.0-only
/* A forked and an exec'd process get the vDSO too: fork exec (and the exec'd child). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "init.h"

#define PARENT_BASE "rvx_parent_base"	/* the exec test tells its child */

/* getpid through the vDSO when there is one, else libc's. */
static long vdso_getpid(const struct rv_env *e)
{
	return e->vdso_entry ? rv_vsys(e->vdso_entry, UT_NR_getpid, 0, 0, 0, 0, 0, 0) : getpid();
}

static void test_fork(const struct rv_env *e)
{
	pid_t pid;
	int st;

	pid = fork();
	if (pid == 0)
		_exit(vdso_getpid(e) == ut_int80(UT_NR_getpid, 0, 0, 0) ? 0 : 1);
	if (pid < 0) {
		FAIL("fork", "fork: %s", strerror(errno));
		return;
	}
	waitpid(pid, &st, 0);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "fork", "child's syscalls via the vDSO: status 0x%x", st);
}

static void test_exec(const struct rv_env *e)
{
	char base[32];
	pid_t pid;
	int st;

	snprintf(base, sizeof(base), "%lx", e->vdso_base);
	setenv(PARENT_BASE, base, 1);
	pid = fork();
	if (pid == 0) {
		execl("/init", "/init", "child", (char *)NULL);
		_exit(127);
	}
	waitpid(pid, &st, 0);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "exec", "exec'd child: status 0x%x", st);
}

/* Exit 0 when the exec'd image has a vDSO like its parent's (same address in compat). */
void exec_child(const struct rv_env *e)
{
	const char *pb = getenv(PARENT_BASE);
	unsigned long parent = pb ? strtoul(pb, NULL, 16) : 0;

	if (e->vdso_base && e->mode == UT_COMPAT && parent != e->vdso_base)
		exit(2);
	if ((e->vdso_base != 0) != (parent != 0))
		exit(3);
	exit(vdso_getpid(e) == getpid() ? 0 : 4);
}

void group_process(struct rv_env *e)
{
	test_fork(e);
	test_exec(e);
}
