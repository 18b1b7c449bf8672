// SPDX-License-Identifier: GPL-2.0-only
/*
 * Acting inside a stopped i386 tracee: memory through /proc/PID/mem, and
 * system calls by pointing its registers at an `int $0x80` and stepping
 * once.  /proc/PID/mem writes use FOLL_FORCE, so they reach read-only
 * private pages; that is how our never-writable mapping gets its bytes.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "runner.h"

bool remote_open(struct tracee *t, pid_t pid)
{
	char path[64];

	memset(t, 0, sizeof(*t));
	t->pid = pid;
	t->exit_status = -1;
	snprintf(path, sizeof(path), "/proc/%d/mem", (int)pid);
	t->mem_fd = open(path, O_RDWR | O_CLOEXEC);
	return ptrace(PTRACE_GETREGS, pid, 0, &t->regs) == 0;
}

void remote_close(struct tracee *t)
{
	if (t->mem_fd >= 0)
		close(t->mem_fd);
	t->mem_fd = -1;
}

bool remote_read(struct tracee *t, uint32_t addr, void *buf, size_t len)
{
	struct iovec local = { buf, len }, remote = { (void *)(uintptr_t)addr, len };

	if (t->mem_fd >= 0 && pread(t->mem_fd, buf, len, addr) == (ssize_t)len)
		return true;
	return process_vm_readv(t->pid, &local, 1, &remote, 1, 0) == (ssize_t)len;
}

bool remote_write(struct tracee *t, uint32_t addr, const void *buf, size_t len)
{
	return t->mem_fd >= 0 && pwrite(t->mem_fd, buf, len, addr) == (ssize_t)len;
}

/* A ptrace request on a tracee we hold stopped fails only if SIGKILL took it. */
static bool ptrace_ok(struct tracee *t, long ret)
{
	if (ret != 0 && errno == ESRCH)
		t->gone = true;
	return ret == 0;
}

/*
 * Step until the tracee reports the SIGTRAP of the finished step.  Signals
 * that arrive meanwhile are held back and re-delivered when it resumes;
 * any other stop (PTRACE_EVENT_STOP of an interrupt) is stepped past.
 */
static bool step_once(struct tracee *t)
{
	int status;

	if (!ptrace_ok(t, ptrace(PTRACE_SINGLESTEP, t->pid, 0, 0)))
		return false;
	for (;;) {
		if (waitpid(t->pid, &status, __WALL) != t->pid) {
			if (errno == EINTR)
				continue;
			return false;
		}
		if (!WIFSTOPPED(status)) {	/* died under us: keep its status for the caller */
			t->gone = true;
			t->exit_status = status;
			return false;
		}
		if (WSTOPSIG(status) == SIGTRAP && (status >> 16) == 0)
			return true;
		if ((status >> 16) == 0)
			t->pending_signal = WSTOPSIG(status);
		if (!ptrace_ok(t, ptrace(PTRACE_SINGLESTEP, t->pid, 0, 0)))
			return false;
	}
}

/*
 * The first step after an exec stop can trap on the way out of execve
 * itself, before our instruction ran: only an instruction pointer past the
 * `int $0x80` says the call happened.
 */
#define STEP_TRIES 3

bool remote_syscall(struct tracee *t, uint32_t nr, const uint32_t args[6], int32_t *ret)
{
	struct user_regs_struct r = t->regs, after;
	int i;

	r.rip = t->int80_addr;
	r.rax = nr;
	r.orig_rax = (unsigned long long)-1;	/* no syscall-restart games on resume */
	r.rbx = args[0];
	r.rcx = args[1];
	r.rdx = args[2];
	r.rsi = args[3];
	r.rdi = args[4];
	r.rbp = args[5];
	for (i = 0; i < STEP_TRIES; i++) {
		if (!ptrace_ok(t, ptrace(PTRACE_SETREGS, t->pid, 0, &r)) || !step_once(t) ||
		    !ptrace_ok(t, ptrace(PTRACE_GETREGS, t->pid, 0, &after)))
			return false;
		if (after.rip == (unsigned long long)t->int80_addr + 2) {
			*ret = (int32_t)(uint32_t)after.rax;
			return true;
		}
	}
	return false;
}

bool remote_restore(struct tracee *t)
{
	bool ok = true;

	if (t->poked) {
		ok = remote_write(t, t->int80_addr, t->saved, sizeof(t->saved));
		t->poked = false;
	}
	return ptrace_ok(t, ptrace(PTRACE_SETREGS, t->pid, 0, &t->regs)) && ok;
}
