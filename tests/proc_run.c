// SPDX-License-Identifier: GPL-2.0-only
/* Running a program from a Check test; see proc_run.h. */
#include <check.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "proc_run.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

pid_t run_start(char *const argv[], int *out_fd, int *err_fd)
{
	int o[2], e[2];
	pid_t pid;

	ck_assert_int_eq(pipe(o), 0);
	ck_assert_int_eq(pipe(e), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		dup2(o[1], 1);
		dup2(e[1], 2);
		close(o[0]);
		close(e[0]);
		execv(argv[0], argv);
		_exit(111);
	}
	close(o[1]);
	close(e[1]);
	*out_fd = o[0];
	*err_fd = e[0];
	return pid;
}

void run_drain(int *fd, char *buf)
{
	size_t len = strlen(buf);
	ssize_t n = read(*fd, buf + len, RUN_OUT_MAX - 1 - len);

	if (n > 0)
		len += (size_t)n;
	else
		*fd = -1;
	buf[len] = '\0';
}

void run_finish(pid_t pid, int out_fd, int err_fd, struct run *r)
{
	struct pollfd fds[2] = { { out_fd, POLLIN, 0 }, { err_fd, POLLIN, 0 } };
	double start = now();
	int open_fds = 2;

	while (open_fds && now() - start < RUN_LIMIT_S) {
		if (poll(fds, 2, 200) <= 0)
			continue;
		if (fds[0].revents)
			run_drain(&fds[0].fd, r->out);
		if (fds[1].revents)
			run_drain(&fds[1].fd, r->err);
		open_fds = (fds[0].fd >= 0) + (fds[1].fd >= 0);
	}
	if (open_fds)
		kill(pid, SIGKILL);
	close(out_fd);
	close(err_fd);
	ck_assert_int_eq(waitpid(pid, &r->status, 0), pid);
	r->seconds = now() - start;
	ck_assert_msg(!open_fds, "still running after %d s (hang)", RUN_LIMIT_S);
}

struct run *run_argv(char *const argv[])
{
	static struct run r;
	int o, e;
	pid_t pid;

	memset(&r, 0, sizeof(r));
	pid = run_start(argv, &o, &e);
	run_finish(pid, o, e, &r);
	return &r;
}

int run_exit_code(const struct run *r)
{
	return WIFEXITED(r->status) ? WEXITSTATUS(r->status) : -1;
}

struct run_result run(const char *fmt, ...)
{
	struct run_result r;
	char *cmd, *script;
	struct run *sh;
	va_list ap;

	va_start(ap, fmt);
	ck_assert_int_ge(vasprintf(&cmd, fmt, ap), 0);
	va_end(ap);
	/* the shell's own report of a fatal signal ("Illegal instruction") is noise */
	ck_assert_int_ge(asprintf(&script, "exec 2>/dev/null; (%s) 2>&1", cmd), 0);
	sh = run_argv((char *[]){ "/bin/sh", "-c", script, NULL });
	r.status = WIFEXITED(sh->status) ? WEXITSTATUS(sh->status) : 128 + WTERMSIG(sh->status);
	r.out = strdup(sh->out);
	ck_assert_ptr_nonnull(r.out);
	free(script);
	free(cmd);
	return r;
}

char proc_state(pid_t pid)
{
	char path[64], stat[512], *p;
	char state = '?';
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	f = fopen(path, "re");
	if (f && fgets(stat, sizeof(stat), f) && (p = strrchr(stat, ')')) != NULL && p[1] == ' ')
		state = p[2];
	if (f)
		fclose(f);
	return state;
}

bool proc_is_dead(pid_t pid)
{
	char state;

	if (kill(pid, 0) != 0)
		return errno == ESRCH;
	state = proc_state(pid);
	return state == '?' || state == 'Z';
}

void assert_proc_gone(pid_t pid)
{
	for (int tries = 0; tries < 100 && !proc_is_dead(pid); tries++)
		usleep(20000);
	ck_assert_msg(proc_is_dead(pid), "pid %d is still running", (int)pid);
}
