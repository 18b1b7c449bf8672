// SPDX-License-Identifier: GPL-2.0-only
/*
 * --trace=exec: vdsorun holds a process only from the entry of its execve
 * to the first instruction of the new image.
 *
 * A seccomp filter (installed in vdsorun before the first fork, so that the
 * whole tree inherits it) turns execve and execveat, i386 and x86-64 alike,
 * into user notifications.  At each one vdsorun PTRACE_SEIZEs the thread,
 * interrupts it (the notification, once received, waits killably, so the
 * interrupt waits for the call's end), checks that the notification is
 * still the thread's (NOTIF_ID_VALID: the pid was not reused) and lets the
 * call go on (FLAG_CONTINUE): the exec either stops at PTRACE_EVENT_EXEC
 * (which consumes the interrupt), where vdsorun installs our vDSO into an
 * i386 image, or fails and the interrupt stops the thread before its next
 * instruction in user mode.  Either way vdsorun detaches.
 * Between execs nothing is traced: forks, exits, signals and job control
 * are the kernel's own, and the programs may use ptrace themselves.
 *
 * A thread that another tracer holds (gdb's `run`, a PTRACE_TRACEME child)
 * cannot be seized: its exec goes on with the host's vDSO, and vdsorun says
 * so once.  When vdsorun dies the listener goes with it, and every later
 * exec in the tree fails with ENOSYS; the tree's cgroup is killed by its
 * keeper (tree.c), the program by its parent-death signal.
 */
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "runner.h"

#define X32_BIT	0x40000000u

/* Every way into exec, per audit architecture. */
static const struct exec_call {
	uint32_t arch, nr;
} exec_calls[] = {
	{ AUDIT_ARCH_X86_64, 59 },		/* execve */
	{ AUDIT_ARCH_X86_64, 322 },		/* execveat */
	{ AUDIT_ARCH_X86_64, X32_BIT | 520 },	/* x32 execve */
	{ AUDIT_ARCH_X86_64, X32_BIT | 545 },	/* x32 execveat */
	{ AUDIT_ARCH_I386, 11 },		/* execve */
	{ AUDIT_ARCH_I386, 358 },		/* execveat */
};

#define N_EXEC_CALLS	(sizeof(exec_calls) / sizeof(exec_calls[0]))
#define ROW_LEN		5	/* instructions per row of exec_calls */
#define FILTER_LEN	(ROW_LEN * N_EXEC_CALLS + 1)
#define N_CHILD_CLOSES	4	/* vdsorun's descriptors the program must not keep */

static volatile sig_atomic_t main_pid;

struct exec_tracer {
	struct runner_vdso *rv;
	const struct runner_opts *opts;
	int listener, sigfd;
	struct seccomp_notif *req;
	struct seccomp_notif_resp *resp;
	struct seccomp_notif_sizes sizes;
	struct pid_set seized;		/* threads held between an exec's entry and its end */
	pid_t child;
	int main_status;
	bool main_done, main_killed_by_us, foreign_said;
};

/* Each row: load arch, compare, load nr, compare, notify.  Anything else is allowed. */
static int install_filter(void)
{
	struct sock_filter f[FILTER_LEN];
	struct sock_fprog prog = { FILTER_LEN, f };
	unsigned int i, n = 0;

	for (i = 0; i < N_EXEC_CALLS; i++) {
		f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
						      offsetof(struct seccomp_data, arch));
		f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, exec_calls[i].arch, 0, 3);
		f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
						      offsetof(struct seccomp_data, nr));
		f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, exec_calls[i].nr, 0, 1);
		f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF);
	}
	f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	/* without CAP_SYS_ADMIN the kernel wants no_new_privs (setuid is ignored under a tracer anyway) */
	if (geteuid() != 0 && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		return -1;
	/* SPEC_ALLOW: the tree keeps the speculation mitigations it would have without us */
	return (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
			    SECCOMP_FILTER_FLAG_NEW_LISTENER | SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV |
			    SECCOMP_FILTER_FLAG_SPEC_ALLOW, &prog);
}

bool runner_trace_exec_available(const char **why)
{
	uint32_t action = SECCOMP_RET_USER_NOTIF;
	int major = 0, minor = 0;
	struct utsname u;

	*why = "seccomp user notification (Linux 5.0)";
	if (syscall(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &action) != 0)
		return false;
	*why = "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV (Linux 5.19)";
	return uname(&u) == 0 && sscanf(u.release, "%d.%d", &major, &minor) == 2 &&
	       (major > 5 || (major == 5 && minor >= 19));
}

