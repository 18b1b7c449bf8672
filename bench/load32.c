// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench-load32: the i386 workloads the runner-overhead benchmark launches,
 * natively and under vdsorun.  Built twice: dynamic (glibc's ld.so) and
 * -static.
 *
 *   bench-load32 true          exit 0 at once: start-up latency
 *   bench-load32 getppid N     N x getppid() through libc, which enters the
 *                              kernel via AT_SYSINFO (__kernel_vsyscall):
 *                              the host's vDSO natively, ours under vdsorun
 *   bench-load32 clock N       N x clock_gettime(CLOCK_MONOTONIC) through
 *                              libc's vDSO lookup (__vdso_clock_gettime64)
 *   bench-load32 fork N        N x fork, the child _exit(0)s at once, wait:
 *                              the cost of a fork and an exit alone
 *   bench-load32 forkexec N PROG [ARG...]
 *                              N x fork + execv(PROG) + wait, each must exit 0
 *
 * Prints nothing; exit 1 on a wrong answer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long n = argc > 2 ? atol(argv[2]) : 0, i;

	if (argc >= 2 && !strcmp(argv[1], "true"))
		return 0;
	if (argc == 3 && !strcmp(argv[1], "getppid")) {
		pid_t want = getppid();

		for (i = 0; i < n; i++)
			if (getppid() != want)
				return 1;
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "clock")) {
		struct timespec ts, last = { 0, 0 };

		for (i = 0; i < n; i++) {
			if (clock_gettime(CLOCK_MONOTONIC, &ts))
				return 1;
			if (ts.tv_sec < last.tv_sec ||
			    (ts.tv_sec == last.tv_sec && ts.tv_nsec < last.tv_nsec))
				return 1;
			last = ts;
		}
		return 0;
	}
	if ((argc == 3 && !strcmp(argv[1], "fork")) ||
	    (argc >= 4 && !strcmp(argv[1], "forkexec"))) {
		char **prog = argc >= 4 ? &argv[3] : NULL;	/* fork: none */

		for (i = 0; i < n; i++) {
			int status;
			pid_t pid = fork();

			if (pid == 0) {
				if (prog)
					execv(prog[0], prog);
				_exit(prog ? 127 : 0);
			}
			if (pid < 0 || waitpid(pid, &status, 0) != pid ||
			    !WIFEXITED(status) || WEXITSTATUS(status))
				return 1;
		}
		return 0;
	}
	fprintf(stderr, "usage: bench-load32 true | getppid N | clock N | fork N | forkexec N PROG [ARG...]\n");
	return 2;
}
