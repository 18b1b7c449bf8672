// SPDX-License-Identifier: GPL-2.0-only
/* See init.h: run a program, echo its output as "  | " lines, keep it. */
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "init.h"

#define RUN_ALARM 60	/* seconds; the alarm survives exec */

static char outbuf[32768];

static void keep_last_line(size_t len, struct rv_run *r)
{
	char *l;

	while (len && outbuf[len - 1] == '\n')
		outbuf[--len] = 0;
	l = strrchr(outbuf, '\n');
	l = l ? l + 1 : outbuf;
	len = strlen(l);
	if (len >= sizeof(r->last))
		len = sizeof(r->last) - 1;
	memcpy(r->last, l, len);
	r->last[len] = 0;
}

pid_t rv_spawn(const char *const argv[], int (*setup)(const void *arg), const void *arg,
	       unsigned int secs, int *out)
{
	int pfd[2];
	pid_t pid;

	if (pipe(pfd))
		return -1;
	pid = fork();
	if (pid == 0) {
		dup2(pfd[1], 1);
		dup2(pfd[1], 2);
		close(pfd[0]);
		close(pfd[1]);
		if (setup && setup(arg))
			_exit(126);
		alarm(secs);	/* survives exec: the time limit */
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(pfd[1]);
	if (pid < 0) {
		close(pfd[0]);
		return -1;
	}
	*out = pfd[0];
	return pid;
}

static int enter_root(const void *root)
{
	return chroot(root) || chdir("/");
}

void rv_run(const char *root, const char *const argv[], struct rv_run *r)
{
	size_t len = 0, echoed = 0;
	int fd, st;
	ssize_t n;
	pid_t pid;
	char *p;

	r->status = -1;
	r->output = outbuf;
	r->last[0] = outbuf[0] = 0;
	pid = rv_spawn(argv, root ? enter_root : NULL, root, RUN_ALARM, &fd);
	if (pid < 0)
		return;
	while ((n = read(fd, outbuf + len, sizeof(outbuf) - 1 - len)) > 0) {
		len += n;
		outbuf[len] = 0;
		while ((p = strchr(outbuf + echoed, '\n'))) {
			rv_out("  | %.*s\n", (int)(p - (outbuf + echoed)), outbuf + echoed);
			echoed = p + 1 - outbuf;
		}
		if (len == sizeof(outbuf) - 1) {	/* keep the newest half */
			memmove(outbuf, outbuf + len / 2, len - len / 2);
			len -= len / 2;
			echoed = echoed > len / 2 ? echoed - len / 2 : 0;
		}
	}
	outbuf[len] = 0;
	close(fd);
	keep_last_line(len, r);
	if (waitpid(pid, &st, 0) < 0)
		return;
	r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}