/* TracerPid of @tid and the tracer's name; 0 if none, -1 if @tid is dying. */
static pid_t tracer_of(pid_t tid, char *name, size_t len)
{
	char path[64], line[256], state = 'X';
	int tracer = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)tid);
	f = fopen(path, "re");
	while (f && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "State: %c", &state) == 1 && (state == 'Z' || state == 'X'))
			tracer = -1;
		if (sscanf(line, "TracerPid: %d", &tracer) == 1 || tracer < 0)
			break;
	}
	if (f)
		fclose(f);
	else
		tracer = -1;
	snprintf(name, len, "?");
	snprintf(path, sizeof(path), "/proc/%d/comm", tracer);
	f = tracer > 0 ? fopen(path, "re") : NULL;
	if (f && fgets(name, (int)len, f))
		name[strcspn(name, "\n")] = '\0';
	if (f)
		fclose(f);
	return tracer;
}

/* Once per run (every time with --verbose, naming the tracer). */
static void note_unseizable(struct exec_tracer *x, pid_t tid, int err)
{
	char name[64];
	pid_t tracer;

	if (x->foreign_said && !x->opts->verbose)
		return;
	tracer = tracer_of(tid, name, sizeof(name));
	if (tracer < 0)
		return;		/* killed meanwhile: the seize failed for that */
	x->foreign_said = true;
	if (!tracer)
		fprintf(stderr, "vdsorun: pid %d: cannot hold its exec (%s): it runs with the host's vDSO\n",
			(int)tid, strerror(err));
	else if (x->opts->verbose)
		fprintf(stderr, "vdsorun: pid %d execs under another tracer, pid %d (%s): it runs with the host's vDSO\n",
			(int)tid, (int)tracer, name);
	else
		fprintf(stderr, "vdsorun: pid %d execs under another tracer: it runs with the host's vDSO\n",
			(int)tid);
}

static void on_notification(struct exec_tracer *x)
{
	pid_t tid;

	memset(x->req, 0, x->sizes.seccomp_notif);
	if (ioctl(x->listener, SECCOMP_IOCTL_NOTIF_RECV, x->req) != 0)
		return;		/* EINTR, or the caller died before we read it */
	tid = (pid_t)x->req->pid;
	if (!pid_set_has(&x->seized, tid)) {
		if (ptrace(PTRACE_SEIZE, tid, 0, PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL) == 0)
			pid_set_add(&x->seized, tid);
		else if (errno != ESRCH)
			note_unseizable(x, tid, errno);
	}
	/*
	 * Interrupt first: a received notification waits killably
	 * (WAIT_KILLABLE_RECV), so the trap only waits for the call's end.
	 * A good exec reaches its exec stop (which clears the trap); a failed
	 * one stops before its first instruction back in user mode.
	 */
	if (pid_set_has(&x->seized, tid))
		ptrace(PTRACE_INTERRUPT, tid, 0, 0);
	memset(x->resp, 0, x->sizes.seccomp_notif_resp);
	x->resp->id = x->req->id;
	x->resp->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
	/* still pending after the seize: @tid is the caller, not a reused pid */
	if (ioctl(x->listener, SECCOMP_IOCTL_NOTIF_ID_VALID, &x->req->id) == 0)
		ioctl(x->listener, SECCOMP_IOCTL_NOTIF_SEND, x->resp);
}

static void on_exit_status(struct exec_tracer *x, pid_t pid, int status)
{
	pid_set_remove(&x->seized, pid);
	if (pid == x->child) {
		x->main_status = status;
		x->main_done = true;
		main_pid = 0;
	}
}

static void on_exec_stop(struct exec_tracer *x, pid_t pid)
{
	unsigned long former;
	int sig, status;

	/* a non-leader thread that exec'd now has the leader's pid */
	if (ptrace(PTRACE_GETEVENTMSG, pid, 0, &former) == 0)
		pid_set_remove(&x->seized, (pid_t)former);
	pid_set_remove(&x->seized, pid);
	switch (runner_exec_stop(x->rv, x->opts, pid, &sig, &status)) {
	case RUNNER_EXEC_RESUME:
		ptrace(PTRACE_DETACH, pid, 0, sig);
		break;
	case RUNNER_EXEC_KILLED:
		x->main_killed_by_us |= pid == x->child;
		break;
	case RUNNER_EXEC_GONE:
		if (status != -1)
			on_exit_status(x, pid, status);
		break;
	}
}

