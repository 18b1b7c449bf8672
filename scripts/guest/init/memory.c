// SPDX-License-Identifier: GPL-2.0-only
/* The vDSO as memory: maps procmem ptrace readonly. */
#define _FILE_OFFSET_BITS 64	/* /proc/self/mem offsets above 2 GiB */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include "init.h"

static void test_maps(const struct rv_env *e)
{
	char line[256], want[32], seen[256] = "";
	FILE *f = fopen("/proc/self/maps", "r");
	int found = 0, other = 0;

	if (!f) {
		FAIL("maps", "cannot open /proc/self/maps: %s", strerror(errno));
		return;
	}
	snprintf(want, sizeof(want), "%08lx-", e->vdso_base);
	while (fgets(line, sizeof(line), f)) {
		if (!strstr(line, "[vdso]"))
			continue;
		line[strcspn(line, "\n")] = 0;
		snprintf(seen, sizeof(seen), "%s", line);
		if (e->vdso_base && !strncmp(line, want, strlen(want)) && strstr(line, "r-x"))
			found = 1;
		else
			other = 1;
	}
	fclose(f);
	if (!e->vdso_base)
		CHECK(!found && !other, "maps", "no vDSO: [vdso] line %s", other ? seen : "absent");
	else
		CHECK(found && !other, "maps", "[vdso] line: %s", seen[0] ? seen : "missing");
}

/* /proc/self/mem reads of the vDSO (ptrace's path). */
static void test_procmem(const struct rv_env *e)
{
	unsigned char buf[64];
	ssize_t n;
	int fd;

	if (!e->vdso_base) {
		SKIP("procmem", "no vDSO");
		return;
	}
	fd = open("/proc/self/mem", O_RDWR);
	if (fd < 0) {
		FAIL("procmem", "open /proc/self/mem: %s", strerror(errno));
		return;
	}
	n = pread(fd, buf, sizeof(buf), (off_t)e->vdso_base);
	if (n != sizeof(buf) || memcmp(buf, (void *)e->vdso_base, sizeof(buf))) {
		FAIL("procmem", "pread at 0x%08lx: %zd (%s)", e->vdso_base, n,
		     n < 0 ? strerror(errno) : "short or different");
	} else if (e->mode == UT_COMPAT) {
		/* The gate page is never writable, not even through /proc/PID/mem. */
		n = pwrite(fd, buf, 1, (off_t)e->vdso_base);
		CHECK(n < 0, "procmem", "pread ok; pwrite to the gate page %s", n < 0 ? "refused" : "ACCEPTED");
	} else {
		PASS("procmem", "pread of %zu bytes at 0x%08lx matches", sizeof(buf), e->vdso_base);
	}
	close(fd);
}

/* A debugger's view: PTRACE_PEEKTEXT of the vDSO from the parent. */
static void test_ptrace(const struct rv_env *e)
{
	long want, got;
	pid_t pid;
	int st, err;

	if (!e->vdso_base) {
		SKIP("ptrace", "no vDSO");
		return;
	}
	want = *(volatile long *)e->vdso_base;
	pid = fork();
	if (pid == 0) {
		ptrace(PTRACE_TRACEME, 0, 0, 0);
		raise(SIGSTOP);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	errno = 0;
	got = ptrace(PTRACE_PEEKTEXT, pid, (void *)e->vdso_base, 0);
	err = errno;
	kill(pid, SIGKILL);
	ptrace(PTRACE_DETACH, pid, 0, 0);
	waitpid(pid, &st, 0);
	CHECK(err == 0 && got == want, "ptrace", "PEEKTEXT at 0x%08lx: 0x%08lx (%s), want 0x%08lx",
	      e->vdso_base, (unsigned long)got, err ? strerror(err) : "ok", (unsigned long)want);
}

/* The gate page must never be writable from userspace either. */
static void test_readonly(const struct rv_env *e)
{
	pid_t pid;
	int st;

	if (!e->vdso_base) {
		SKIP("readonly", "no vDSO");
		return;
	}
	pid = fork();
	if (pid == 0) {
		*(volatile char *)e->vdso_base = 0;
		_exit(0);
	}
	waitpid(pid, &st, 0);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "readonly",
	      "write to AT_SYSINFO_EHDR: %s %d", WIFSIGNALED(st) ? "signal" : "exit",
	      WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
}

void group_memory(struct rv_env *e)
{
	test_maps(e);
	test_procmem(e);
	test_ptrace(e);
	test_readonly(e);
}
