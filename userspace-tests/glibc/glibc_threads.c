// SPDX-License-Identifier: GPL-2.0-only
/*
 * Threads: each thread's TCB carries the syscall entry; clock reads in two
 * threads stay monotonic; a thread blocked in read() is cancelled (deferred
 * cancellation acts inside the blocking call, and the forced unwind must
 * walk out of the system call — through __kernel_vsyscall's CFI — running
 * the cleanup handler on the way).
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <string.h>
#include <sys/auxv.h>
#include <time.h>
#include <unistd.h>

#include "glibc_tests.h"

static int pipe_fd[2];
static volatile int cleanup_ran, in_read;

static void on_cleanup(void *arg)
{
	(void)arg;
	cleanup_ran = 1;
}

static void *blocked_reader(void *arg)
{
	char c;

	(void)arg;
	pthread_cleanup_push(on_cleanup, NULL);
	in_read = 1;
	if (read(pipe_fd[0], &c, 1) >= 0)
		in_read = 2;	/* must never get here */
	pthread_cleanup_pop(0);
	return NULL;
}

static void *clock_reader(void *arg)
{
	struct timespec a, b;
	int i;

	(void)arg;
	for (i = 0; i < 2000; i++) {
		clock_gettime(CLOCK_MONOTONIC, &a);
		clock_gettime(CLOCK_MONOTONIC, &b);
		if (b.tv_sec < a.tv_sec || (b.tv_sec == a.tv_sec && b.tv_nsec < a.tv_nsec))
			return (void *)1;
	}
	return NULL;
}

static void *tcb_reader(void *arg)
{
	uint32_t v;

	(void)arg;
	__asm__("movl %%gs:0x10, %0" : "=r"(v));
	return (void *)(uintptr_t)v;
}

void glibc_check_threads(void)
{
	struct timespec nap = { 0, 50 * 1000 * 1000 };
	pthread_t t1, t2;
	void *r1 = (void *)-1, *r2 = (void *)-1, *res = NULL;
	uint32_t mine;

	__asm__("movl %%gs:0x10, %0" : "=r"(mine));
	pthread_create(&t1, NULL, tcb_reader, NULL);
	pthread_join(t1, &r1);
	ut_check((uint32_t)(uintptr_t)r1 == mine, "a new thread's TCB has the same syscall entry 0x%08x", mine);

	pthread_create(&t1, NULL, clock_reader, NULL);
	pthread_create(&t2, NULL, clock_reader, NULL);
	pthread_join(t1, &r1);
	pthread_join(t2, &r2);
	ut_check(!r1 && !r2, "CLOCK_MONOTONIC never goes back in two concurrent threads");

	if (!ut_check(pipe(pipe_fd) == 0, "pipe"))
		return;
	pthread_create(&t1, NULL, blocked_reader, NULL);
	while (!in_read)
		nanosleep(&nap, NULL);
	nanosleep(&nap, NULL);		/* let it block inside read() */
	ut_check(pthread_cancel(t1) == 0, "pthread_cancel of a thread blocked in read()");
	ut_check(pthread_join(t1, &res) == 0 && res == PTHREAD_CANCELED && cleanup_ran && in_read == 1,
		 "cancelled: PTHREAD_CANCELED, cleanup handler ran (unwound out of the system call)");
	close(pipe_fd[0]);
	close(pipe_fd[1]);
}
