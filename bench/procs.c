// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench-procs: wall-clock time of whole commands, interleaved.
 *
 *   bench-procs [-r ROUNDS] [-k REPEAT] -- NAME CMD [ARG...] -- NAME CMD ...
 *
 * Each round runs every command REPEAT times back to back (the order of the
 * commands rotates per round), and prints one line per command:
 *   round NAME ROUND WALL_NS_PER_RUN CPU_NS_PER_RUN
 * CPU is user + system time of the whole process tree (wait4's rusage
 * includes the descendants the command waited for; vdsorun waits for all of
 * them as a subreaper): robust against other jobs on a shared machine,
 * while wall time is what a user waits.
 * A command that does not exit 0 stops the benchmark (exit 1): a number for
 * a failing run would be meaningless.  Output of the commands goes to
 * /dev/null.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct cmd {
	const char *name;
	char **argv;
};

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* Run @c once; return its CPU time (user + system, with descendants) in ns. */
static double run_once(const struct cmd *c)
{
	struct rusage ru;
	int status;
	pid_t pid = fork();

	if (pid < 0) {
		perror("bench-procs: fork");
		exit(1);
	}
	if (pid == 0) {
		int fd = open("/dev/null", O_RDWR);

		if (fd >= 0) {
			dup2(fd, 1);
			if (!getenv("BENCH_PROCS_STDERR"))
				dup2(fd, 2);
		}
		execvp(c->argv[0], c->argv);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) || WEXITSTATUS(status)) {
		fprintf(stderr, "bench-procs: %s (%s) failed: status 0x%x\n",
			c->name, c->argv[0], status);
		exit(1);
	}
	return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e9 +
	       (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1e3;
}

int main(int argc, char **argv)
{
	struct cmd cmds[16];
	long rounds = 5, repeat = 1, r, k;
	int ncmd = 0, i, opt;

	while ((opt = getopt(argc, argv, "+r:k:")) != -1) {
		switch (opt) {
		case 'r': rounds = atol(optarg); break;
		case 'k': repeat = atol(optarg); break;
		default: goto usage;
		}
	}
	/* optind now points past "--" */
	for (i = optind; i < argc;) {
		int j = i;

		while (j < argc && strcmp(argv[j], "--"))
			j++;
		if (j - i < 2 || ncmd == 16)
			goto usage;
		argv[j < argc ? j : argc] = NULL;	/* argv[argc] is NULL already */
		cmds[ncmd].name = argv[i];
		cmds[ncmd].argv = &argv[i + 1];
		ncmd++;
		i = j + 1;
	}
	if (!ncmd || rounds <= 0 || repeat <= 0)
		goto usage;
	setvbuf(stdout, NULL, _IOLBF, 0);

	for (i = 0; i < ncmd; i++)	/* warm the page cache */
		run_once(&cmds[i]);
	for (r = 0; r < rounds; r++) {
		for (i = 0; i < ncmd; i++) {
			const struct cmd *c = &cmds[(i + r) % ncmd];
			double t0 = now_ns(), cpu = 0;

			for (k = 0; k < repeat; k++)
				cpu += run_once(c);
			printf("round %s %ld %.0f %.0f\n", c->name, r,
			       (now_ns() - t0) / repeat, cpu / repeat);
		}
	}
	return 0;
usage:
	fprintf(stderr, "usage: bench-procs [-r ROUNDS] [-k REPEAT] -- NAME CMD [ARG...] [-- NAME CMD ...]\n");
	return 2;
}
