// SPDX-License-Identifier: GPL-2.0-only
/*
 * Acting inside a stopped i386 tracee: memory through /proc/PID/mem, and
 * system calls through a gate lent at the new image's entry point,
 * `pop %eax; int $0x80; int3`: registers set, PTRACE_CONT, and the int3's
 * SIGTRAP stops it with the result in %eax.  From the exec stop, execve
 * still has its result to store in %eax, so the first call takes its
 * number from the stack (the pop); later ones enter past the pop.  (A
 * single step would cost a stop more: the first one from an exec stop
 * only reports the end of execve.)
 * /proc/PID/mem writes use FOLL_FORCE, so they reach read-only private
 * pages; that is how the gate and our never-writable mapping get their
 * bytes.  The entry point's page becomes the process's own copy, with the
 * file's bytes back once remote_restore() ran.
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
	t->at_exec_stop = true;
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

static const uint8_t gate_code[sizeof(((struct tracee *)0)->saved)] = { 0x58, 0xcd, 0x80, 0xcc };
#define GATE_PAST_POP	1

bool remote_alive(struct tracee *t)
{
	struct user_regs_struct probe;

	if (!t->gone && ptrace(PTRACE_GETREGS, t->pid, 0, &probe) != 0 && errno == ESRCH)
		t->gone = true;
	return !t->gone;
}

bool remote_lend_gate(struct tracee *t)
{
	t->gate = (uint32_t)t->regs.rip;
	if (!remote_read(t, t->gate, t->saved, sizeof(t->saved)) ||
	    !remote_write(t, t->gate, gate_code, sizeof(gate_code)))
		return false;
	t->poked = true;
	return true;
}

/*
 * Resume until the gate's int3 stops the tracee.  Signals that arrive
 * meanwhile are held back and re-delivered when it resumes; other stops
 * (PTRACE_EVENT_STOP of an interrupt) are resumed past.
 */
static bool run_to_int3(struct tracee *t, struct user_regs_struct *after)
{
	int status;

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
		if (WSTOPSIG(status) == SIGTRAP && (status >> 16) == 0) {
			if (!ptrace_ok(t, ptrace(PTRACE_GETREGS, t->pid, 0, after)))
				return false;
			if (after->rip == (unsigned long long)t->gate + sizeof(gate_code))
				return true;
		} else if ((status >> 16) == 0) {
			t->pending_signal = WSTOPSIG(status);
		}
		if (!ptrace_ok(t, ptrace(PTRACE_CONT, t->pid, 0, 0)))
			return false;
	}
}

bool remote_syscall(struct tracee *t, uint32_t nr, const uint32_t args[6], int32_t *ret)
{
	struct user_regs_struct r = t->regs, after;

	if (t->at_exec_stop) {
		r.rsp -= sizeof(nr);
		if (!remote_write(t, (uint32_t)r.rsp, &nr, sizeof(nr)))
			return false;
		r.rip = t->gate;
		t->at_exec_stop = false;
	} else {
		r.rip = t->gate + GATE_PAST_POP;
	}
	r.rax = nr;
	r.orig_rax = (unsigned long long)-1;	/* no syscall-restart games on resume */
	r.rbx = args[0];
	r.rcx = args[1];
	r.rdx = args[2];
	r.rsi = args[3];
	r.rdi = args[4];
	r.rbp = args[5];
	if (!ptrace_ok(t, ptrace(PTRACE_SETREGS, t->pid, 0, &r)) ||
	    !ptrace_ok(t, ptrace(PTRACE_CONT, t->pid, 0, 0)) || !run_to_int3(t, &after))
		return false;
	*ret = (int32_t)(uint32_t)after.rax;
	return true;
}

bool remote_restore(struct tracee *t)
{
	bool ok = true;

	if (t->poked) {
		ok = remote_write(t, t->gate, t->saved, sizeof(t->saved));
		t->poked = false;
	}
	return ptrace_ok(t, ptrace(PTRACE_SETREGS, t->pid, 0, &t->regs)) && ok;
}
