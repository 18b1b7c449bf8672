// SPDX-License-Identifier: GPL-2.0-only
/*
 * The ptrace event loop.  PTRACE_SEIZE (not TRACEME) so that job control
 * keeps working: group-stops come as PTRACE_EVENT_STOP and are answered with
 * PTRACE_LISTEN.  Forks, vforks and clones are followed automatically;
 * every exec of an i386 image gets our vDSO before it runs.  Nothing stops
 * on system calls, so a running program pays nothing for being traced.
 *
 * vdsorun is a child subreaper and uses PTRACE_O_EXITKILL: when the program
 * ends, what it left running is killed and reaped; when vdsorun dies, the
 * kernel kills the whole tree.  No process outlives the run.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include "runner.h"

#define USER32_CS	0x23	/* %cs of 32-bit user code on x86-64 Linux */

static volatile sig_atomic_t main_pid;

struct pid_set {
	pid_t *pids;
	size_t n, cap;
};

static void set_add(struct pid_set *s, pid_t pid)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->pids[i] == pid)
			return;
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 64;
		pid_t *p = realloc(s->pids, cap * sizeof(*p));

		if (!p)
			return;		/* untracked: EXITKILL still covers it */
		s->pids = p;
		s->cap = cap;
	}
	s->pids[s->n++] = pid;
}

static bool set_remove(struct pid_set *s, pid_t pid)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		if (s->pids[i] == pid) {
			s->pids[i] = s->pids[--s->n];
			return true;
		}
	}
	return false;
}

/* Signals sent to vdsorun by someone (not by the terminal, which signals the whole group). */
static void forward_signal(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (si->si_code <= 0 && main_pid > 0)
		kill(main_pid, sig);
}

static void install_forwarding(void)
{
	static const int forwarded[] = { SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2,
					 SIGWINCH, SIGCONT, SIGTSTP, SIGTTIN, SIGTTOU };
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = forward_signal;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(forwarded) / sizeof(forwarded[0]); i++)
		sigaction(forwarded[i], &sa, NULL);
}

static bool write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return false;
	n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text);
}

/*
 * Enter --root: a private mount namespace (inside a user namespace that maps
 * us to ourselves, when not root), the host's /proc bound at ROOT/proc so
 * that programs find /proc/self, then chroot.  The bind goes away with the
 * namespace; the host's mount table never sees it.
 */
static int enter_root(const char *root)
{
	char map[64], proc[PATH_MAX];
	uid_t uid = getuid();
	gid_t gid = getgid();
	struct stat st;

	if (geteuid() == 0) {
		if (unshare(CLONE_NEWNS) != 0)
			return -1;
	} else {
		if (unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0)
			return -1;
		snprintf(map, sizeof(map), "%u %u 1\n", (unsigned)uid, (unsigned)uid);
		if (!write_file("/proc/self/setgroups", "deny") ||
		    !write_file("/proc/self/uid_map", map))
			return -1;
		snprintf(map, sizeof(map), "%u %u 1\n", (unsigned)gid, (unsigned)gid);
		if (!write_file("/proc/self/gid_map", map))
			return -1;
	}
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
		return -1;
	snprintf(proc, sizeof(proc), "%s/proc", root);
	if (stat(proc, &st) == 0 && S_ISDIR(st.st_mode) &&
	    mount("/proc", proc, NULL, MS_BIND | MS_REC, NULL) != 0)
		fprintf(stderr, "vdsorun: warning: cannot provide %s: %s\n", proc, strerror(errno));
	if (chroot(root) != 0 || chdir("/") != 0)
		return -1;
	return 0;
}

