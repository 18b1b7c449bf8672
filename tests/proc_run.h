/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Running a program from a Check test: its stdout, stderr and wait status,
 * with a hard time limit (a hang fails the test), and whether a process is
 * dead.  The one runner of the suites: argv as given (run_argv) or a shell
 * command line (run).
 */
#ifndef RELVDSO_TESTS_PROC_RUN_H
#define RELVDSO_TESTS_PROC_RUN_H

#include <stdbool.h>
#include <sys/types.h>

#define RUN_OUT_MAX	65536
#define RUN_LIMIT_S	20		/* a run taking longer is a hang */

struct run {
	int status;
	double seconds;
	char out[RUN_OUT_MAX];
	char err[RUN_OUT_MAX];
};

/* Start @argv with stdout and stderr on pipes. */
pid_t run_start(char *const argv[], int *out_fd, int *err_fd);
/* Append what @fd has to the NUL-terminated @buf; *fd = -1 at end of file. */
void run_drain(int *fd, char *buf);
/* Read both pipes to the end (killing the program past RUN_LIMIT_S: the test fails) and reap it. */
void run_finish(pid_t pid, int out_fd, int err_fd, struct run *r);
/* run_start + run_finish; the result lives until the next call. */
struct run *run_argv(char *const argv[]);
/* The exit code, or -1 for a death by signal. */
int run_exit_code(const struct run *r);

struct run_result {
	int status;		/* exit status, or 128 + signal */
	char *out;		/* stdout and stderr, NUL-terminated, malloc'd */
};

/* Run the command line @fmt with /bin/sh, through run_argv; the caller frees result.out. */
struct run_result run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The state letter of @pid in /proc/PID/stat (R, S, T, t, Z...); '?' if it is gone. */
char proc_state(pid_t pid);
/* Gone, or a zombie nobody has reaped yet (this sandbox's pid 1 does not reap). */
bool proc_is_dead(pid_t pid);
/* Wait up to two seconds for @pid to be dead; fail the test otherwise. */
void assert_proc_gone(pid_t pid);

#endif