static void on_wait(struct exec_tracer *x, pid_t pid, int status)
{
	int event = status >> 16;

	if (!WIFSTOPPED(status)) {
		on_exit_status(x, pid, status);
	} else if (event == PTRACE_EVENT_EXEC) {
		on_exec_stop(x, pid);
	} else if (pid_set_remove(&x->seized, pid)) {
		/* the exec failed (or never began): let go; a signal stop hands its signal on */
		ptrace(PTRACE_DETACH, pid, 0, event ? 0 : WSTOPSIG(status));
	} else if (pid == x->child) {
		runner_mirror_stop();	/* job control: the program stopped */
	}
}

static void reap(struct exec_tracer *x)
{
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG | WUNTRACED | __WALL)) > 0)
		on_wait(x, pid, status);
}

static void child_exec(const struct runner_opts *opts, const char *path, pid_t parent,
		       const sigset_t *mask, const int *fds, size_t nfds)
{
	size_t i;

	for (i = 0; i < nfds; i++)
		close(fds[i]);
	sigprocmask(SIG_SETMASK, mask, NULL);
	runner_child_prepare(opts, parent);
	runner_child_exec(path, opts->argv);
}

static bool tracer_init(struct exec_tracer *x)
{
	if (syscall(SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, &x->sizes) != 0)
		return false;
	x->req = calloc(1, x->sizes.seccomp_notif);
	x->resp = calloc(1, x->sizes.seccomp_notif_resp);
	x->listener = install_filter();
	return x->req && x->resp && x->listener >= 0;
}

int runner_trace_exec(struct runner_vdso *rv, const struct runner_opts *opts, const char *path)
{
	struct exec_tracer x = { .rv = rv, .opts = opts, .listener = -1, .sigfd = -1,
				 .main_status = W_EXITCODE(RUNNER_EXIT_FAILURE, 0) };
	/* the spawned child reads these while it runs: they live as long as this frame */
	struct runner_tree tree;
	struct runner_spawn spawn = { 0 };
	int fds[N_CHILD_CLOSES];
	sigset_t chld, old;
	pid_t parent = getpid();

	prctl(PR_SET_CHILD_SUBREAPER, 1);
	/* the keeper first: it must hold no copy of the listener */
	if (!runner_tree_open(&tree) && opts->verbose)
		fprintf(stderr, "vdsorun: no cgroup for the tree (cgroup v2 not writable here): "
			"if vdsorun dies, processes other than the program survive it\n");
	if (!tracer_init(&x)) {
		fprintf(stderr, "vdsorun: cannot install the exec filter: %s (try --trace=always)\n",
			strerror(errno));
		goto out;
	}
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, &old);
	x.sigfd = signalfd(-1, &chld, SFD_CLOEXEC | SFD_NONBLOCK);
	fds[0] = x.listener;
	fds[1] = x.sigfd;
	fds[2] = tree.alive_fd;
	fds[3] = tree.dir_fd;
	spawn = (struct runner_spawn){ path, opts->argv, environ, fds, N_CHILD_CLOSES, &old, parent, 0 };
	/* --root needs libc in the child (namespaces, mounts): a fork */
	x.child = x.sigfd < 0 ? -1 : opts->root ? runner_tree_fork(&tree) : runner_tree_spawn(&tree, &spawn);
	if (x.child == 0)
		child_exec(opts, path, parent, &old, fds, N_CHILD_CLOSES);
	if (x.child < 0) {
		perror("vdsorun: fork");
		goto out;
	}
	main_pid = x.child;
	runner_forward_signals(&main_pid);
	for (;;) {
		struct pollfd p[2] = { { x.listener, POLLIN, 0 }, { x.sigfd, POLLIN, 0 } };
		struct signalfd_siginfo si;

		reap(&x);
		if (x.main_done)
			break;
		if (poll(p, 2, -1) < 0 && errno != EINTR)
			break;
		while (read(x.sigfd, &si, sizeof(si)) == sizeof(si))
			;
		if (p[0].revents & POLLIN)
			on_notification(&x);
	}
	runner_reap_all(tree.keeper);
	if (spawn.err)
		fprintf(stderr, "vdsorun: %s: %s\n", path, strerror(spawn.err));
out:
	runner_tree_close(&tree);
	if (x.listener >= 0)
		close(x.listener);
	if (x.sigfd >= 0)
		close(x.sigfd);
	free(x.req);
	free(x.resp);
	free(x.seized.pids);
	return x.main_killed_by_us ? W_EXITCODE(RUNNER_EXIT_FAILURE, 0) : x.main_status;
}
