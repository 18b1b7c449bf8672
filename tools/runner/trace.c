// SPDX-License-Identifier: GPL-2.0-only
/*
 * --trace=always: every process of the tree is a tracee for its whole life.
 * PTRACE_SEIZE (not TRACEME) so that job control keeps working: group-stops
 * come as PTRACE_EVENT_STOP and are answered with PTRACE_LISTEN.  Forks,
 * vforks and clones are followed automatically; every exec of an i386 image
 * gets our vDSO before it runs.  Nothing stops on system calls.  The
 * fallback for kernels without what seize.c needs, and its comparison.
 *
 * vdsorun is a child subreaper and uses PTRACE_O_EXITKILL: when the program
 * ends, what it left running is killed and reaped; when vdsorun dies, the
 * kernel kills the whole tree.  No process outlives the run.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include "runner.h"

static volatile sig_atomic_t main_pid;

/* @go: a pipe the parent writes a byte to once it has seized us. */
static void run_child(const struct runner_opts *opts, const char *path, pid_t parent, const int go[2])
{
	char byte;
	int err;

	close(go[1]);
	runner_child_prepare(opts, parent);
	/* EOF without the byte: vdsorun died (its files close before its children hear of it) */
	while ((err = (int)read(go[0], &byte, 1)) < 0 && errno == EINTR)
		;
	if (err != 1)
		_exit(RUNNER_EXIT_FAILURE);
	close(go[0]);
	runner_child_exec(path, opts->argv);
}

static bool is_stop_signal(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

static void kill_all(struct pid_set *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		kill(s->pids[i], SIGKILL);
}

int runner_trace_always(struct runner_vdso *rv, const struct runner_opts *opts, const char *path)
{
	const long options = PTRACE_O_TRACEEXEC | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK |
			     PTRACE_O_TRACECLONE | PTRACE_O_EXITKILL;
	struct pid_set set = { 0 };
	int status, consumed = -1, main_status = W_EXITCODE(RUNNER_EXIT_FAILURE, 0);
	bool main_done = false, main_killed_by_us = false;
	pid_t pid = -1, child, parent = getpid();
	int go[2];

	prctl(PR_SET_CHILD_SUBREAPER, 1);
	child = pipe2(go, O_CLOEXEC) == 0 ? fork() : -1;
	if (child < 0) {
		perror("vdsorun: fork");
		return main_status;
	}
	if (child == 0)
		run_child(opts, path, parent, go);
	close(go[0]);
	if (ptrace(PTRACE_SEIZE, child, 0, options) != 0) {
		fprintf(stderr, "vdsorun: ptrace: %s\n", strerror(errno));
		kill(child, SIGKILL);
		waitpid(child, &status, 0);
		close(go[1]);
		return main_status;
	}
	main_pid = child;
	pid_set_add(&set, child);
	runner_forward_signals(&main_pid);
	if (write(go[1], "g", 1) != 1)	/* go on: exec */
		kill(child, SIGKILL);
	close(go[1]);

	for (;;) {
		int sig, event;

		if (consumed != -1) {	/* a death runner_exec_stop() reaped for us */
			status = consumed;
			consumed = -1;
		} else if ((pid = waitpid(-1, &status, __WALL)) < 0) {
			if (errno == EINTR)
				continue;
			break;		/* ECHILD: everyone is reaped */
		}
		if (WIFEXITED(status) || WIFSIGNALED(status)) {
			pid_set_remove(&set, pid);
			if (pid == child) {
				main_status = status;
				main_done = true;
				main_pid = 0;
				kill_all(&set);
			}
			continue;
		}
		if (!WIFSTOPPED(status))
			continue;
		pid_set_add(&set, pid);
		if (main_done) {	/* a straggler stopping after the program ended */
			kill(pid, SIGKILL);
			continue;
		}
		sig = WSTOPSIG(status);
		event = status >> 16;
		switch (event) {
		case PTRACE_EVENT_EXEC: {
			unsigned long former;

			if (ptrace(PTRACE_GETEVENTMSG, pid, 0, &former) == 0 && (pid_t)former != pid)
				pid_set_remove(&set, (pid_t)former);	/* a thread exec'd */
			switch (runner_exec_stop(rv, opts, pid, &sig, &consumed)) {
			case RUNNER_EXEC_RESUME:
				ptrace(PTRACE_CONT, pid, 0, sig);
				break;
			case RUNNER_EXEC_KILLED:
				main_killed_by_us |= pid == child;
				break;
			case RUNNER_EXEC_GONE:	/* its status comes next, from waitpid or @consumed */
				break;
			}
			break;
		}
		case PTRACE_EVENT_FORK:
		case PTRACE_EVENT_VFORK:
		case PTRACE_EVENT_CLONE: {
			unsigned long born;

			if (ptrace(PTRACE_GETEVENTMSG, pid, 0, &born) == 0)
				pid_set_add(&set, (pid_t)born);
			ptrace(PTRACE_CONT, pid, 0, 0);
			break;
		}
		case PTRACE_EVENT_STOP:
			/* a group-stop stays stopped (job control); a new tracee's first stop goes on */
			if (!is_stop_signal(sig)) {
				ptrace(PTRACE_CONT, pid, 0, 0);
				break;
			}
			ptrace(PTRACE_LISTEN, pid, 0, 0);
			if (pid == child)
				runner_mirror_stop();
			break;
		case 0:			/* signal-delivery-stop: deliver it */
			ptrace(PTRACE_CONT, pid, 0, sig);
			break;
		default:
			ptrace(PTRACE_CONT, pid, 0, 0);
			break;
		}
	}
	free(set.pids);
	if (main_killed_by_us)
		return W_EXITCODE(RUNNER_EXIT_FAILURE, 0);
	return main_status;
}