static void run_child(const struct runner_opts *opts, const char *path)
{
	int err;

	if (opts->root && enter_root(opts->root) != 0) {
		fprintf(stderr, "vdsorun: cannot enter --root %s: %s%s\n", opts->root, strerror(errno),
			geteuid() ? " (user namespaces unavailable? run as root)" : "");
		_exit(RUNNER_EXIT_NOEXEC);
	}
	raise(SIGSTOP);		/* wait here until the parent has seized us */
	execv(path, opts->argv);
	err = errno;
	fprintf(stderr, "vdsorun: %s: %s\n", path, strerror(err));
	_exit(err == ENOENT ? RUNNER_EXIT_NOTFOUND : RUNNER_EXIT_NOEXEC);
}

static void log_exec(pid_t pid)
{
	char link[64], exe[512];
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/%d/exe", (int)pid);
	n = readlink(link, exe, sizeof(exe) - 1);
	exe[n > 0 ? n : 0] = '\0';
	fprintf(stderr, "vdsorun: pid %d exec %s\n", (int)pid, exe);
}

/* At an exec stop.  Returns the signal to resume with, or -1 if we killed the tracee. */
static int handle_exec(struct runner_vdso *rv, const struct runner_opts *opts, pid_t pid)
{
	struct tracee t;
	int sig;

	if (opts->verbose)
		log_exec(pid);
	if (!remote_open(&t, pid)) {
		remote_close(&t);
		return 0;		/* gone already */
	}
	if (t.regs.cs != USER32_CS) {	/* a 64-bit program: not ours to touch */
		remote_close(&t);
		return 0;
	}
	if (!runner_install(rv, &t, opts->verbose)) {
		remote_close(&t);
		kill(pid, SIGKILL);
		return -1;
	}
	sig = t.pending_signal;
	remote_close(&t);
	return sig;
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

int runner_trace(struct runner_vdso *rv, const struct runner_opts *opts, const char *path)
{
	const long options = PTRACE_O_TRACEEXEC | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK |
			     PTRACE_O_TRACECLONE | PTRACE_O_EXITKILL;
	struct pid_set set = { 0 };
	int status, main_status = W_EXITCODE(RUNNER_EXIT_FAILURE, 0);
	bool main_done = false, main_killed_by_us = false;
	pid_t pid, child;

	prctl(PR_SET_CHILD_SUBREAPER, 1);
	child = fork();
	if (child < 0) {
		perror("vdsorun: fork");
		return main_status;
	}
	if (child == 0)
		run_child(opts, path);

	if (waitpid(child, &status, WUNTRACED) != child || !WIFSTOPPED(status))
		return status;		/* could not even enter --root */
	if (ptrace(PTRACE_SEIZE, child, 0, options) != 0) {
		fprintf(stderr, "vdsorun: ptrace: %s\n", strerror(errno));
		kill(child, SIGKILL);
		waitpid(child, &status, 0);
		return main_status;
	}
	main_pid = child;
	set_add(&set, child);
	install_forwarding();
	kill(child, SIGCONT);

	for (;;) {
		int sig, event;

		pid = waitpid(-1, &status, __WALL);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			break;		/* ECHILD: everyone is reaped */
		}
		if (WIFEXITED(status) || WIFSIGNALED(status)) {
			set_remove(&set, pid);
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
		set_add(&set, pid);
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
				set_remove(&set, (pid_t)former);	/* a thread exec'd */
			sig = handle_exec(rv, opts, pid);
			if (sig < 0) {
				main_killed_by_us |= pid == child;
				continue;
			}
			ptrace(PTRACE_CONT, pid, 0, sig);
			break;
		}
		case PTRACE_EVENT_FORK:
		case PTRACE_EVENT_VFORK:
		case PTRACE_EVENT_CLONE: {
			unsigned long born;

			if (ptrace(PTRACE_GETEVENTMSG, pid, 0, &born) == 0)
				set_add(&set, (pid_t)born);
			ptrace(PTRACE_CONT, pid, 0, 0);
			break;
		}
		case PTRACE_EVENT_STOP:
			/* a group-stop stays stopped (job control); a new tracee's first stop goes on */
			if (is_stop_signal(sig))
				ptrace(PTRACE_LISTEN, pid, 0, 0);
			else
				ptrace(PTRACE_CONT, pid, 0, 0);
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
