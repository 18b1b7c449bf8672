// SPDX-License-Identifier: GPL-2.0-only
/*
 * Job control through a real pseudo-terminal: an interactive bash (forkpty)
 * runs wait-target (i386, userspace-tests/gdb-target) natively, as the
 * reference, and under vdsorun in both --trace modes, and each time:
 *
 *   ^Z    the program stops, bash prints "[1]+  Stopped  COMMAND" and its
 *         prompt comes back
 *   jobs  lists the job as Stopped
 *   fg    the program runs again (its SIGCONT handler prints)
 *   ^C    the program dies; `echo "rc=$?"` prints rc=130
 *
 * The outcomes are the same fixed ones in every case: bash sees the job
 * exactly as it sees the native program.  Every read is bounded (a prompt
 * that does not come back fails the test, it does not hang it).
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check_main.h"
#include "proc_run.h"
#include "vdso_testutil.h"

#define PROMPT		"RVJOBCTL> "
#define WAIT_MS		10000		/* the longest any step may take */
#define TRANSCRIPT_MAX	65536

/* How the shell starts the program: natively or under vdsorun --trace=HOW. */
static const char *const traces[] = { NULL, "exec", "always" };

struct shell {
	pid_t pid;
	int fd;			/* the pty's master side */
	size_t len, seen;	/* transcript bytes read, and those a step has consumed */
	char text[TRANSCRIPT_MAX];
	char step[TRANSCRIPT_MAX];	/* what the last expect() consumed */
};

static long ms_since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t0->tv_sec) * 1000 + (now.tv_nsec - t0->tv_nsec) / 1000000;
}

/* Read until @needle appears after what earlier steps consumed; returns that stretch. */
static const char *expect(struct shell *sh, const char *needle)
{
	struct timespec t0;
	size_t n_step;
	char *hit;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (!(hit = strstr(sh->text + sh->seen, needle))) {
		struct pollfd p = { sh->fd, POLLIN, 0 };
		long left = WAIT_MS - ms_since(&t0);
		int ready = left > 0 ? poll(&p, 1, (int)left) : 0;
		ssize_t n;

		if (ready < 0 && errno == EINTR)
			continue;
		n = ready > 0 ? read(sh->fd, sh->text + sh->len, sizeof(sh->text) - 1 - sh->len) : 0;
		if (n <= 0)	/* the time is up, or the shell is gone (EIO) */
			ck_abort_msg("no '%s' within %d ms; the terminal showed: ...%s", needle, WAIT_MS,
				     sh->text + (sh->len > 600 ? sh->len - 600 : 0));
		sh->len += (size_t)n;
		sh->text[sh->len] = '\0';
	}
	n_step = (size_t)(hit + strlen(needle) - sh->text) - sh->seen;
	memcpy(sh->step, sh->text + sh->seen, n_step);
	sh->step[n_step] = '\0';
	sh->seen += n_step;
	return sh->step;
}

static void type(struct shell *sh, const char *keys)
{
	ck_assert_int_eq(write(sh->fd, keys, strlen(keys)), (ssize_t)strlen(keys));
}

static void shell_start(struct shell *sh)
{
	static char *const env[] = { "TERM=dumb", "PS1=" PROMPT, "PATH=/usr/bin:/bin", "HOME=/", NULL };
	static char *const argv[] = { "bash", "--norc", "--noprofile", "--noediting", "-i", NULL };

	ck_assert_msg(access("/bin/bash", X_OK) == 0, "no /bin/bash (Debian's bash package)");
	memset(sh, 0, sizeof(*sh));
	sh->pid = forkpty(&sh->fd, NULL, NULL, NULL);
	ck_assert_msg(sh->pid >= 0, "forkpty: %s", strerror(errno));
	if (sh->pid == 0) {
		execve("/bin/bash", argv, env);
		_exit(127);
	}
	expect(sh, PROMPT);
}

/* 'T' a job-control stop; 't' a tracer's stop (where --trace=always holds it) */
static bool is_stopped(pid_t pid)
{
	return proc_state(pid) == 'T' || proc_state(pid) == 't';
}

/* bash's line for job 1 in @text is "[1]+  Stopped" then the command, nothing between. */
static void assert_job_stopped(const char *text, const char *command, const char *when)
{
	const char *line = strstr(text, "[1]+  "), *p;

	ck_assert_msg(line, "%s: no line for job [1]+ in: %s", when, text);
	p = line + strlen("[1]+  ");
	ck_assert_msg(!strncmp(p, "Stopped ", 8), "%s: job state is not Stopped: %.80s", when, line);
	p += strspn(p + 7, " ") + 7;
	ck_assert_msg(!strncmp(p, command, strlen(command)), "%s: the job is not '%s': %.120s", when,
		      command, line);
}

START_TEST(test_jobctl)
{
	const char *trace = traces[_i], *text;
	char command[1024];
	struct shell *sh = malloc(sizeof(*sh));
	int program = 0, status;

	ck_assert_ptr_nonnull(sh);
	if (trace)
		snprintf(command, sizeof(command), "%s --trace=%s %s loop", build_path("bin/vdsorun"), trace,
			 build_path("userspace-tests/wait-target"));
	else
		snprintf(command, sizeof(command), "%s loop", build_path("userspace-tests/wait-target"));
	shell_start(sh);

	type(sh, command);
	type(sh, "\n");
	text = expect(sh, " looping");
	ck_assert_msg(sscanf(strstr(text, "wait-target: pid ") ? strstr(text, "wait-target: pid ") : "",
			     "wait-target: pid %d looping", &program) == 1, "no pid in: %s", text);

	type(sh, "\x1a");		/* ^Z */
	text = expect(sh, PROMPT);
	assert_job_stopped(text, command, "after ^Z");
	ck_assert_msg(is_stopped(program), "after ^Z the program (pid %d) is in state %c, not stopped",
		      program, proc_state(program));

	type(sh, "jobs\n");
	assert_job_stopped(expect(sh, PROMPT), command, "jobs");

	type(sh, "fg\n");
	expect(sh, "wait-target: continued");
	ck_assert_msg(!is_stopped(program), "after fg the program is still stopped (state %c)",
		      proc_state(program));

	type(sh, "\x03");		/* ^C */
	expect(sh, PROMPT);
	assert_proc_gone(program);
	type(sh, "echo \"rc=$?\"\n");
	text = expect(sh, PROMPT);
	ck_assert_msg(strstr(text, "\nrc=130\r\n"), "after ^C the status is not 130: %s", text);

	kill(sh->pid, SIGKILL);
	ck_assert_int_eq(waitpid(sh->pid, &status, 0), sh->pid);
	close(sh->fd);
	free(sh);
}
END_TEST

Suite *test_suite(void)
{
	Suite *s = suite_create("jobctl");
	TCase *tc = tcase_create("pty");

	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, test_jobctl, 0, sizeof(traces) / sizeof(traces[0]));
	suite_add_tcase(s, tc);
	return s;
}
