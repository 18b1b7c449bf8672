// SPDX-License-Identifier: GPL-2.0-only
/*
 * An i386 program that waits for someone outside it (the matrix's debugger
 * cells, tests/test_jobctl.c):
 *
 *   wait-target attach  prints "wait-target: pid N waiting", then calls
 *                       target_tick() every 10 ms (main -> target_wait ->
 *                       target_tick) until a debugger sets target_released;
 *                       then prints "wait-target: released" and exits 0
 *   wait-target loop    prints "wait-target: pid N looping", then sleeps
 *                       until a signal ends it; each SIGCONT prints
 *                       "wait-target: continued"
 *
 * Neither waits forever: attach gives up after 60 s (exit 3), loop is
 * ended by SIGALRM after 60 s, so a failed test leaves nothing behind.
 * Built -O0 -g (dynamic glibc) so that every frame has a name.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define TICK_NS		10000000L
#define GIVE_UP_TICKS	6000		/* 60 s of ticks */
#define LOOP_ALARM_S	60

volatile int target_released;

__attribute__((noinline)) static void target_tick(int n)
{
	struct timespec ts = { 0, TICK_NS };

	(void)n;
	nanosleep(&ts, NULL);
}

__attribute__((noinline)) static int target_wait(void)
{
	int n;

	printf("wait-target: pid %d waiting\n", (int)getpid());
	fflush(stdout);
	for (n = 0; !target_released; n++) {
		if (n == GIVE_UP_TICKS) {
			fprintf(stderr, "wait-target: nobody released me\n");
			return 3;
		}
		target_tick(n);
	}
	printf("wait-target: released\n");
	return 0;
}

static void on_cont(int sig)
{
	static const char msg[] = "wait-target: continued\n";

	(void)sig;
	if (write(STDOUT_FILENO, msg, sizeof(msg) - 1) < 0)
		_exit(4);
}

__attribute__((noreturn)) static void target_loop(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_cont;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGCONT, &sa, NULL);
	alarm(LOOP_ALARM_S);
	printf("wait-target: pid %d looping\n", (int)getpid());
	fflush(stdout);
	for (;;)
		pause();
}

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";

	if (!strcmp(what, "attach"))
		return target_wait();
	if (!strcmp(what, "loop"))
		target_loop();
	fprintf(stderr, "usage: wait-target attach|loop\n");
	return 2;
}
