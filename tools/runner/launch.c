// SPDX-License-Identifier: GPL-2.0-only
/*
 * What both tracers share: the child's preparation before its exec, the
 * signals vdsorun passes on, job control, the exec stop, and the end of a
 * run.  A stopped program stops vdsorun too, so that the shell sees its job
 * stop, and a continued vdsorun continues the program if it is still
 * stopped (as su(1) does).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "runner.h"

#define USER32_CS	0x23	/* %cs of 32-bit user code on x86-64 Linux */

void pid_set_add(struct pid_set *s, pid_t pid)
{
	if (pid_set_has(s, pid))
		return;
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 64;
		pid_t *p = realloc(s->pids, cap * sizeof(*p));

		if (!p)
			return;		/* untracked: the end-of-run sweep still finds it */
		s->pids = p;
		s->cap = cap;
	}
	s->pids[s->n++] = pid;
}

bool pid_set_has(const struct pid_set *s, pid_t pid)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->pids[i] == pid)
			return true;
	return false;
}

bool pid_set_remove(struct pid_set *s, pid_t pid)
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

static volatile sig_atomic_t *forward_to;

/* Whether @pid is in a job-control stop (state T); async-signal-safe. */
static bool job_stopped(pid_t pid)
{
	char path[32] = "/proc/", buf[256], *p = path + 6, digits[16];
	ssize_t n;
	int fd, i = 0;

	do
		digits[i++] = (char)('0' + pid % 10);
	while ((pid /= 10) > 0);
	while (i > 0)
		*p++ = digits[--i];
	memcpy(p, "/stat", 6);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	p = strrchr(buf, ')');
	return p && p[1] == ' ' && p[2] == 'T';
}

/*
 * Signals sent to vdsorun by someone (not by the terminal, which signals
 * the whole group).  A SIGCONT only if the program is stopped: the shell's
 * `fg` continues the whole group, and a second one would run its handler
 * twice.
 */
static void forward_signal(int sig, siginfo_t *si, void *uc)
{
	int saved = errno;

	(void)uc;
	if (si->si_code <= 0 && *forward_to > 0 && (sig != SIGCONT || job_stopped(*forward_to)))
		kill(*forward_to, sig);
	errno = saved;
}

void runner_forward_signals(volatile sig_atomic_t *main_pid)
{
	static const int forwarded[] = { SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2,
					 SIGWINCH, SIGCONT, SIGTSTP, SIGTTIN, SIGTTOU };
	struct sigaction sa;
	size_t i;

	forward_to = main_pid;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = forward_signal;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(forwarded) / sizeof(forwarded[0]); i++)
		sigaction(forwarded[i], &sa, NULL);
}

void runner_mirror_stop(void)
{
	kill(getpid(), SIGSTOP);	/* the SIGCONT that ends it reaches the program too (forward_signal) */
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

void runner_child_prepare(const struct runner_opts *opts, pid_t parent)
{
	/* vdsorun gone before this line: do not run unwatched */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent)
		_exit(RUNNER_EXIT_FAILURE);
	if (opts->root && enter_root(opts->root) != 0) {
		fprintf(stderr, "vdsorun: cannot enter --root %s: %s%s\n", opts->root, strerror(errno),
			geteuid() ? " (user namespaces unavailable? run as root)" : "");
		_exit(RUNNER_EXIT_NOEXEC);
	}
}

/* Its executable's path; of a non-dumpable image only its name (comm) can be read. */
/* The exit code of an execve that failed with @err, as a shell's. */
int runner_exec_failure(int err)
{
	return err == ENOENT ? RUNNER_EXIT_NOTFOUND : RUNNER_EXIT_NOEXEC;
}

void runner_child_exec(const char *path, char *const argv[])
{
	int err;

	execv(path, argv);
	err = errno;
	fprintf(stderr, "vdsorun: %s: %s\n", path, strerror(err));
	_exit(runner_exec_failure(err));
}

static void exe_of(pid_t pid, char *exe, size_t len)
{
	char path[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/exe", (int)pid);
	n = readlink(path, exe, len - 1);
	if (n > 0) {
		exe[n] = '\0';
		return;
	}
	snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	n = fd < 0 ? -1 : read(fd, exe, len - 1);
	if (fd >= 0)
		close(fd);
	exe[n > 0 ? n : 0] = '\0';
	exe[strcspn(exe, "\n")] = '\0';
}

enum runner_exec_outcome runner_exec_stop(struct runner_vdso *rv, const struct runner_opts *opts,
					  pid_t pid, int *sig, int *status)
{
	enum runner_exec_outcome out = RUNNER_EXEC_RESUME;
	struct tracee t;
	char exe[512];

	*sig = 0;
	*status = -1;
	if (opts->verbose) {
		exe_of(pid, exe, sizeof(exe));
		fprintf(stderr, "vdsorun: pid %d exec %s\n", (int)pid, exe);
	}
	if (!remote_open(&t, pid)) {
		out = RUNNER_EXEC_GONE;		/* killed at the stop: its exit is still to come */
	} else if (t.regs.cs != USER32_CS) {
		;				/* a 64-bit program is not ours to touch */
	} else if (t.mem_fd < 0) {
		/* a file we may not read makes a non-dumpable image: no access to its memory */
		exe_of(pid, exe, sizeof(exe));
		fprintf(stderr, "vdsorun: pid %d: %s cannot be read (execute-only): it runs with the host's vDSO\n",
			(int)pid, exe);
	} else if (runner_install(rv, &t, opts->verbose)) {
		*sig = t.pending_signal;
	} else if (t.gone) {
		out = RUNNER_EXEC_GONE;
		*status = t.exit_status;
	} else {
		kill(pid, SIGKILL);
		out = RUNNER_EXEC_KILLED;
	}
	remote_close(&t);
	return out;
}

/* Our children now, from /proc (vdsorun is a subreaper: every orphan of the tree is one). */
static size_t children(pid_t *out, size_t max)
{
	char path[64], buf[4096];
	size_t n = 0;
	ssize_t len;
	char *p, *end;
	int fd;

	snprintf(path, sizeof(path), "/proc/self/task/%d/children", (int)getpid());
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[len > 0 ? len : 0] = '\0';
	for (p = buf; n < max; p = end) {
		long v = strtol(p, &end, 10);

		if (end == p)
			break;
		out[n++] = (pid_t)v;
	}
	return n;
}

void runner_reap_all(pid_t spare)
{
	pid_t kids[256];
	size_t i, n, others;
	int status;

	/* kill, reap, repeat: an orphan of a killed process becomes our child */
	do {
		n = children(kids, sizeof(kids) / sizeof(kids[0]));
		for (i = others = 0; i < n; i++) {
			if (kids[i] != spare) {
				kill(kids[i], SIGKILL);
				others++;
			}
		}
		while (others && waitpid(-1, &status, __WALL) < 0 && errno == EINTR)
			;
	} while (others);
}
